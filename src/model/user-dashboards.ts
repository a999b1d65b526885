// Dashboards users write in dashboards/*.ts, loaded by the resolve step: each definition's build runs
// here and every draft is checked against the catalog, so a file that throws, or a call naming a
// team, service, metric or label the catalog lacks, fails at its own line before any generator runs.
// What the helpers asked for (rows of panel drafts) joins the model; the dashboards generator turns
// the drafts into panels.
import path from 'node:path';
import { positionInFile } from '../callsite.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import {
  type DashboardDefinition,
  isDashboardDefinition,
  type PanelDraft,
  type UserDashboard,
} from './dashboard-authoring.ts';
import { findMetric, type Model } from './model.ts';

export type { UserDashboard } from './dashboard-authoring.ts';

import { errorMessage, findService, loadDefinitions, relativeTo } from './usermodules.ts';

export const userDashboardCheck = 'gen/user-dashboard';

export interface UserDashboards {
  readonly dashboards: readonly UserDashboard[];
  readonly problems: readonly Problem[];
}

export async function loadUserDashboards(projectDir: string, model: Model): Promise<UserDashboards> {
  const dashboards: UserDashboard[] = [];
  const { loaded, problems } = await loadDefinitions(projectDir, {
    folder: 'dashboards',
    check: userDashboardCheck,
    is: isDashboardDefinition,
    expected: 'defineDashboard(options, build)',
  });
  for (const { definition, file } of loaded) {
    const built = buildDefinition(definition, model, projectDir, file);
    if (built.dashboard) dashboards.push(built.dashboard);
    problems.push(...built.problems);
  }
  return { dashboards, problems };
}

function buildDefinition(
  definition: DashboardDefinition,
  model: Model,
  projectDir: string,
  file: string,
): { readonly dashboard: UserDashboard | null; readonly problems: readonly Problem[] } {
  const at = relativeTo(projectDir, definition.at ?? { file, line: 1, column: 1 });
  const problems: Problem[] = [];
  if (!model.teams.some((t) => t.name === definition.options.team))
    problems.push(
      problem(
        userDashboardCheck,
        'error',
        `unknown team "${definition.options.team}"; catalog teams: ${model.teams.map((t) => t.name).join(', ')}`,
        at,
      ),
    );
  try {
    const rows = definition.build();
    for (const draft of rows.flatMap((row) => row.panels))
      problems.push(...draftProblems(draft, model, draft.at ? relativeTo(projectDir, draft.at) : at));
    return { dashboard: { options: definition.options, rows, at }, problems };
  } catch (error) {
    problems.push(
      problem(userDashboardCheck, 'error', errorMessage(error), {
        ...positionInFile(error, file),
        file: path.relative(projectDir, file),
      }),
    );
    return { dashboard: null, problems };
  }
}

/** What a panel draft names that the catalog lacks: a query panel names nothing (its PromQL is linted later). */
function draftProblems(draft: PanelDraft, model: Model, at: SourcePosition): Problem[] {
  if (draft.kind === 'query') return [];
  const fail = (message: string) => [problem(userDashboardCheck, 'error', message, at)];
  const service = findService(model, draft.service, at, userDashboardCheck);
  if ('check' in service) return [service];
  if (draft.kind === 'red')
    return service.red
      ? []
      : fail(`service "${service.name}" declares no red: block in the catalog, so it has no RED row`);
  const metric = findMetric(service, draft.metric);
  if (!metric)
    return fail(
      `service "${service.name}" declares no metric "${draft.metric}"; declared: ${service.metrics.map((m) => m.name).join(', ')}`,
    );
  const undeclared = (draft.options.by ?? []).filter((label) => !metric.labels.includes(label));
  return undeclared.length === 0
    ? []
    : fail(
        `${metric.name} has no label ${undeclared.join(', ')}; declared labels: ${metric.labels.join(', ') || '(none)'}`,
      );
}
