// Plain AST constructors: the lowest layer for building PromQL from typed parts. Nodes carry an empty
// source range; printExpr adds the parentheses precedence needs. The typed query builders (and obsgen's
// generators) build on these, so label values are always quoted by the printer, never pasted.
import type {
  AggregateOp,
  BinaryOp,
  Call,
  Expr,
  GrafanaRangeVariable,
  LabelMatcher,
  MatrixSelector,
  NumberLiteral,
  ParenExpr,
  VectorMatching,
  VectorSelector,
} from './ast.ts';
import { parseDuration } from './duration.ts';

// Built nodes have no source range: start and end are 0 (written out, not spread: built in hot loops).

export function number(value: number): NumberLiteral {
  return { type: 'NumberLiteral', value, start: 0, end: 0 };
}

export function selector(name: string, matchers: readonly LabelMatcher[] = []): VectorSelector {
  // The name's own matcher last, replacing any given one.
  const all: LabelMatcher[] = [];
  for (const m of matchers) if (m.name !== '__name__') all.push(m);
  if (name !== '') all.push({ name: '__name__', type: '=', value: name });
  return {
    type: 'VectorSelector',
    name,
    matchers: all,
    offsetMs: 0,
    at: null,
    start: 0,
    end: 0,
  };
}

export function eq(name: string, value: string): LabelMatcher {
  return { name, type: '=', value };
}

function durationMs(window: string | number): number {
  if (typeof window === 'number') return window;
  const parsed = parseDuration(window);
  if (!parsed.ok) throw new Error(`invalid duration "${window}": ${parsed.message}`);
  return parsed.ms;
}

/** The selector shifted back in time (`offset`). */
export function offset(vector: VectorSelector, window: string | number): VectorSelector {
  return { ...vector, offsetMs: durationMs(window) };
}

/** Explicit parentheses, for generated text that reads unambiguously without knowing precedence. */
export function paren(expr: Expr): ParenExpr {
  return { type: 'ParenExpr', expr, start: 0, end: 0 };
}

export function range(vector: VectorSelector, window: string | number): MatrixSelector {
  return { type: 'MatrixSelector', vectorSelector: vector, rangeMs: durationMs(window), start: 0, end: 0 };
}

export function call(func: string, args: readonly Expr[]): Call {
  return { type: 'Call', func, args, start: 0, end: 0 };
}

/** `selector[$__rate_interval]`: a range Grafana fills in, for dashboard queries only (see the AST). */
export function rangeVar(vector: VectorSelector, variable: GrafanaRangeVariable): MatrixSelector {
  return {
    type: 'MatrixSelector',
    vectorSelector: vector,
    rangeMs: 0,
    rangeVariable: variable,
    start: 0,
    end: 0,
  };
}

/** `func(selector[window])`, e.g. rate, increase, *_over_time. */
export function rangeCall(func: string, vector: VectorSelector, window: string | number): Call {
  return call(func, [range(vector, window)]);
}

export function rate(vector: VectorSelector, window: string | number): Call {
  return rangeCall('rate', vector, window);
}

export function aggregate(
  op: AggregateOp,
  expr: Expr,
  by: readonly string[] = [],
  param: Expr | null = null,
): Expr {
  return { type: 'AggregateExpr', op, expr, param, grouping: by, without: false, start: 0, end: 0 };
}

export interface BinaryOptions {
  /** on(labels) matching */
  readonly on?: readonly string[];
  readonly ignoring?: readonly string[];
  readonly groupLeft?: readonly string[];
  readonly groupRight?: readonly string[];
  readonly bool?: boolean;
}

const setOps: readonly BinaryOp[] = ['and', 'or', 'unless'];

export function binary(op: BinaryOp, lhs: Expr, rhs: Expr, options: BinaryOptions = {}): Expr {
  const bothScalar = isScalar(lhs) && isScalar(rhs);
  const card: VectorMatching['card'] = setOps.includes(op)
    ? 'many-to-many'
    : options.groupLeft
      ? 'many-to-one'
      : options.groupRight
        ? 'one-to-many'
        : 'one-to-one';
  const matching: VectorMatching | null = bothScalar
    ? null
    : {
        card,
        matchingLabels: options.on ?? options.ignoring ?? [],
        on: options.on !== undefined,
        include: options.groupLeft ?? options.groupRight ?? [],
      };
  return { type: 'BinaryExpr', op, lhs, rhs, matching, returnBool: options.bool ?? false, start: 0, end: 0 };
}

function isScalar(expr: Expr): boolean {
  return (
    expr.type === 'NumberLiteral' ||
    (expr.type === 'Call' && (expr.func === 'scalar' || expr.func === 'time'))
  );
}
