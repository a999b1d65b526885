// The routes generator: generated/alertmanager/alertmanager.yaml (plain, what amtool check-config
// reads), one AlertmanagerConfig file per team, and the routing table that tests check both against.

import { alertmanagerTree } from '../../alertmanager/config.ts';
import { resolveReceivers } from '../../alertmanager/route.ts';
import type { Model } from '../../model/model.ts';
import { type Problem, problem } from '../../problem.ts';
import type { Generator, YamlFile } from '../types.ts';
import { teamCrds } from './crd.ts';
import { emittable } from './emittable.ts';
import { plainConfig } from './plain.ts';
import { buildPlan } from './plan.ts';
import { type SourcedRow, sourcedRoutingTable } from './table.ts';
import { unroutedWarnings } from './unrouted.ts';

export const routesPaths = {
  plain: 'alertmanager/alertmanager.yaml',
  team: (team: string) => `alertmanager/${team}.yaml`,
  table: 'alertmanager/routing-table.yaml',
} as const;

/** The value as JSON has it (no undefined keys, no classes or non-finite numbers): what the file holds. */
function plainData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Reads the generated config (as emitted, before YAML printing) back and resolves every routing-table row: a row the tree does not
 * honour is an override that can never match (e.g. it names another team) or a generator bug.
 */
function unhonouredRows(model: Model, plain: unknown, table: readonly SourcedRow[]): Problem[] {
  const tree = alertmanagerTree(plain);
  if (!tree.ok)
    return [
      problem(
        'routes/table',
        'error',
        `generated alertmanager.yaml does not read back: ${tree.error}`,
        model.locate(['alertmanager']),
      ),
    ];
  return table.flatMap(({ row, origin }) => {
    const got = resolveReceivers(tree.value.route, row.labels);
    if (got.join(',') === row.receivers.join(',')) return [];
    const message = `${origin.join('.')}: an alert ${JSON.stringify(row.labels)} should reach ${row.receivers.join(', ')} but the route tree sends it to ${got.join(', ')}; an earlier route or the team's own route takes it first`;
    return [problem('routes/table', 'error', message, model.locate(origin))];
  });
}

export function generateRoutes(model: Model): { documents: YamlFile[]; problems: Problem[] } {
  const plan = buildPlan(model);
  const plainObject = plainData(plainConfig(plan));
  const table = sourcedRoutingTable(model);
  const documents: YamlFile[] = [
    { path: routesPaths.plain, documents: [plainObject], kubernetes: false },
    {
      path: routesPaths.table,
      documents: [plainData({ rows: table.map((r) => r.row) })],
      keepKeyOrder: true,
      kubernetes: false,
    },
  ];
  const problems: Problem[] = [
    ...unhonouredRows(model, plainObject, table),
    ...unroutedWarnings(model, plan),
  ];
  for (const team of plan.teams) {
    const crds = teamCrds(plan, team);
    for (const issue of crds.issues) {
      const reported = problem('routes/crd', 'error', issue.message, model.locate(issue.path));
      // A receiver shared by several teams is reported once.
      if (!problems.some((p) => p.message === reported.message)) problems.push(reported);
    }
    if (crds.objects.length === 0)
      problems.push(
        problem(
          'routes/no-namespace',
          'warning',
          `team ${team.team} has no services and no namespace, so no AlertmanagerConfig: its routes exist only in ${routesPaths.plain}; set teams.${team.team}.namespace to deliver them through the operator`,
          model.locate(['teams', team.team]),
        ),
      );
    else
      documents.push({
        path: routesPaths.team(team.team),
        documents: emittable(crds.objects),
        kubernetes: true,
      });
  }
  return { documents, problems };
}

export const routesGenerator: Generator = {
  name: 'routes',
  async generate(model) {
    return { files: [], ...generateRoutes(model) };
  },
};
