// An alert without `for` fires on the first evaluation whose expression matches: one late scrape, one
// restart or one burst pages someone, and it resolves a minute later. `for` asks that the condition
// hold for a while. Left alone: alerts that are meant to fire at once (a constant such as the
// Watchdog's vector(1)) and multi-window alerts (`A > x and B > y`), where the second window does
// the work of `for`.
import type { Expr } from '../../promql/ast.ts';
import { type Check, noFindings } from '../check.ts';
import { isComparison, selectors, unwrap } from '../expr-tools.ts';

/** A condition on series: `A > x`, not `hour() > 8`. */
function seriesCondition(expr: Expr): boolean {
  return isComparison(unwrap(expr)) && selectors(expr).length > 0;
}

/** `A > x and B > y`, or several such joined by `or`: the multi-window burn-rate shape. */
export function isMultiWindow(expr: Expr): boolean {
  const e = unwrap(expr);
  if (e.type !== 'BinaryExpr') return false;
  if (e.op === 'or') return isMultiWindow(e.lhs) && isMultiWindow(e.rhs);
  if (e.op !== 'and') return false;
  const condition = (side: Expr): boolean => seriesCondition(side) || isMultiWindow(side);
  return condition(e.lhs) && condition(e.rhs);
}

export const alertsMissingFor: Check = {
  id: 'alerts/missing-for',
  severity: 'warning',
  kind: 'alert',
  description: 'an alert without for fires on a single evaluation',
  check: (rule) => {
    if (rule.kind !== 'alert' || rule.forMs > 0 || !rule.ast) return noFindings;
    if (selectors(rule.ast).length === 0 || isMultiWindow(rule.ast)) return noFindings;
    return [
      {
        message:
          'alert has no for: it fires on the first evaluation that matches, so one late scrape or short burst pages; add for: (e.g. 5m) so the condition must hold',
        target: 'name',
      },
    ];
  },
};
