// The text of a rule's expression: as the user wrote it, or printed from its AST. Printing is the
// costly part of emitting a large fleet's rules, and both the duplicate-rule check and emit read the
// text, so each AST is printed once (a memo of a pure function: the same AST always prints the same).
import type { Expr } from '../../promql/ast.ts';
import { printExpr } from '../../promql/printer.ts';
import type { PromQL } from './types.ts';

const printed = new WeakMap<Expr, string>();

export function exprText(expr: PromQL): string {
  if (typeof expr === 'string') return expr;
  let text = printed.get(expr);
  if (text === undefined) {
    text = printExpr(expr);
    printed.set(expr, text);
  }
  return text;
}
