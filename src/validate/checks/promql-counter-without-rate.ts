// A counter only ever grows: its raw value depends on when the process started, so it must go through
// rate()/increase() (histogram `_bucket`, `_count` and `_sum` series are counters too).
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import { type Check, type Finding, noFindings } from '../check.ts';
import { instantSelectors, isRecordedName, walk } from '../expr-tools.ts';

const counterSuffixes = ['_total', '_bucket', '_count', '_sum'];

export function looksLikeCounter(name: string): boolean {
  if (isRecordedName(name)) return false;
  for (const suffix of counterSuffixes) if (name.endsWith(suffix)) return true;
  return false;
}

/** A loop rather than some(): checked for every rule, so no closure per call. */
function anyCounter(selectors: readonly VectorSelector[]): boolean {
  for (const selector of selectors) if (looksLikeCounter(selector.name)) return true;
  return false;
}

const harmlessFunctions = new Set(['absent', 'timestamp', 'present_over_time', 'absent_over_time']);

/** Contexts where the raw value of a counter is meaningful: presence, timestamps, counting series. */
function isHarmlessContext(ancestors: readonly Expr[]): boolean {
  return ancestors.some(
    (a) =>
      (a.type === 'Call' && harmlessFunctions.has(a.func)) ||
      (a.type === 'AggregateExpr' && (a.op === 'count' || a.op === 'group')) ||
      (a.type === 'BinaryExpr' &&
        (a.op === 'and' || a.op === 'unless') &&
        a.rhs !== ancestors[ancestors.length - 1]),
  );
}

export const promqlCounterWithoutRate: Check = {
  id: 'promql/counter-without-rate',
  severity: 'warning',
  description: 'a counter is used without rate() or increase()',
  check: (rule) => {
    // Only a selector outside a range selector is reported: a tree without such a counter-like one
    // (a recording rule over rate(x_total[5m])) needs no walk with ancestors.
    if (!rule.ast || !anyCounter(instantSelectors(rule.ast))) return noFindings;
    const findings: Finding[] = [];
    walk(rule.ast, (node, ancestors) => {
      if (node.type !== 'VectorSelector' || !looksLikeCounter(node.name)) return;
      if (ancestors[ancestors.length - 1]?.type === 'MatrixSelector') return;
      if (isHarmlessContext(ancestors)) return;
      findings.push({
        message: `${node.name} is a counter: its raw value only grows, use rate() or increase() over it`,
        target: 'expr',
        offset: node.start,
      });
    });
    return findings;
  },
};
