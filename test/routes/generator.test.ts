import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readAlertmanagerConfig } from '../../src/alertmanager/config.ts';
import { expectRoute } from '../../src/alertmanager/expect.ts';
import { routesPaths } from '../../src/artifacts/routes/index.ts';
import type { RoutingRow } from '../../src/artifacts/routes/table.ts';
import { tool } from '../support/tools.ts';
import { baseCatalog, generatedRoutes, loadModel } from './fixture.ts';

const output = generatedRoutes(loadModel());
const file = (p: string) => output.files.find((f) => f.path === p)?.content ?? '';
const plain = file(routesPaths.plain);
const rows = (parse(file(routesPaths.table)) as { rows: RoutingRow[] }).rows;

describe('routes generator', () => {
  it('reports no problems and writes the plain config, one CRD file per team and the table', () => {
    expect(output.problems).toEqual([]);
    expect(output.files.map((f) => f.path).sort()).toEqual([
      'alertmanager/alertmanager.yaml',
      'alertmanager/ml.yaml',
      'alertmanager/platform.yaml',
      'alertmanager/routing-table.yaml',
    ]);
  });

  it('groups by alertname, namespace, service with explicit timings', () => {
    const config = parse(plain) as { route: Record<string, unknown> };
    expect(config.route).toMatchObject({
      group_by: ['alertname', 'namespace', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
    });
  });

  it.each([
    [{ team: 'platform', severity: 'critical' }, ['platform-pager', 'platform-chat']],
    [{ team: 'platform', severity: 'warning' }, ['platform-chat']],
    [{ team: 'platform', severity: 'info' }, ['platform-low']],
    [
      { team: 'ml', service: 'healthcare-ai', severity: 'critical' },
      ['platform-pager', 'ml-genie', 'ml-chat'],
    ],
    [{ alertname: 'Watchdog', team: 'ml' }, ['platform-deadman']],
    [{ team: 'nobody', severity: 'critical' }, ['platform-chat']],
  ])('%j reaches %j', (labels, receivers) => {
    expectRoute(plain, labels).toReach(receivers);
  });

  it('keeps secrets as *_file paths in the plain config and key selectors in the CRDs', () => {
    expect(plain).toContain('routing_key_file: /etc/alertmanager/secrets/pd/platform');
    expect(plain).toContain('api_url_file: /etc/alertmanager/secrets/slack/platform');
    expect(plain).toContain('api_key_file: /etc/alertmanager/secrets/og/ml');
    expect(plain).toContain('credentials_file: /etc/alertmanager/secrets/deadman/token');
    expect(file('alertmanager/platform.yaml')).toMatch(/routingKey:\n\s+name: pd\n\s+key: platform/);
  });

  it('inhibits warnings by criticals and the rest of a service by ServiceDown', () => {
    const config = parse(plain) as { inhibit_rules: unknown[] };
    expect(config.inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ['alertname', 'service'],
      },
      {
        source_matchers: ['alertname="ServiceDown"'],
        target_matchers: ['alertname!="ServiceDown"'],
        equal: ['service'],
      },
    ]);
  });

  it('validates every AlertmanagerConfig against the operator schema, one per team namespace', () => {
    const docs = ['alertmanager/ml.yaml', 'alertmanager/platform.yaml'].flatMap((p) =>
      parseAllDocuments(file(p)).map((d) => d.toJS()),
    );
    expect(docs.map((d) => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'healthcare-ai/obsgen-ml',
      'cloudviz/obsgen-platform',
    ]);
    for (const doc of docs) expect(() => new AlertmanagerConfig(doc).validate()).not.toThrow();
  });

  it('every routing-table row holds with obsgen matching', () => {
    const tree = readAlertmanagerConfig(plain);
    if (!tree.ok) throw new Error(tree.error);
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows)
      expect(expectRoute(tree.value, row.labels).receivers, row.description).toEqual(row.receivers);
  });

  const amtool = tool('amtool');
  describe.skipIf(!amtool.path)('against amtool 0.25', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-am-'));
    const configFile = path.join(dir, 'alertmanager.yaml');
    writeFileSync(configFile, plain);
    const run = (...args: string[]) =>
      execFileSync(amtool.path ?? 'amtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    it('amtool check-config accepts the generated config', () => {
      expect(run('check-config', configFile)).toContain('SUCCESS');
    });

    it('amtool config routes test agrees on every routing-table row', () => {
      for (const row of rows) {
        const labels = Object.entries(row.labels).map(([k, v]) => `${k}=${v}`);
        const out = run('config', 'routes', 'test', '--config.file', configFile, ...labels).trim();
        expect(out, row.description).toBe(row.receivers.join(','));
      }
    });
  });
});

describe('secrets the CRDs cannot express', () => {
  it('a file-only secret reference is an error at the receiver, since an AlertmanagerConfig needs a Secret key', () => {
    const model = loadModel(loadFixtureWithFileSecret());
    const out = generatedRoutes(model);
    expect(out.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '12:54: teams.platform.receivers.chat.slack.apiURL: a secret given only as a file cannot be used in an AlertmanagerConfig; give { secret, key }',
    ]);
  });
});

function loadFixtureWithFileSecret(): string {
  return baseCatalog.replace(
    'apiURL: { secret: slack, key: platform }',
    'apiURL: { file: /run/secrets/slack-url }',
  );
}

describe('routes the tree cannot honour', () => {
  it('an override that can never match (it names another team) is an error at the override', () => {
    const text = baseCatalog.replace(`'severity="info"'`, `'team="platform"', 'severity="info"'`);
    const out = generatedRoutes(loadModel(text));
    expect(out.problems.map((p) => `${p.line}:${p.column}: ${p.message.split(';')[0]}`)).toEqual([
      '29:11: teams.ml.routing.overrides.1: an alert {"alertname":"ObsgenRoutingProbe","team":"platform","service":"healthcare-ai","namespace":"healthcare-ai","severity":"info"} should reach ml-chat but the route tree sends it to platform-low',
    ]);
  });
});
