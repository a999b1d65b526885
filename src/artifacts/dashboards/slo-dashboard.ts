// Per service with SLOs: one row per SLO with the SLI against its objective, the error budget left in
// the period, and the burn rate over each alert window against the factor that pages.
import { dashboardUid } from '../../model/conventions.ts';
import type { Service, Slo } from '../../model/model.ts';
import { divide, oneMinus, scalarNumber, selector } from './queries.ts';
import { dashboardKinds, serviceLinks } from './service-dashboard.ts';
import { burnWindows, objectiveRatio, sloMatchers, sloPeriod, sloRecordings } from './slo-series.ts';
import type { DashboardSpec, PanelSpec, RowSpec } from './spec.ts';

function sliPanel(service: Service, slo: Slo): PanelSpec {
  const objective = objectiveRatio(slo);
  const short = burnWindows[0].short;
  return {
    kind: 'timeseries',
    title: `${slo.name}: SLI vs objective`,
    description: `Share of good events over ${short} windows; the dashed line is the ${slo.spec.objective}% objective.${slo.spec.description ? ` ${slo.spec.description}` : ''}`,
    unit: 'percentunit',
    width: 12,
    height: 8,
    max: 1,
    thresholds: [{ value: objective, color: 'red' }],
    queries: [
      {
        expr: oneMinus(selector(sloRecordings.errorRatio(short), sloMatchers(service, slo))).text,
        legend: 'SLI',
      },
    ],
  };
}

function budgetPanel(service: Service, slo: Slo): PanelSpec {
  return {
    kind: 'stat',
    title: `${slo.name}: error budget remaining`,
    description: `Share of the ${sloPeriod(slo)} error budget (${(100 - slo.spec.objective).toFixed(3).replace(/0+$/, '')}% of events) not yet spent.`,
    unit: 'percentunit',
    width: 4,
    height: 8,
    baseColor: 'red',
    thresholds: [
      { value: 0.25, color: 'yellow' },
      { value: 0.5, color: 'green' },
    ],
    queries: [
      {
        expr: selector(sloRecordings.budgetRemaining, sloMatchers(service, slo)).text,
        legend: 'remaining',
        instant: true,
      },
    ],
  };
}

function burnRatePanel(service: Service, slo: Slo): PanelSpec {
  const budget = scalarNumber(Number((1 - objectiveRatio(slo)).toPrecision(12)));
  return {
    kind: 'timeseries',
    title: `${slo.name}: burn rate`,
    description:
      'How fast the error budget burns over each alert window (1 = exactly on budget); dashed lines are the burn factors that alert.',
    unit: 'short',
    width: 8,
    height: 8,
    min: 0,
    thresholds: [
      { value: 1, color: 'yellow' },
      { value: 6, color: 'orange' },
      { value: 14.4, color: 'red' },
    ],
    queries: burnWindows.map((w) => ({
      expr: divide(selector(sloRecordings.errorRatio(w.long), sloMatchers(service, slo)), budget).text,
      legend: `${w.long} (alerts at ${w.factor}x)`,
    })),
  };
}

export function sloDashboard(service: Service): DashboardSpec | null {
  if (service.slos.length === 0) return null;
  const rows: RowSpec[] = service.slos.map((slo) => ({
    title: `SLO ${slo.name} (${slo.spec.objective}% over ${sloPeriod(slo)})`,
    panels: [sliPanel(service, slo), budgetPanel(service, slo), burnRatePanel(service, slo)],
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
