// The SLO recording rules the dashboards read. One place, so that when the SLO generator's names
// change only this module follows. Every series carries `service` and `slo` labels.

import { labels } from '../../model/conventions.ts';
import type { Service, Slo } from '../../model/model.ts';
import type { LabelMatcher } from '../../promql/ast.ts';

export const sloLabel = 'slo';

/** Multiwindow, multi-burn-rate alert windows (Google SRE workbook): long window, short window, burn factor. */
export const burnWindows = [
  { long: '1h', short: '5m', factor: 14.4 },
  { long: '6h', short: '30m', factor: 6 },
  { long: '1d', short: '2h', factor: 3 },
  { long: '3d', short: '6h', factor: 1 },
] as const;

export const sloRecordings = {
  /** Error ratio of the SLI over a window (recorded for every burn window and the SLO period). */
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  objective: 'slo:objective:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;

export function sloMatchers(service: Service, slo: Slo): LabelMatcher[] {
  return [
    { name: labels.service, type: '=', value: service.name },
    { name: sloLabel, type: '=', value: slo.name },
  ];
}

/** The SLO's period as a Prometheus duration, e.g. `30d`. */
export function sloPeriod(slo: Slo): string {
  return slo.spec.window;
}

/** Objective as a 0-1 ratio (the catalog writes percentages). */
export function objectiveRatio(slo: Slo): number {
  return Number((slo.spec.objective / 100).toPrecision(12));
}
