import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestFile } from '../../src/unittest/runner.ts';
import { counterSeries, expectAlert, exportPromtoolTest, scenario } from '../../src/unittest/vitest.ts';
import { tool } from '../support/tools.ts';

const rules = {
  groups: [
    {
      name: 'api',
      rules: [
        {
          alert: 'HighErrorRate',
          expr: 'sum by (job) (rate(http_requests_total{code="500"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.01',
          for: '5m',
          labels: { severity: 'page' },
          annotations: { summary: '{{ $labels.job }}: {{ $value | humanizePercentage }} errors' },
        },
      ],
    },
  ],
};

// 10 req/s; 5% errors from minute 10 on.
const series = [
  ...counterSeries({ labels: { job: 'api' }, rate: 10, errorRatio: 0, toMin: 10 }).map((s) => ({
    ...s,
    values: `${s.values} _x20`,
  })),
];
const errorsFrom10 = counterSeries({
  labels: { job: 'api', phase: 'b' },
  rate: 10,
  errorRatio: 0.05,
  fromMin: 10,
  toMin: 30,
});

describe('vitest alert API', () => {
  const s = scenario({ rules, series: [...series, ...errorsFrom10], until: '30m' });

  it('asserts firing, pending and never-firing', () => {
    expectAlert(s, 'HighErrorRate').pendingAt('12m').firesAt('17m', { job: 'api', severity: 'page' });
    expectAlert(s, 'HighErrorRate').notFiringAt('9m');
    const quiet = scenario({ rules, series: counterSeries({ labels: { job: 'api' }, rate: 10, toMin: 30 }) });
    expectAlert(quiet, 'HighErrorRate').neverFires();
  });

  it('shows the state timeline when an expectation fails', () => {
    expect(() => expectAlert(s, 'HighErrorRate').firesAt('12m')).toThrowError(
      /HighErrorRate: expected firing at 12m\nstate timeline \(evaluation every 1m\):\n {2}0s\.\.11m {3}inactive\n {2}12m\.\.16m {2}pending \{alertname="HighErrorRate", job="api", severity="page"\}\n {2}17m\.\.30m {2}firing/,
    );
  });

  it('rejects unknown alerts and broken inline rules with positions', () => {
    expect(() => expectAlert(s, 'Nope')).toThrowError(/no alerting rule named Nope/);
    expect(() =>
      scenario({
        rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(\n',
        series: {},
      }),
    ).toThrowError(/<inline rules>:5:\d+: could not parse expression/);
  });

  it('exports an equivalent promtool test that both runners pass', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-export-'));
    const file = path.join(dir, 'api.test.yaml');
    const s2 = scenario({ rules, series: [...series, ...errorsFrom10], until: '30m' });
    expectAlert(s2, 'HighErrorRate').firesAt('17m').notFiringAt('9m');
    const text = exportPromtoolTest(s2, file);
    expect(text).toContain('eval_time: 17m');
    expect(text).toContain('summary: "api: 5% errors"');
    expect(runTestFile(file).ok).toBe(true);
    const promtool = tool('promtool');
    if (promtool.path) execFileSync(promtool.path, ['test', 'rules', file], { cwd: dir, stdio: 'pipe' });
  });
});

describe('package export', () => {
  it('is importable as obsgen/testing', async () => {
    const api = await import('obsgen/testing');
    expect(typeof api.scenario).toBe('function');
    expect(typeof api.expectAlert).toBe('function');
  });
});
