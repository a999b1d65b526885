// Plain Prometheus (no operator): services with `scrape.address` get a static scrape config in
// generated/prometheus/prometheus.yml, with the labels the ServiceMonitors attach, loading the plain
// rule files; promtool check config accepts it, rule files included.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateMonitors } from '../../src/artifacts/monitors/index.ts';
import { emitDocuments } from '../../src/emit/documents.ts';
import { baseCatalog, loadModel } from '../routes/fixture.ts';
import { runCli, tempProject, treeText } from '../support/project.ts';
import { tool } from '../support/tools.ts';

const promtool = tool('promtool');

interface ScrapeConfig {
  job_name: string;
  scrape_interval: string;
  metrics_path: string;
  static_configs: { targets: string[] }[];
  relabel_configs: { action: string; target_label: string; replacement: string }[];
}

describe('plain Prometheus config', () => {
  it('is absent when no service has a static address', () => {
    const files = emitDocuments(generateMonitors(loadModel(baseCatalog)).documents).map((f) => f.path);
    expect(files.some((f) => f.endsWith('prometheus.yml'))).toBe(false);
  });

  it('scrapes each service with an address, labelled as the rules select it', async () => {
    // A service the operator scrapes, and one with a static address, a shared job label and limits.
    const catalog = baseCatalog.replace(
      'scrape: { port: metrics, selector: { app: cloudviz } }',
      "scrape: { port: metrics, selector: { app: cloudviz }, address: 'cloudviz:9090', interval: 5s, job: web, sampleLimit: 1000 }",
    );
    const dir = await tempProject({
      'catalog.yaml': `settings:\n  staticAlertmanagers: ['alertmanager:9093']\n${catalog}`,
    });
    expect((await runCli(['gen'], dir)).code).toBe(0);
    const files = await treeText(path.join(dir, 'generated'));
    const config = parse(files['prometheus/prometheus.yml'] ?? '') as {
      rule_files: string[];
      scrape_configs: ScrapeConfig[];
      alerting: unknown;
    };
    expect(config.alerting).toEqual({
      alertmanagers: [{ static_configs: [{ targets: ['alertmanager:9093'] }] }],
    });
    expect(config.rule_files).toEqual(['rule-files/*.rules.yaml']);
    const cloudviz = config.scrape_configs.find((c) => c.job_name === 'cloudviz');
    expect(cloudviz?.static_configs).toEqual([{ targets: ['cloudviz:9090'] }]);
    expect(cloudviz).toMatchObject({ scrape_interval: '5s', scrape_timeout: '4s', sample_limit: 1000 });
    expect(
      Object.fromEntries(cloudviz?.relabel_configs.map((r) => [r.target_label, r.replacement]) ?? []),
    ).toEqual({
      service: 'cloudviz',
      team: 'platform',
      job: 'web',
    });
    // Only services with an address: the others are scraped by their ServiceMonitors.
    expect(config.scrape_configs.map((c) => c.job_name)).toEqual(['cloudviz']);
    if (promtool.path) {
      const out = execFileSync(
        promtool.path,
        ['check', 'config', path.join(dir, 'generated/prometheus/prometheus.yml')],
        {
          encoding: 'utf8',
        },
      );
      expect(out).toContain('SUCCESS');
    }
  });
});
