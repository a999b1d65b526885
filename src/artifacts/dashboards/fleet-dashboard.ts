// One overview of every service: SLO status and budget in a table whose service cells open that
// service's dashboards, plus the targets up of the whole fleet.
import { labels } from '../../model/conventions.ts';
import type { Model } from '../../model/model.ts';
import * as q from '../../promql/construct.ts';
import { sloLabels, sloRecords } from '../slos/names.ts';
import { builtQuery } from './queries.ts';
import { fleetUid } from './service-dashboard.ts';
import { drawnSlos } from './slo-series.ts';
import type { DashboardSpec, PanelSpec } from './spec.ts';

/** Grafana's search filtered by tags: every obsgen dashboard carries its service as a tag. */
const serviceDashboardsUrl = `/dashboards?tag=obsgen&tag=\${__data.fields.${labels.service}}`;

function sloTable(): PanelSpec {
  const by = [labels.service, sloLabels.slo];
  return {
    kind: 'table',
    title: 'SLO status',
    description:
      'Every SLO of every service: objective, error budget remaining over the SLO period and the 1h burn rate. Click a service to open its dashboards.',
    unit: 'percentunit',
    width: 24,
    height: 12,
    baseColor: 'red',
    thresholds: [
      { value: 0.25, color: 'yellow' },
      { value: 0.5, color: 'green' },
    ],
    queries: [
      builtQuery(q.aggregate('max', q.selector(sloRecords.objective), by), {
        legend: 'objective',
        instant: true,
        format: 'table',
      }),
      builtQuery(q.aggregate('min', q.selector(sloRecords.budgetRemaining), by), {
        legend: 'budget remaining',
        instant: true,
        format: 'table',
      }),
    ],
    columnLinks: [
      {
        field: labels.service,
        link: { title: 'Dashboards of ${__data.fields.service}', url: serviceDashboardsUrl },
      },
    ],
  };
}

function fleetUpPanel(): PanelSpec {
  const up = q.selector('up', [{ name: labels.service, type: '!=', value: '' }]);
  return {
    kind: 'timeseries',
    title: 'Targets up by service',
    description: 'Share of scrape targets of each service that answered the last scrape.',
    unit: 'percentunit',
    width: 24,
    height: 8,
    min: 0,
    max: 1,
    thresholds: [{ value: 0.5, color: 'red' }],
    queries: [builtQuery(q.aggregate('avg', up, [labels.service]), { legend: `{{${labels.service}}}` })],
  };
}

export function fleetDashboard(model: Model): DashboardSpec {
  // Without a single SLO the SLO table could only ever show No data, so it is left out.
  const hasSlos = model.services.some((service) => drawnSlos(service).length > 0);
  const count = model.services.length;
  return {
    uid: fleetUid,
    title: 'Fleet overview',
    description: hasSlos
      ? `SLO status and budgets of all ${count} services in the catalog.`
      : `Targets of all ${count} services in the catalog.`,
    team: 'obsgen',
    services: [],
    rows: [
      ...(hasSlos ? [{ title: 'Service level objectives', panels: [sloTable()] }] : []),
      { title: 'Targets', panels: [fleetUpPanel()] },
    ],
    links: [{ title: 'All obsgen dashboards', url: '/dashboards?tag=obsgen' }],
  };
}
