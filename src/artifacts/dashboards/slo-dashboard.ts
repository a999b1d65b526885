// Per service with SLOs: one row per SLO with the SLI against its objective, the error budget left in
// the period, and the burn rate over each alert window against the factors that alert.
import { dashboardUid } from '../../model/conventions.ts';
import type { Service } from '../../model/model.ts';
import * as q from '../../promql/construct.ts';
import { builtQuery } from './queries.ts';
import { dashboardKinds, serviceLinks } from './service-dashboard.ts';
import { type DashboardSlo, dashboardSlo, drawnSlos } from './slo-series.ts';
import type { DashboardSpec, PanelSpec, QuerySpec, RowSpec, Threshold } from './spec.ts';

function percent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(10))}%`;
}

function legendOf(s: DashboardSlo, fallback: string): string {
  return s.series.groupBy.length === 0 ? fallback : s.series.groupBy.map((label) => `{{${label}}}`).join(' ');
}

function sliPanel(s: DashboardSlo): PanelSpec {
  const { series } = s;
  const errors = q.aggregate('sum', q.selector(series.errorRate, s.matchers), series.groupBy);
  const total = q.aggregate('sum', q.selector(series.totalRate, s.matchers), series.groupBy);
  return {
    kind: 'timeseries',
    title: `${s.slo.name}: SLI vs objective`,
    description: `Share of good events over 5m; the dashed line is the ${percent(series.objectiveRatio)} objective.${s.description ? ` ${s.description}` : ''}`,
    unit: 'percentunit',
    width: 12,
    height: 8,
    max: 1,
    baseColor: 'red',
    thresholds: [{ value: series.objectiveRatio, color: 'green' }],
    queries: [
      builtQuery(q.binary('-', q.number(1), q.binary('/', errors, total)), { legend: legendOf(s, 'SLI') }),
    ],
  };
}

/** 1 - consumed over a report period (recorded hourly), as the stat beside the SLO period's. */
function reportPeriodRemaining(s: DashboardSlo, period: string): QuerySpec {
  const consumed = q.selector(s.series.periodBudgetConsumed, [
    ...s.matchers,
    q.eq(s.series.periodLabel, period),
  ]);
  return builtQuery(q.binary('-', q.number(1), q.aggregate('max', consumed)), {
    legend: period,
    instant: true,
  });
}

function budgetPanel(s: DashboardSlo): PanelSpec {
  const reports = s.series.reportPeriods;
  return {
    kind: 'stat',
    title: `${s.slo.name}: error budget remaining`,
    description: `Share of the ${s.series.period} error budget (${percent(1 - s.series.objectiveRatio)} of events) not yet spent; negative once the SLO is breached.${reports.length > 0 ? ` Also over ${reports.join(', ')} (updated hourly).` : ''}`,
    unit: 'percentunit',
    width: 4,
    height: 8,
    baseColor: 'red',
    thresholds: [
      { value: 0, color: 'orange' },
      { value: 0.25, color: 'yellow' },
      { value: 0.5, color: 'green' },
    ],
    queries: [
      builtQuery(q.aggregate('min', q.selector(s.series.budgetRemaining, s.matchers)), {
        legend: reports.length > 0 ? s.series.period : 'remaining',
        instant: true,
      }),
      ...reports.map((period) => reportPeriodRemaining(s, period)),
    ],
  };
}

const factorColors: readonly Threshold['color'][] = ['yellow', 'orange', 'red', 'red'];

function burnRatePanel(s: DashboardSlo): PanelSpec {
  const { series } = s;
  return {
    kind: 'timeseries',
    title: `${s.slo.name}: burn rate`,
    description: `How fast the error budget burns over each window (${series.windows.join(', ')}); 1 spends exactly the budget over ${series.period}. Dashed lines are the burn factors that alert.`,
    unit: 'short',
    width: 8,
    height: 8,
    min: 0,
    thresholds: s.factors.map((value, index) => ({
      value,
      color: factorColors[Math.min(index, factorColors.length - 1)] ?? 'red',
    })),
    queries: [
      builtQuery(
        q.aggregate('max', q.selector(series.burnRate, s.matchers), [series.windowLabel, ...series.groupBy]),
        { legend: [`{{${series.windowLabel}}}`, ...series.groupBy.map((label) => `{{${label}}}`)].join(' ') },
      ),
    ],
  };
}

export function sloDashboard(service: Service): DashboardSpec | null {
  const slos = drawnSlos(service).map(dashboardSlo);
  if (slos.length === 0) return null;
  const rows: RowSpec[] = slos.map((s) => ({
    title: `SLO ${s.slo.name} (${percent(s.series.objectiveRatio)} over ${s.series.period})`,
    panels: [sliPanel(s), budgetPanel(s), burnRatePanel(s)],
  }));
  return {
    uid: dashboardUid(service.name, dashboardKinds.slo),
    title: `${service.name} / SLOs`,
    description: `Service level objectives of ${service.name}: SLI, error budget and burn rates.`,
    team: service.team,
    services: [service.name],
    rows,
    links: serviceLinks(service).filter((l) => l.title !== 'SLOs'),
  };
}
