// dashboard/undeclared-series: a panel that selects a series nothing produces (no catalog metric, no
// generated recording rule) shows "No data" in Grafana, usually because of a renamed metric or a
// typo. Runs where the declared series are known (gen, which knows the catalog and the rules).
import { selectedName, vectorSelectors } from '../../artifacts/dashboards/validate.ts';
import { substituteVariables } from '../../artifacts/dashboards/variables.ts';
import type { Problem } from '../../problem.ts';
import { parse } from '../../promql/index.ts';
import type { DashboardCheck } from './context.ts';

export const id = 'dashboard/undeclared-series';

/** Names a query selects by equality that `declared` lacks, each once, in query order. */
export function undeclaredNames(
  text: string,
  variables: ReadonlySet<string>,
  declared: ReadonlySet<string>,
): string[] {
  const parsed = parse(substituteVariables(text, variables).text);
  if (!parsed.ok) return [];
  const names: string[] = [];
  for (const selector of vectorSelectors(parsed.expr)) {
    const name = selectedName(selector);
    if (name !== null && !declared.has(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

export const undeclaredSeries: DashboardCheck = {
  id,
  severity: 'warning',
  description: 'every series a panel selects is declared in the catalog or recorded by a rule',
  check(ctx) {
    const declared = ctx.declaredSeries;
    if (!declared) return [];
    const problems: Problem[] = [];
    const known = new Set(ctx.variables);
    for (const target of ctx.targets) {
      if (target.expr?.kind !== 'string') continue;
      const text = target.expr.value;
      for (const name of undeclaredNames(text, known, declared)) {
        const at = text.search(
          new RegExp(`(?<![\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w:])`),
        );
        problems.push(
          ctx.finding(
            id,
            'warning',
            `panel "${target.panel.title}" reads ${name}, which no catalog metric declares and no generated rule records: the panel will show No data; declare the metric under the service's metrics or fix the name`,
            target.expr,
            at >= 0 ? at : undefined,
          ),
        );
      }
    }
    return problems;
  },
};
