// The PromQL toolkit: parse + type-check with Prometheus's rules, print, quote, build.
import type { Expr, ValueType } from './ast.ts';
import { checkTypes } from './check.ts';
import type { PromqlError } from './errors.ts';
import type { PromVersion } from './functions.ts';
import { parseSyntax } from './parser.ts';

export type * from './ast.ts';
export { children, documentedType, typeOf } from './check.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { offsetToLineColumn, type PromqlError } from './errors.ts';
export { type FunctionSignature, functions, lookupFunction, type PromVersion } from './functions.ts';
export { matcherMatches } from './matchers.ts';
export { printExpr } from './printer.ts';
export { quoteLabelValue } from './strings.ts';

export type ParseResult =
  | { readonly ok: true; readonly expr: Expr; readonly type: ValueType }
  | { readonly ok: false; readonly errors: readonly PromqlError[] };

export interface ParseOptions {
  /** Prometheus version whose functions and syntax apply; default '2.42'. */
  readonly version?: PromVersion;
  /** Reuse the result of an earlier parse of the same text (default true); benchmarks turn it off. */
  readonly cache?: boolean;
}

const defaultVersion: PromVersion = '2.42';

/** Parses and type-checks a PromQL expression; errors are data, never thrown. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const version = options.version ?? defaultVersion;
  if (options.cache === false) return parseUncached(text, version);
  // gen validates every expression, then lints the same text: the second parse is a lookup.
  const key = `${version}\u0000${text}`;
  const cached = recentResults.get(key);
  if (cached) return cached;
  const result = parseUncached(text, version);
  if (recentResults.size >= 20_000) recentResults.clear();
  recentResults.set(key, result);
  return result;
}

/** Results are immutable (readonly ASTs), so sharing them is safe. */
const recentResults = new Map<string, ParseResult>();

/**
 * parse's result for a tree built rather than parsed: type-checked as it is. A tree that fails is
 * reported as its text (`printed`, asked for only then) parses, so that its errors point into text.
 */
export function checkBuilt(expr: Expr, printed: () => string, options: ParseOptions = {}): ParseResult {
  const version = options.version ?? defaultVersion;
  const checked = checkTypes('', expr, version);
  if (checked.errors.length === 0) return { ok: true, expr, type: checked.type };
  return parse(printed(), { version, cache: false });
}

function parseUncached(text: string, version: PromVersion): ParseResult {
  const syntax = parseSyntax(text, version);
  if (syntax.errors.length > 0 || syntax.expr === null) return { ok: false, errors: syntax.errors };
  const checked = checkTypes(text, syntax.expr, version);
  if (checked.errors.length > 0) return { ok: false, errors: checked.errors };
  return { ok: true, expr: syntax.expr, type: checked.type };
}
