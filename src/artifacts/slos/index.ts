// The SLO artifact: per normalized SLO of the model, the rule groups the rules generator puts in the
// service's rule files, and sloSeries for the dashboards. Their tests come from the tests artifact.
import type { NormalizedSlo } from '../../model/slo.ts';
import { sloLabels, sloRecords, windowLabel } from './names.ts';
import { burnWindows } from './rules.ts';

export { sloRuleGroups } from './rules.ts';

/** Series of one SLO for dashboards: recording-rule names and the label matchers that pick them. */
export interface SloSeries {
  /** `{service="...", slo="..."}` matchers every series below needs (plus groupBy labels to split). */
  readonly matchers: Readonly<Record<string, string>>;
  /** Labels an SLO is split by (one panel series per value). */
  readonly groupBy: readonly string[];
  /** Good-events ratio over the short window: 1 - errorRate / totalRate (compute in the panel). */
  readonly errorRate: string;
  readonly totalRate: string;
  /** Burn-rate series name; pick a window with the `window` label, e.g. window="1h". */
  readonly burnRate: string;
  readonly windowLabel: string;
  /** Window label values recorded for this SLO, ascending. */
  readonly windows: readonly string[];
  readonly objective: string;
  readonly budgetRemaining: string;
  readonly budgetConsumed: string;
  /** Budget consumed per report period: pick one with the `periodLabel` label, e.g. period="7d". */
  readonly periodBudgetConsumed: string;
  readonly periodLabel: string;
  /** The report periods (`reportWindows`), ascending, e.g. ["7d"]. */
  readonly reportPeriods: readonly string[];
  /** The objective as a ratio (0.999) and the period (`30d`), for thresholds and titles. */
  readonly objectiveRatio: number;
  readonly period: string;
}

/**
 * What the dashboards generator needs to draw SLO panels for one catalog SLO: e.g.
 * `slo:error_budget_remaining:ratio{service="cloudviz", slo="availability"}` for the budget gauge,
 * `slo:burn_rate:ratio{service="cloudviz", slo="availability"}` by `window` for the burn-rate graph,
 * and `1 - slo:error_events:rate5m{...} / slo:total_events:rate5m{...}` for the SLI.
 */
export function sloSeries(slo: NormalizedSlo): SloSeries {
  return {
    matchers: { service: slo.service, [sloLabels.slo]: slo.name },
    groupBy: slo.groupBy,
    errorRate: sloRecords.errorRate,
    totalRate: sloRecords.totalRate,
    burnRate: sloRecords.burnRate,
    windowLabel: sloLabels.window,
    windows: burnWindows(slo).map(windowLabel),
    objective: sloRecords.objective,
    budgetRemaining: sloRecords.budgetRemaining,
    budgetConsumed: sloRecords.budgetConsumed,
    periodBudgetConsumed: sloRecords.periodBudgetConsumed,
    periodLabel: sloLabels.period,
    reportPeriods: slo.reportPeriodsMs.map(windowLabel),
    objectiveRatio: slo.objective,
    period: windowLabel(slo.periodMs),
  };
}
