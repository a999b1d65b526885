// Dashboard lint: table-driven, each case a small dashboard and the findings a user sees
// (file:line:col severity check: message); the seeds' hand-made dashboards; and arbitrary JSON,
// which must never crash a check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../src/problem.ts';
import { lintDashboard } from '../../src/validate/dashboards/index.ts';
import { corpus } from '../support/tools.ts';

const ds = { type: 'prometheus', uid: '${datasource}' };
const templating = { list: [{ type: 'datasource', name: 'datasource', query: 'prometheus' }] };

function panel(
  extra: Record<string, unknown> = {},
  expr = 'sum(rate(x_total[$__rate_interval]))',
): Record<string, unknown> {
  return {
    id: 1,
    type: 'timeseries',
    title: 'P',
    description: 'd',
    datasource: ds,
    fieldConfig: { defaults: { unit: 'reqps' } },
    targets: [{ refId: 'A', expr, datasource: ds }],
    ...extra,
  };
}

function dashboard(panels: unknown[], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ uid: 'good', title: 'T', templating, panels, ...extra }, null, 2)}\n`;
}

function findings(text: string): string[] {
  return lintDashboard(text, 'd.json').map(renderFinding);
}

describe('dashboard lint', () => {
  it('finds nothing in a dashboard that follows the conventions', () => {
    expect(findings(dashboard([panel()]))).toEqual([]);
  });

  it.each([
    {
      name: 'no datasource variable',
      text: dashboard([panel()], { templating: { list: [] } }),
      expected: [
        'd.json:4:17: error dashboard/datasource-variable: the dashboard defines no datasource variable (templating.list entry of type "datasource")',
      ],
    },
    {
      name: 'a hard-coded datasource uid',
      text: dashboard([panel({ datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } })]),
      expected: [
        'd.json:19:21: error dashboard/datasource-variable: panel "P" does not select its data source through a variable such as ${datasource}',
      ],
    },
    {
      name: 'a fixed rate window',
      text: dashboard([panel({}, 'sum(rate(x_total[5m]))')]),
      expected: [
        'd.json:31:24: warning dashboard/rate-interval: panel "P": rate() over [5m]; use [$__rate_interval] so the window follows the scrape interval and zoom',
      ],
    },
    {
      name: 'a panel without unit',
      text: dashboard([panel({ fieldConfig: { defaults: {} } })]),
      expected: ['d.json:24:21: warning dashboard/unit: panel "P" has no unit (fieldConfig.defaults.unit)'],
    },
    {
      name: 'a missing uid',
      text: dashboard([panel()], { uid: null }),
      expected: [
        'd.json:1:1: error dashboard/uid: the dashboard has no uid; set a stable one so links and provisioning keep working',
      ],
    },
    {
      name: 'a uid over 40 characters',
      text: dashboard([panel()], { uid: 'x'.repeat(41) }),
      expected: [
        `d.json:2:10: error dashboard/uid: uid "${'x'.repeat(41)}" must be 1-40 letters, digits, "-" or "_"`,
      ],
    },
    {
      name: 'duplicate panel ids',
      text: dashboard([panel(), panel({ title: 'Q' })]),
      expected: [
        'd.json:40:13: error dashboard/duplicate-panel-id: panel id 1 of "Q" is already used by "P"',
      ],
    },
    {
      name: 'an unknown variable',
      text: dashboard([panel({}, 'sum(up{instance=~"$instance"})')]),
      expected: [
        'd.json:31:39: error dashboard/unknown-variable: panel "P" uses $instance, which the dashboard does not define',
      ],
    },
    {
      name: 'a query that does not parse',
      text: dashboard([panel({}, 'sum(rate(x_total[$__rate_interval])')]),
      expected: [
        'd.json:31:19: error dashboard/promql: panel "P": invalid PromQL: unclosed left parenthesis in "sum(rate(x_total[$__rate_interval])"',
      ],
    },
    {
      name: 'histogram_quantile without rate',
      text: dashboard([
        panel(
          { fieldConfig: { defaults: { unit: 's' } } },
          'histogram_quantile(0.95, sum by (le) (x_bucket))',
        ),
      ]),
      expected: [
        'd.json:31:19: error dashboard/histogram-quantile: panel "P": histogram_quantile over raw cumulative buckets measures all-time latency; take rate(..._bucket[$__rate_interval]) first',
      ],
    },
    {
      name: 'invalid JSON',
      text: '{\n  "uid": "x",\n  "panels": [\n}\n',
      expected: ['d.json:4:1: error dashboard/json: invalid JSON: unexpected character'],
    },
  ])('reports $name', ({ text, expected }) => {
    expect(findings(text)).toEqual(expected);
  });

  const seeds = corpus('seeds');
  describe.skipIf(!seeds.path)("the seeds' hand-made dashboards", () => {
    it.each(['cloudviz', 'healthcare-ai'])(
      '%s: per-instance quantiles, no datasource variable, no uid, fixed windows',
      async (name) => {
        const file = path.join(seeds.path ?? '', 'hand-written', `${name}.dashboard.json`);
        const checks = new Set(lintDashboard(await readFile(file, 'utf8'), file).map((p) => p.check));
        expect([...checks].sort()).toEqual([
          'dashboard/datasource-variable',
          'dashboard/duplicate-panel-id',
          'dashboard/histogram-quantile',
          'dashboard/rate-interval',
          'dashboard/uid',
          'dashboard/unit',
        ]);
      },
    );
  });

  it('never crashes on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify({ dashboard: value, panels: [value, { targets: [value] }] });
        expect(lintDashboard(text, 'x.json').filter((p) => p.message.startsWith('check crashed'))).toEqual(
          [],
        );
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});
