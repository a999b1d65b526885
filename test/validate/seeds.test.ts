// The hand-written rules of the seed services: lint reports every flaw listed in
// ../shared/corpora/seeds/README.md (promtool accepts these files and says nothing).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus, tool } from '../support/tools.ts';
import { runLint } from './cli-helpers.ts';

const seeds = corpus('seeds');
const promtool = tool('promtool');
const dir = seeds.path ? path.join(seeds.path, 'hand-written') : '';

/** One finding per flaw of the README: `file:line:col: severity check` (message left out). */
const flaws: [flaw: string, finding: string][] = [
  ['cloudviz: error alert fires once per instance', 'cloudviz.rules.yml:14:11: warning alerts/per-instance'],
  [
    'cloudviz: latency alert fires once per instance',
    'cloudviz.rules.yml:23:11: warning alerts/per-instance',
  ],
  ['cloudviz: pool alert fires once per instance', 'cloudviz.rules.yml:32:11: warning alerts/per-instance'],
  ['cloudviz: p95 without sum by (le)', 'cloudviz.rules.yml:23:36: warning promql/histogram-quantile-le'],
  ['cloudviz: 0-1 ratio printed with %', 'cloudviz.rules.yml:38:56: warning alerts/template-units'],
  ['cloudviz: absolute error rate', 'cloudviz.rules.yml:14:11: warning alerts/absolute-error-rate'],
  ['anomaly: record name anomaly_rate', 'anomaly-detection.rules.yml:4:13: warning rules/record-name'],
  ['anomaly: record name queue_length', 'anomaly-detection.rules.yml:13:13: warning rules/record-name'],
  ['anomaly: record name latency_p95', 'anomaly-detection.rules.yml:19:13: warning rules/record-name'],
  [
    'anomaly: p95 without sum by (le)',
    'anomaly-detection.rules.yml:22:9: warning promql/histogram-quantile-le',
  ],
  [
    'anomaly: static service label (rate)',
    'anomaly-detection.rules.yml:11:16: warning rules/static-target-label',
  ],
  [
    'anomaly: static service label (queue)',
    'anomaly-detection.rules.yml:17:16: warning rules/static-target-label',
  ],
  [
    'anomaly: static service label (p95)',
    'anomaly-detection.rules.yml:25:16: warning rules/static-target-label',
  ],
  [
    'healthcare: quantile over cumulative buckets',
    'healthcare-ai.prometheusrule.yaml:23:38: warning promql/counter-without-rate',
  ],
  [
    'healthcare: p95 without sum by (le)',
    'healthcare-ai.prometheusrule.yaml:23:38: warning promql/histogram-quantile-le',
  ],
  [
    'healthcare: absolute rate through humanizePercentage',
    'healthcare-ai.prometheusrule.yaml:20:40: warning alerts/template-units',
  ],
];

describe.skipIf(!seeds.path)('lint of the seeds hand-written rules', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const run = await runLint(
      ['cloudviz.rules.yml', 'anomaly-detection.rules.yml', 'healthcare-ai.prometheusrule.yaml'],
      dir,
    );
    lines = run.stdout.split('\n');
  });

  it.each(flaws)('%s', (_flaw, finding) => {
    expect(lines.filter((l) => l.startsWith(`${finding}: `))).toHaveLength(1);
  });

  it('finds only warnings and infos (exit 0), and fails with --fail-on warning', async () => {
    const files = ['cloudviz.rules.yml', 'anomaly-detection.rules.yml', 'healthcare-ai.prometheusrule.yaml'];
    expect((await runLint(files, dir)).code).toBe(0);
    expect((await runLint(['--fail-on', 'warning', ...files], dir)).code).toBe(1);
  });

  it.skipIf(!promtool.path)('promtool accepts the plain rule files (it reports none of these flaws)', () => {
    for (const file of ['cloudviz.rules.yml', 'anomaly-detection.rules.yml']) {
      expect(() =>
        execFileSync(promtool.path ?? 'promtool', ['check', 'rules', path.join(dir, file)], {
          stdio: 'pipe',
        }),
      ).not.toThrow();
    }
  });
});
