// The one place lint calls the PromQL parser: an AST, or errors with offsets into the expression text.
import type { Expr } from '../promql/ast.ts';
import type { PromVersion } from '../promql/functions.ts';
import { parse } from '../promql/index.ts';

export interface ParsedExpr {
  readonly expr: Expr | null;
  readonly errors: readonly { readonly message: string; readonly offset: number }[];
}

export function parseExpr(text: string, version: PromVersion = '2.42'): ParsedExpr {
  const result = parse(text, { version });
  if (result.ok) return { expr: result.expr, errors: [] };
  return { expr: null, errors: result.errors.map((e) => ({ message: e.message, offset: e.start })) };
}
