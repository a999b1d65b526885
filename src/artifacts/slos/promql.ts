// The few PromQL shapes SLO rules need, on the shared AST constructors (src/promql/construct.ts) and
// printed by the canonical printer. Operands that are themselves operations get explicit
// parentheses, so a generated rule reads unambiguously to someone who does not know PromQL's
// precedence table.
import type { BinaryOp, Expr, LabelMatcher, VectorSelector } from '../../promql/ast.ts';
import * as q from '../../promql/construct.ts';
import { printExpr } from '../../promql/printer.ts';

export { eq, selector } from '../../promql/construct.ts';
export { printExpr as text };

export function selectorText(metric: string, matchers: readonly LabelMatcher[]): string {
  return printExpr(q.selector(metric, matchers));
}

export function call(
  fn: 'rate' | 'sum_over_time' | 'avg_over_time',
  vector: VectorSelector,
  ms: number,
  offsetMs = 0,
): Expr {
  return q.rangeCall(fn, offsetMs > 0 ? q.offset(vector, offsetMs) : vector, ms);
}

export function fn(name: 'absent' | 'vector', arg: Expr): Expr {
  return q.call(name, [arg]);
}

/** Counters scraped a moment apart can make good exceed total by a hair: `clamp_min(x, 0)`. */
export function nonNegative(expr: Expr): Expr {
  return q.call('clamp_min', [expr, q.number(0)]);
}

export function sumBy(labels: readonly string[], expr: Expr): Expr {
  return q.aggregate('sum', expr, labels);
}

export const num = q.number;

function operand(expr: Expr): Expr {
  return expr.type === 'BinaryExpr' ? q.paren(expr) : expr;
}

export interface Matching {
  readonly kind: 'on' | 'ignoring';
  readonly labels: readonly string[];
}

export function binary(
  lhs: Expr,
  op: Extract<BinaryOp, '+' | '-' | '*' | '/' | '>' | 'and' | 'or'>,
  rhs: Expr,
  matching?: Matching,
): Expr {
  const options = matching ? { [matching.kind]: matching.labels } : {};
  return q.binary(op, operand(lhs), operand(rhs), options);
}

/**
 * errors / total that is 0, not NaN, when total is 0: the division keeps only series with traffic and
 * `or` fills the rest with total * 0. A stretch without traffic therefore burns no budget.
 */
export function safeRatio(errors: Expr, total: Expr): Expr {
  return binary(binary(errors, '/', binary(total, '>', num(0))), 'or', binary(total, '*', num(0)));
}
