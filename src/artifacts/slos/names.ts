// Names of everything the SLO generator emits: recording rules (level:metric:operations, one name
// per concept shared by all SLOs and told apart by the `service` and `slo` labels), groups, files.
import { formatDurationInDays } from '../../promql/duration.ts';

export const sloLabels = {
  slo: 'slo',
  window: 'window',
  tier: 'tier',
  period: 'period',
} as const;

export const sloRecords = {
  /** Failed events per second over the short (5m) window. */
  errorRate: 'slo:error_events:rate5m',
  /** All events per second over the short (5m) window. */
  totalRate: 'slo:total_events:rate5m',
  /** Hourly means of the 5m rates: the chain the period window sums over (720 samples a month). */
  errorRateHourly: 'slo:error_events:rate5m_avg1h',
  totalRateHourly: 'slo:total_events:rate5m_avg1h',
  /** Error ratio over `window` divided by the budget (1 - objective); one series per window label. */
  burnRate: 'slo:burn_rate:ratio',
  objective: 'slo:objective:ratio',
  /** Share of the period's budget spent (the period burn rate); above 1 the SLO is breached. */
  budgetConsumed: 'slo:error_budget_consumed:ratio',
  /** 1 - consumed: the share of the period's budget left (negative when overspent). */
  budgetRemaining: 'slo:error_budget_remaining:ratio',
  /** Budget consumed over each of the SLO's report periods (label `period`), updated hourly. */
  periodBudgetConsumed: 'slo:period_error_budget_consumed:ratio',
} as const;

export const sloGroupNames = {
  main: (service: string, slo: string) => `obsgen-slo-${service}-${slo}`,
  hourly: (service: string, slo: string) => `obsgen-slo-${service}-${slo}-hourly`,
} as const;

export const sloPaths = {
  test: (service: string, slo: string) => `tests/slo-${service}-${slo}.yaml`,
} as const;

export function windowLabel(ms: number): string {
  return formatDurationInDays(ms);
}
