// dashboard/datasource-variable: a dashboard that names its data source by uid breaks in every
// Grafana where that uid differs; panels and targets should use a `datasource` variable instead.
import type { Problem } from '../../problem.ts';
import type { DashboardCheck } from './context.ts';
import { field, itemsOf, type JsonNode, stringAt } from './json-source.ts';

export const id = 'dashboard/datasource-variable';

function usesVariable(ref: JsonNode | undefined): boolean {
  const uid = ref?.kind === 'string' ? ref.value : stringAt(ref, 'uid');
  return uid !== undefined && /^\$\{?[A-Za-z0-9_]+\}?$/.test(uid);
}

export const datasourceVariable: DashboardCheck = {
  id,
  severity: 'error',
  description: 'panels and targets name their data source by a variable, not a fixed uid',
  check(ctx) {
    const problems: Problem[] = [];
    const list = field(field(ctx.root, 'templating'), 'list');
    const hasVariable = itemsOf(list).some((v) => stringAt(v, 'type') === 'datasource');
    if (!hasVariable) {
      problems.push(
        ctx.finding(
          id,
          'error',
          'the dashboard defines no datasource variable (templating.list entry of type "datasource")',
          field(ctx.root, 'templating') ?? ctx.root,
        ),
      );
    }
    for (const panel of ctx.panels) {
      if (panel.type === 'row') continue;
      const ref = field(panel.node, 'datasource');
      if (!usesVariable(ref)) {
        problems.push(
          ctx.finding(
            id,
            'error',
            `panel "${panel.title}" does not select its data source through a variable such as \${datasource}`,
            ref ?? panel.node,
          ),
        );
      }
    }
    for (const target of ctx.targets) {
      const ref = field(target.node, 'datasource');
      if (ref !== undefined && !usesVariable(ref)) {
        problems.push(
          ctx.finding(
            id,
            'error',
            `a query of panel "${target.panel.title}" names a fixed data source instead of \${datasource}`,
            ref,
          ),
        );
      }
    }
    return problems;
  },
};
