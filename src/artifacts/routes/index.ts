// The routes generator: generated/alertmanager/alertmanager.yaml (plain, what amtool check-config
// reads), one AlertmanagerConfig file per team, and the routing table that tests check both against.
import { toYaml, toYamlDocuments } from '../../emit/yaml.ts';
import type { Model } from '../../model/model.ts';
import { type Problem, problem } from '../../problem.ts';
import type { GeneratedFile, Generator } from '../types.ts';
import { teamCrds } from './crd.ts';
import { plainConfig } from './plain.ts';
import { buildPlan } from './plan.ts';
import { routingTable } from './table.ts';

export const routesPaths = {
  plain: 'alertmanager/alertmanager.yaml',
  team: (team: string) => `alertmanager/${team}.yaml`,
  table: 'alertmanager/routing-table.yaml',
} as const;

/** A copy without shared sub-objects, which YAML would otherwise print as anchors and aliases. */
function plainData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function generateRoutes(model: Model): { files: GeneratedFile[]; problems: Problem[] } {
  const plan = buildPlan(model);
  const files: GeneratedFile[] = [
    { path: routesPaths.plain, content: toYaml(plainData(plainConfig(plan))), kubernetes: false },
    {
      path: routesPaths.table,
      content: toYaml(plainData({ rows: routingTable(model) }), { keepKeyOrder: true }),
      kubernetes: false,
    },
  ];
  const problems: Problem[] = [];
  for (const team of plan.teams) {
    const crds = teamCrds(plan, team);
    for (const issue of crds.issues) {
      const reported = problem('routes/crd', 'error', issue.message, model.locate(issue.path));
      // A receiver shared by several teams is reported once.
      if (!problems.some((p) => p.message === reported.message)) problems.push(reported);
    }
    if (crds.objects.length > 0)
      files.push({
        path: routesPaths.team(team.team),
        content: toYamlDocuments(plainData(crds.objects)),
        kubernetes: true,
      });
  }
  return { files, problems };
}

export const routesGenerator: Generator = {
  name: 'routes',
  async generate(model) {
    return generateRoutes(model);
  },
};
