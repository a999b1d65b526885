// Per service: RED, saturation of the declared gauges, targets up, then every other declared metric.
import { dashboardUid } from '../../model/conventions.ts';
import type { Metric, Service } from '../../model/model.ts';
import { metricPanel, redPanels, saturationPanel, targetsUpPanel } from './panels.ts';
import { drawnSlos } from './slo-series.ts';
import type { DashboardSpec, PanelLink, PanelSpec, RowSpec } from './spec.ts';

export const dashboardKinds = { service: 'svc', slo: 'slo' } as const;
export const fleetUid = 'obsgen-fleet';

export function dashboardPath(uid: string): string {
  return `/d/${uid}`;
}

export function serviceLinks(service: Service): PanelLink[] {
  return [
    ...(drawnSlos(service).length > 0
      ? [{ title: 'SLOs', url: dashboardPath(dashboardUid(service.name, dashboardKinds.slo)) }]
      : []),
    { title: 'Service dashboard', url: dashboardPath(dashboardUid(service.name, dashboardKinds.service)) },
    { title: 'Fleet overview', url: dashboardPath(fleetUid) },
    ...(service.runbook === null ? [] : [{ title: 'Runbook', url: service.runbook }]),
  ];
}

/** Metrics already shown by RED or saturation panels, so the catch-all row does not repeat them. */
function coveredMetrics(service: Service): Set<string> {
  const covered = new Set<string>();
  if (service.red) {
    covered.add(service.red.requests.metric.name);
    if (service.red.errors) covered.add(service.red.errors.metric.name);
    if (service.red.latency) covered.add(service.red.latency.metric.name);
  }
  for (const s of service.saturation) {
    covered.add(s.used.name);
    if (s.capacity) covered.add(s.capacity.name);
  }
  return covered;
}

/** A short row stretches its panels over the full 24 columns instead of leaving a gap on the right. */
export function fillRow(panels: readonly PanelSpec[]): PanelSpec[] {
  const used = panels.reduce((sum, p) => sum + p.width, 0);
  if (used >= 24 || panels.length === 0 || 24 % panels.length !== 0) return [...panels];
  return panels.map((p) => ({ ...p, width: 24 / panels.length }));
}

export function serviceDashboard(service: Service): DashboardSpec {
  const covered = coveredMetrics(service);
  const others: Metric[] = service.metrics.filter((m) => !covered.has(m.name));
  const rows: RowSpec[] = [
    ...(service.red ? [{ title: 'Requests (RED)', panels: fillRow(redPanels(service)) }] : []),
    {
      title: 'Saturation and targets',
      panels: fillRow([
        ...service.saturation.map((s) => saturationPanel(service, s)),
        targetsUpPanel(service),
      ]),
    },
    ...(others.length > 0
      ? [{ title: 'Other metrics', panels: fillRow(others.map((m) => metricPanel(service, m))) }]
      : []),
  ];
  return {
    uid: dashboardUid(service.name, dashboardKinds.service),
    title: `${service.name} / service`,
    description: service.description || `Requests, errors, latency and saturation of ${service.name}.`,
    team: service.team,
    services: [service.name],
    rows,
    links: serviceLinks(service).filter((l) => l.title !== 'Service dashboard'),
  };
}
