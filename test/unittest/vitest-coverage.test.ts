// Rule coverage for tests written in TypeScript: expectations on scenarios count as obsgen test
// --coverage counts alert_rule_test entries.
import { describe, expect, it } from 'vitest';
import { CoverageCollector, expectAlert, expectCoverage, scenario } from '../../src/unittest/vitest.ts';

const rules = {
  groups: [
    {
      name: 'api',
      rules: [
        { record: 'job:requests:rate5m', expr: 'sum by (job) (rate(requests_total[5m]))' },
        { alert: 'Busy', expr: 'job:requests:rate5m > 1', labels: { severity: 'page' } },
        { alert: 'Idle', expr: 'job:requests:rate5m == 0', for: '5m' },
      ],
    },
  ],
};
const busy = { 'requests_total{job="api"}': '0+120x20' };
const quiet = { 'requests_total{job="api"}': '0+6x20' };

describe('coverage from vitest scenarios', () => {
  it('counts firing and silence per rule, and the recordings the alerts read', () => {
    const coverage = new CoverageCollector();
    expectAlert(scenario({ rules, series: busy, coverage, name: 'api rules' }), 'Busy').firesAt('5m', {
      severity: 'page',
    });
    let report = coverage.report();
    expect(report.files.map((f) => [f.file, f.alerts.map((a) => [a.name, a.fires, a.silent])])).toEqual([
      [
        'api rules',
        [
          ['Busy', true, false],
          ['Idle', false, false],
        ],
      ],
    ]);
    expect(report.files[0]?.records.map((r) => r.read)).toEqual([true]);
    expect(() => expectCoverage(coverage, 50)).toThrow(
      /rule coverage below 50%[\s\S]*alert Busy .*no test expects it silent/,
    );

    expectAlert(scenario({ rules, series: quiet, coverage, name: 'api rules' }), 'Busy').neverFires();
    report = coverage.report();
    expect(report.total).toMatchObject({ alerts: 2, alertsCovered: 1, records: 1, recordsRead: 1 });
    expect(report.total.percent).toBeCloseTo((100 * 2) / 3, 9);
    expect(() => expectCoverage(coverage, 66)).not.toThrow();
    expect(() => expectCoverage(coverage, 100)).toThrow(/alert Idle/);
  });
});
