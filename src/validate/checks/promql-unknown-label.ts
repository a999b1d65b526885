// A matcher on a label the metric does not have selects nothing (or, for `!=`, everything), and
// `by (label)` over it groups every series into one without that label: both usually mean a label
// renamed in the service or misspelt in the rule. Needs the catalog (`obsgen lint --catalog`), which
// declares each metric's labels; target labels (job, instance, namespace, ...) are always there.
import type { AggregateExpr, Expr, VectorSelector } from '../../promql/ast.ts';
import { type Check, type Finding, noFindings } from '../check.ts';
import type { DeclaredSeries, MetricContract } from '../contract.ts';
import { hasLabel, only, outputLabels, selectedName, selectors, walk } from '../expr-tools.ts';

function declaredOf(selector: VectorSelector, contract: MetricContract): DeclaredSeries | undefined {
  const name = selectedName(selector);
  return name === null ? undefined : contract.series.get(name);
}

function labelsText(series: DeclaredSeries): string {
  const declared = series.declaredLabels.length > 0 ? series.declaredLabels.join(', ') : 'none';
  return `the catalog declares its labels as ${declared}`;
}

function matcherFindings(selector: VectorSelector, contract: MetricContract): Finding[] {
  const series = declaredOf(selector, contract);
  if (!series) return [];
  const reported = new Set<string>();
  return selector.matchers.flatMap((matcher) => {
    if (matcher.name === '__name__' || series.labels.has(matcher.name) || reported.has(matcher.name))
      return [];
    reported.add(matcher.name);
    return [
      {
        message: `${series.name} has no label ${matcher.name} (${labelsText(series)}, besides target labels): the matcher ${matcher.name}${matcher.type}"${matcher.value}" never sees it`,
        target: 'expr' as const,
        offset: selector.start,
      },
    ];
  });
}

/** `by` labels that the series below have by the open default, but not by the catalog's labels. */
function groupingFindings(aggregate: AggregateExpr, contract: MetricContract): Finding[] {
  if (aggregate.without || aggregate.grouping.length === 0) return [];
  const declared = selectors(aggregate.expr).flatMap((s) => declaredOf(s, contract) ?? []);
  if (declared.length === 0) return [];
  const open = outputLabels(aggregate.expr);
  const exact = outputLabels(aggregate.expr, (s) => {
    const series = declaredOf(s, contract);
    return series ? only(series.labels) : outputLabels(s);
  });
  return aggregate.grouping
    .filter((label) => hasLabel(open, label) && !hasLabel(exact, label))
    .map((label) => {
      const names = [...new Set(declared.map((d) => d.name))];
      const first = declared[0];
      const detail = names.length === 1 && first ? `; ${labelsText(first)}` : '';
      return {
        message: `${aggregate.op} by (${label}): ${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} no label ${label}${detail}, besides target labels; every series falls into one group without it`,
        target: 'expr' as const,
        offset: aggregate.start,
      };
    });
}

export const promqlUnknownLabel: Check = {
  id: 'promql/unknown-label',
  severity: 'warning',
  description: 'a matcher or by() names a label the catalog does not declare for the metric',
  check: (rule, context) => {
    const contract = context.contract;
    if (!rule.ast || !contract) return noFindings;
    const findings: Finding[] = [];
    walk(rule.ast, (node: Expr) => {
      if (node.type === 'VectorSelector') findings.push(...matcherFindings(node, contract));
      if (node.type === 'AggregateExpr') findings.push(...groupingFindings(node, contract));
    });
    return findings;
  },
};
