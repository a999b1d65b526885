// Dashboards users write in dashboards/*.ts. Loaded at run time; a file that throws, or a call that
// names a service, metric or team the catalog lacks, fails gen at that call's file and line.
import path from 'node:path';
import { positionInFile } from '../../callsite.ts';
import { findMetric, type Model, type Service } from '../../model/model.ts';
import { loadDefinitions } from '../../model/usermodules.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import {
  type DashboardDefinition,
  isDashboardDefinition,
  type PanelDraft,
  type RowDraft,
} from './authoring.ts';
import { metricPanel, redPanels } from './panels.ts';
import type { DashboardSpec, PanelSpec, RowSpec } from './spec.ts';

const check = 'gen/user-dashboard';

export interface UserDashboards {
  readonly specs: readonly DashboardSpec[];
  readonly problems: readonly Problem[];
}

export async function loadUserDashboards(projectDir: string, model: Model): Promise<UserDashboards> {
  const specs: DashboardSpec[] = [];
  const { loaded, problems } = await loadDefinitions(projectDir, {
    folder: 'dashboards',
    check,
    is: isDashboardDefinition,
    expected: 'defineDashboard(options, build)',
  });
  for (const { definition, file } of loaded) {
    const resolved = resolveDefinition(definition, model, projectDir, file);
    specs.push(...(resolved.spec ? [resolved.spec] : []));
    problems.push(...resolved.problems);
  }
  return { specs, problems };
}

interface Resolution {
  readonly spec: DashboardSpec | null;
  readonly problems: readonly Problem[];
}

export function resolveDefinition(
  definition: DashboardDefinition,
  model: Model,
  projectDir: string,
  file: string,
): Resolution {
  const at = relative(projectDir, definition.at ?? { file, line: 1, column: 1 });
  const problems: Problem[] = [];
  if (!model.teams.some((t) => t.name === definition.options.team)) {
    problems.push(
      problem(
        check,
        'error',
        `unknown team "${definition.options.team}"; catalog teams: ${model.teams.map((t) => t.name).join(', ')}`,
        at,
      ),
    );
  }
  let drafts: readonly RowDraft[];
  try {
    drafts = definition.build();
  } catch (error) {
    problems.push(
      problem(check, 'error', messageOf(error), {
        ...positionInFile(error, file),
        file: path.relative(projectDir, file),
      }),
    );
    return { spec: null, problems };
  }
  const services = new Set<string>();
  const rows: RowSpec[] = drafts.map((row) => ({
    title: row.title,
    panels: row.panels.flatMap((draft) => {
      const resolved = resolvePanel(draft, model, projectDir, at);
      problems.push(...resolved.problems);
      for (const service of resolved.services) services.add(service);
      return resolved.panels;
    }),
  }));
  const spec: DashboardSpec = {
    uid: definition.options.uid,
    title: definition.options.title,
    description: definition.options.description,
    team: definition.options.team,
    services: [...services].sort(),
    rows,
    links: [{ title: 'Fleet overview', url: '/d/obsgen-fleet' }],
    at,
  };
  return { spec, problems };
}

interface PanelResolution {
  readonly panels: readonly PanelSpec[];
  readonly services: readonly string[];
  readonly problems: readonly Problem[];
}

function resolvePanel(
  draft: PanelDraft,
  model: Model,
  projectDir: string,
  fallback: SourcePosition,
): PanelResolution {
  const at = draft.at ? relative(projectDir, draft.at) : fallback;
  if (draft.kind === 'query') {
    const o = draft.options;
    const exprs = typeof o.expr === 'string' ? [o.expr] : o.expr;
    const panel: PanelSpec = {
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
    return { panels: [panel], services: [], problems: [] };
  }
  const service = model.services.find((s) => s.name === draft.service);
  if (!service) {
    return fail(
      at,
      `unknown service "${draft.service}"; catalog services: ${model.services.map((s) => s.name).join(', ')}`,
    );
  }
  if (draft.kind === 'red') {
    if (!service.red)
      return fail(
        at,
        `service "${service.name}" declares no red: block in the catalog, so it has no RED row`,
      );
    return { panels: redPanels(service).map((p) => ({ ...p, at })), services: [service.name], problems: [] };
  }
  return metricDraft(service, draft.metric, draft.options, at);
}

function metricDraft(
  service: Service,
  name: string,
  options: Extract<PanelDraft, { kind: 'metric' }>['options'],
  at: SourcePosition,
): PanelResolution {
  const metric = findMetric(service, name);
  if (!metric) {
    return fail(
      at,
      `service "${service.name}" declares no metric "${name}"; declared: ${service.metrics.map((m) => m.name).join(', ')}`,
    );
  }
  const by = options.by ?? [];
  const undeclared = by.filter((label) => !metric.labels.includes(label));
  if (undeclared.length > 0) {
    return fail(
      at,
      `${metric.name} has no label ${undeclared.join(', ')}; declared labels: ${metric.labels.join(', ') || '(none)'}`,
    );
  }
  const base = metricPanel(service, metric, by);
  const panel: PanelSpec = {
    ...base,
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.width ? { width: options.width } : {}),
    at,
  };
  return { panels: [panel], services: [service.name], problems: [] };
}

function fail(at: SourcePosition, message: string): PanelResolution {
  return { panels: [], services: [], problems: [problem(check, 'error', message, at)] };
}

function relative(projectDir: string, at: SourcePosition): SourcePosition {
  return { ...at, file: path.isAbsolute(at.file) ? path.relative(projectDir, at.file) : at.file };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
