// dashboard/unknown-variable: a query that names a variable the dashboard does not define is sent
// to Prometheus with the literal `$name` in it and fails.
import { builtinVariables, variableUses } from '../../artifacts/dashboards/variables.ts';
import type { Problem } from '../../problem.ts';
import type { DashboardCheck } from './context.ts';

export const id = 'dashboard/unknown-variable';

export const unknownVariable: DashboardCheck = {
  id,
  severity: 'error',
  description: 'every variable a query names is defined by the dashboard or Grafana',
  check(ctx) {
    const problems: Problem[] = [];
    for (const target of ctx.targets) {
      if (target.expr?.kind !== 'string') continue;
      for (const use of variableUses(target.expr.value)) {
        if (ctx.variables.has(use.name) || builtinVariables[use.name] !== undefined) continue;
        problems.push(
          ctx.finding(
            id,
            'error',
            `panel "${target.panel.title}" uses $${use.name}, which the dashboard does not define`,
            target.expr,
            use.offset,
          ),
        );
      }
    }
    return problems;
  },
};
