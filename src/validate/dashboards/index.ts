// Dashboard lint: every check in its own module, run over one dashboard JSON file. `obsgen lint`
// calls lintDashboard for .json files; gen runs it over every dashboard it writes.
import type { Problem } from '../../problem.ts';
import { type DashboardCheck, type LintOptions, lintContext } from './context.ts';
import { datasourceVariable } from './datasource-variable.ts';
import { duplicatePanelId } from './duplicate-panel-id.ts';
import { histogramQuantile } from './histogram-quantile.ts';
import { parseJsonSource, positionAt } from './json-source.ts';
import { promql } from './promql.ts';
import { rateInterval } from './rate-interval.ts';
import { uid } from './uid.ts';
import { undeclaredSeries } from './undeclared-series.ts';
import { unit } from './unit.ts';
import { unknownVariable } from './unknown-variable.ts';

export const dashboardChecks: readonly DashboardCheck[] = [
  datasourceVariable,
  duplicatePanelId,
  histogramQuantile,
  promql,
  rateInterval,
  uid,
  undeclaredSeries,
  unit,
  unknownVariable,
];

/** Reported when the file is not JSON at all; no other check runs then. */
export const invalidJsonId = 'dashboard/json';

/**
 * Findings for one dashboard JSON text, positioned in `file`. A check that crashes is itself a
 * finding. `only` runs just the named checks; `declaredSeries` enables dashboard/undeclared-series.
 */
export function lintDashboard(
  json: string,
  file: string,
  options: LintOptions & { readonly only?: readonly string[] } = {},
): Problem[] {
  const parsed = parseJsonSource(json);
  if (!parsed.ok) {
    const at = positionAt(json, file, parsed.offset);
    return [{ check: invalidJsonId, severity: 'error', message: `invalid JSON: ${parsed.message}`, ...at }];
  }
  const ctx = lintContext(json, file, parsed.root, options);
  const checks = options.only
    ? dashboardChecks.filter(({ id }) => options.only?.includes(id))
    : dashboardChecks;
  return checks.flatMap(({ id, check }) => {
    try {
      return check(ctx);
    } catch (error) {
      return [
        {
          check: id,
          severity: 'error' as const,
          message: `check crashed: ${error instanceof Error ? error.message : String(error)}`,
          file,
          line: 1,
          column: 1,
        },
      ];
    }
  });
}
