// An alert expression without a condition (comparison, `and`/`unless`, absent()) returns a value for
// every series, so the alert fires for as long as the series exist.
import type { Expr } from '../../promql/ast.ts';
import { type Check, noFindings } from '../check.ts';
import { comparisonOps, isScalarish, unwrap } from '../expr-tools.ts';

const filteringFunctions = new Set(['absent', 'absent_over_time', 'present_over_time']);

/** true when the expression can return no series (so the alert can stop firing). */
export function filters(expr: Expr): boolean {
  const e = unwrap(expr);
  switch (e.type) {
    case 'BinaryExpr':
      if (comparisonOps.has(e.op)) return !e.returnBool || filters(e.lhs) || filters(e.rhs);
      if (e.op === 'and' || e.op === 'unless') return true;
      if (e.op === 'or') return filters(e.lhs) && filters(e.rhs);
      // Arithmetic between vectors only keeps series that match on both sides; with a scalar it filters when the vector does.
      if (isScalarish(e.lhs)) return filters(e.rhs);
      if (isScalarish(e.rhs)) return filters(e.lhs);
      return filters(e.lhs) || filters(e.rhs);
    case 'AggregateExpr':
      return filters(e.expr);
    case 'Call':
      if (filteringFunctions.has(e.func)) return true;
      return e.args.some((a) => filters(a));
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return filters(e.expr);
    default:
      return false;
  }
}

export const alertsAlwaysFires: Check = {
  id: 'alerts/always-fires',
  severity: 'warning',
  kind: 'alert',
  description: 'an alert expression with no condition fires whenever its series exist',
  check: (rule) => {
    if (rule.kind !== 'alert' || !rule.ast || filters(rule.ast)) return noFindings;
    // A dead man's switch fires on purpose; by convention it carries severity "none".
    if (rule.labels.get('severity') === 'none') return noFindings;
    return [
      {
        message:
          'the expression has no condition (comparison, and/unless, absent): the alert fires for as long as the series exist',
        target: 'expr',
        offset: 0,
      },
    ];
  },
};
