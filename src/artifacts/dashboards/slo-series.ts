// The SLO generator's series, as the dashboards read them: recording names and matchers come from
// sloSeries (src/artifacts/slos), the burn factors that alert from the normalized SLO's tiers.

import type { Service } from '../../model/model.ts';
import type { NormalizedSlo } from '../../model/slo.ts';
import type { LabelMatcher } from '../../promql/ast.ts';
import { eq } from '../../promql/construct.ts';
import { type SloSeries, sloSeries } from '../slos/index.ts';

export interface DashboardSlo {
  readonly slo: NormalizedSlo;
  readonly series: SloSeries;
  readonly matchers: readonly LabelMatcher[];
  /** Distinct burn-rate factors that alert, ascending (e.g. 1, 3, 6, 14.4). */
  readonly factors: readonly number[];
  readonly description: string;
}

export function dashboardSlo(slo: NormalizedSlo): DashboardSlo {
  const series = sloSeries(slo);
  const factors = slo.alerting
    ? [...new Set(slo.tiers.flatMap((t) => t.windows.map((w) => w.factor)))].sort((a, b) => a - b)
    : [];
  const matchers: LabelMatcher[] = Object.entries(series.matchers)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => eq(name, value));
  return { slo, series, matchers, factors, description: slo.description };
}

/** The SLOs drawn on dashboards: every SLO of the service, the catalog's and those of slos/*.ts alike. */
export function drawnSlos(service: Service): readonly NormalizedSlo[] {
  return service.slos;
}
