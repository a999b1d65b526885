// Dashboards users write in dashboards/*.ts, as the resolve step loaded and checked them
// (src/model/user-dashboards.ts): each panel draft becomes panels, shaped like the generated ones.

import type { PanelDraft, QueryPanelOptions } from '../../model/dashboard-authoring.ts';
import { findMetric, type Model } from '../../model/model.ts';
import type { UserDashboard } from '../../model/user-dashboards.ts';
import { relativeTo } from '../../model/usermodules.ts';
import type { SourcePosition } from '../../problem.ts';
import { metricPanel, redPanels } from './panels.ts';
import type { DashboardSpec, PanelSpec, RowSpec } from './spec.ts';

/** The dashboards of dashboards/*.ts in the model, as specs. */
export function userDashboardSpecs(model: Model, projectDir: string): DashboardSpec[] {
  return model.userDashboards.map((dashboard) => dashboardSpec(dashboard, model, projectDir));
}

function dashboardSpec(dashboard: UserDashboard, model: Model, projectDir: string): DashboardSpec {
  const { options, at } = dashboard;
  const services = new Set<string>();
  const rows: RowSpec[] = dashboard.rows.map((row) => ({
    title: row.title,
    panels: row.panels.flatMap((draft) => {
      const resolved = resolvePanel(draft, model, projectDir, at);
      for (const service of resolved.services) services.add(service);
      return resolved.panels;
    }),
  }));
  return {
    uid: options.uid,
    title: options.title,
    description: options.description,
    team: options.team,
    services: [...services].sort(),
    rows,
    links: [{ title: 'Fleet overview', url: '/d/obsgen-fleet' }],
    at,
  };
}

interface PanelResolution {
  readonly panels: readonly PanelSpec[];
  readonly services: readonly string[];
}

/** A draft as panels. The resolve step checked what it names, so a lookup that finds nothing gives none. */
function resolvePanel(
  draft: PanelDraft,
  model: Model,
  projectDir: string,
  fallback: SourcePosition,
): PanelResolution {
  const at = draft.at ? relativeTo(projectDir, draft.at) : fallback;
  if (draft.kind === 'query') return { panels: [queryPanel(draft.options, at)], services: [] };
  const service = model.services.find((s) => s.name === draft.service);
  if (!service) return none;
  if (draft.kind === 'red')
    return service.red
      ? { panels: redPanels(service).map((p) => ({ ...p, at })), services: [service.name] }
      : none;
  const metric = findMetric(service, draft.metric);
  if (!metric) return none;
  const { options } = draft;
  const panel: PanelSpec = {
    ...metricPanel(service, metric, options.by ?? []),
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.width ? { width: options.width } : {}),
    at,
  };
  return { panels: [panel], services: [service.name] };
}

const none: PanelResolution = { panels: [], services: [] };

function queryPanel(o: QueryPanelOptions, at: SourcePosition): PanelSpec {
  const exprs = typeof o.expr === 'string' ? [o.expr] : o.expr;
  return {
    kind: o.kind ?? 'timeseries',
    title: o.title,
    description: o.description,
    unit: o.unit,
    width: o.width ?? 12,
    height: o.height ?? 8,
    queries: exprs.map((expr, index) => ({
      expr,
      legend: exprs.length > 1 ? `${o.legend ?? 'query'} ${index + 1}` : (o.legend ?? o.title),
      ...(o.kind === 'stat' ? { instant: true } : {}),
    })),
    ...(o.thresholds ? { thresholds: o.thresholds } : {}),
    at,
  };
}
