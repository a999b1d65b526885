// dashboard/promql: every query must parse with the PromQL toolkit once Grafana's variables are
// replaced by values of the right shape; a broken query only shows as an error icon in Grafana.

import { queryProblems } from '../../artifacts/dashboards/validate.ts';
import { builtinVariables } from '../../artifacts/dashboards/variables.ts';
import type { Problem } from '../../problem.ts';
import type { DashboardCheck } from './context.ts';

export const id = 'dashboard/promql';

export const promql: DashboardCheck = {
  id,
  severity: 'error',
  description: 'every query parses once Grafana variables are substituted',
  check(ctx) {
    const problems: Problem[] = [];
    // Unknown variables are dashboard/unknown-variable's finding; here every name counts as defined.
    const everything = new Set([...ctx.variables, ...Object.keys(builtinVariables)]);
    for (const target of ctx.targets) {
      if (target.expr?.kind !== 'string' || target.expr.value.trim() === '') continue;
      for (const message of queryProblems(target.expr.value, everything, null)) {
        if (message.startsWith('unknown variable')) continue;
        problems.push(ctx.finding(id, 'error', `panel "${target.panel.title}": ${message}`, target.expr));
      }
    }
    return problems;
  },
};
