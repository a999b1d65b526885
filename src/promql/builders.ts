// Query builders: PromQL made from typed parts, never by pasting strings.
//
// Two layers:
// - expression builders (`selector`, `number`, `call`, `aggregate`, `binary`, `rate`) that make
//   plain AST nodes, adding parentheses where precedence needs them;
// - typed builders (`counter`, `gauge`, `histogram`, `rateOf`, `sumBy`, `histogramQuantile`...)
//   whose branded types make wrong queries fail to compile: `rateOf(gauge(...))`, or
//   `histogramQuantile` over an aggregation that dropped `le`.
// Both print through `printExpr`, and every label value goes through `quoteLabelValue`.
import type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  Call,
  Expr,
  LabelMatcher,
  MatchType,
  NumberLiteral,
  VectorMatching,
  VectorSelector,
} from './ast.ts';
import { parseDuration } from './duration.ts';
import { needsParens, printExpr } from './printer.ts';

// ---------------------------------------------------------------------------------------------
// Expression builders (untyped: any Expr in, Expr out).

const noRange = { start: 0, end: 0 } as const;

function paren(expr: Expr): Expr {
  return { type: 'ParenExpr', expr, ...noRange };
}

export function number(value: number): NumberLiteral {
  return { type: 'NumberLiteral', value, ...noRange };
}

export function string(value: string): Expr {
  return { type: 'StringLiteral', value, ...noRange };
}

/** `name{matchers}`; the name may be '' when a matcher selects the series. */
export function selector(name: string, matchers: readonly LabelMatcher[] = []): VectorSelector {
  const own = matchers.filter((m) => !(name !== '' && m.name === '__name__'));
  const all = name === '' ? own : [...own, { name: '__name__', type: '=' as const, value: name }];
  return { type: 'VectorSelector', name, matchers: all, offsetMs: 0, at: null, ...noRange };
}

export function matcher(name: string, type: MatchType, value: string): LabelMatcher {
  return { name, type, value };
}

/** Milliseconds of a duration such as `5m`; throws on a malformed literal (a programming error). */
export function durationMs(window: string): number {
  const parsed = parseDuration(window);
  if (!parsed.ok || parsed.ms <= 0) throw new Error(`invalid PromQL duration ${JSON.stringify(window)}`);
  return parsed.ms;
}

/** `selector[window]` */
export function range(vector: VectorSelector, window: string): Expr {
  return { type: 'MatrixSelector', vectorSelector: vector, rangeMs: durationMs(window), ...noRange };
}

export function call(func: string, args: readonly Expr[]): Call {
  return { type: 'Call', func, args, ...noRange };
}

/** `func(selector[window])` for the range functions (rate, increase, *_over_time...). */
export function rangeCall(func: string, expr: Expr, window: string): Call {
  if (expr.type === 'VectorSelector') return call(func, [range(expr, window)]);
  const subquery: Expr = {
    type: 'SubqueryExpr',
    expr: needsParens(expr, expr, 'postfix') ? paren(expr) : expr,
    rangeMs: durationMs(window),
    stepMs: 0,
    offsetMs: 0,
    at: null,
    ...noRange,
  };
  return call(func, [subquery]);
}

export function rate(expr: Expr, window: string): Call {
  return rangeCall('rate', expr, window);
}

export interface AggregateOptions {
  /** `without (...)` instead of `by (...)`. */
  readonly without?: boolean;
  /** The parameter of topk, bottomk, quantile, count_values. */
  readonly param?: Expr;
}

export function aggregate(
  op: AggregateOp,
  expr: Expr,
  grouping: readonly string[] = [],
  options: AggregateOptions = {},
): AggregateExpr {
  return {
    type: 'AggregateExpr',
    op,
    expr,
    param: options.param ?? null,
    grouping,
    without: options.without ?? false,
    ...noRange,
  };
}

export interface BinaryOptions {
  readonly bool?: boolean;
  readonly on?: readonly string[];
  readonly ignoring?: readonly string[];
  readonly groupLeft?: readonly string[];
  readonly groupRight?: readonly string[];
}

const setOperators = new Set<BinaryOp>(['and', 'or', 'unless']);

/** `lhs op rhs` with modifiers; operands are parenthesised where precedence needs it. */
export function binary(op: BinaryOp, lhs: Expr, rhs: Expr, options: BinaryOptions = {}): BinaryExpr {
  let card: VectorMatching['card'] = setOperators.has(op) ? 'many-to-many' : 'one-to-one';
  if (options.groupLeft) card = 'many-to-one';
  if (options.groupRight) card = 'one-to-many';
  const matching: VectorMatching = {
    card,
    matchingLabels: options.on ?? options.ignoring ?? [],
    on: options.on !== undefined,
    include: options.groupLeft ?? options.groupRight ?? [],
  };
  const draft: BinaryExpr = {
    type: 'BinaryExpr',
    op,
    lhs,
    rhs,
    matching,
    returnBool: options.bool ?? false,
    ...noRange,
  };
  return {
    ...draft,
    lhs: needsParens(draft, lhs, 'lhs') ? paren(lhs) : lhs,
    rhs: needsParens(draft, rhs, 'rhs') ? paren(rhs) : rhs,
  };
}

// ---------------------------------------------------------------------------------------------
// Typed builders. Brands exist only for the compiler; at run time every value is an AST node.

declare const kind: unique symbol;
type Branded<E extends Expr, K extends string> = E & { readonly [kind]: K };

/** Series of a counter (monotonic): only rate/increase-like functions make sense on it. */
export type CounterRef = Branded<VectorSelector, 'counter'>;
/** Series of a gauge. */
export type GaugeRef = Branded<VectorSelector, 'gauge'>;
/** A histogram family; `bucket(h)` gives its `_bucket` counter. */
export interface HistogramRef {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
}
/** An instant vector; `L` lists labels known to survive (for `le` checks). */
export type Vector<L extends string = string> = Branded<Expr, 'vector'> & { readonly labels?: L };
/** An instant vector that still carries the histogram `le` label. */
export type BucketVector = Vector<'le'>;
export type Scalar = Branded<Expr, 'scalar'>;
/** The `_bucket` counter of a histogram. */
export type BucketCounterRef = Branded<VectorSelector, 'bucket-counter'>;

function brand<T>(expr: Expr): T {
  return expr as unknown as T;
}

function toMatchers(labels: Readonly<Record<string, string>> | readonly LabelMatcher[]): LabelMatcher[] {
  if (Array.isArray(labels)) return [...(labels as readonly LabelMatcher[])];
  return Object.entries(labels as Readonly<Record<string, string>>).map(([name, value]) =>
    matcher(name, '=', value),
  );
}

type Labels = Readonly<Record<string, string>> | readonly LabelMatcher[];

export function counter(name: string, labels: Labels = []): CounterRef {
  return brand<CounterRef>(selector(name, toMatchers(labels)));
}

export function gauge(name: string, labels: Labels = []): GaugeRef {
  return brand<GaugeRef>(selector(name, toMatchers(labels)));
}

export function histogram(name: string, labels: Labels = []): HistogramRef {
  return { name, matchers: toMatchers(labels) };
}

/** `name_bucket{...}` */
export function bucket(h: HistogramRef): BucketCounterRef {
  return brand<BucketCounterRef>(selector(`${h.name}_bucket`, h.matchers));
}

/** `name_count{...}` / `name_sum{...}`: plain counters. */
export function histogramCount(h: HistogramRef): CounterRef {
  return brand<CounterRef>(selector(`${h.name}_count`, h.matchers));
}
export function histogramSum(h: HistogramRef): CounterRef {
  return brand<CounterRef>(selector(`${h.name}_sum`, h.matchers));
}

/** A gauge used as an instant vector. */
export function value(g: GaugeRef): Vector {
  return brand<Vector>(g);
}

/** `rate(counter[window])`; a bucket counter keeps its `le`. */
export function rateOf<C extends CounterRef | BucketCounterRef>(
  c: C,
  window: string,
): C extends BucketCounterRef ? BucketVector : Vector {
  return brand(rate(c, window));
}

export function increaseOf<C extends CounterRef | BucketCounterRef>(
  c: C,
  window: string,
): C extends BucketCounterRef ? BucketVector : Vector {
  return brand(rangeCall('increase', c, window));
}

/** `<op>_over_time(gauge[window])`. */
export function overTime(
  func: 'avg' | 'min' | 'max' | 'sum' | 'count' | 'last' | 'stddev' | 'stdvar' | 'present',
  g: GaugeRef,
  window: string,
): Vector {
  return brand<Vector>(rangeCall(`${func}_over_time`, g, window));
}

type SumOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'group';

/** `op by (labels) (v)`; the result keeps `le` only when it is among the labels. */
export function aggregateBy<const G extends readonly string[], V extends Vector<string>>(
  op: SumOp,
  labels: G,
  v: V,
): 'le' extends G[number] ? Vector<G[number]> : Vector<Exclude<G[number], 'le'>> {
  return brand(aggregate(op, v, labels));
}

export function sumBy<const G extends readonly string[], V extends Vector<string>>(
  labels: G,
  v: V,
): 'le' extends G[number] ? Vector<G[number]> : Vector<Exclude<G[number], 'le'>> {
  return aggregateBy('sum', labels, v);
}

/** `sum(v)`: drops every label, `le` included. */
export function sum(v: Vector<string>): Vector<never> {
  return brand<Vector<never>>(aggregate('sum', v));
}

/** `histogram_quantile(q, buckets)`: the buckets must still carry `le`. */
export function histogramQuantile(q: number, buckets: Vector<'le'> & { readonly labels?: 'le' }): Vector {
  return brand<Vector>(call('histogram_quantile', [number(q), buckets]));
}

export function scalarOf(n: number): Scalar {
  return brand<Scalar>(number(n));
}

type Arithmetic = '+' | '-' | '*' | '/' | '%' | '^';
type Comparison = '==' | '!=' | '>' | '<' | '>=' | '<=';

/** Arithmetic between vectors and/or scalars. */
export function arith(
  op: Arithmetic,
  lhs: Vector | Scalar,
  rhs: Vector | Scalar,
  options: BinaryOptions = {},
): Vector {
  return brand<Vector>(binary(op, lhs, rhs, options));
}

/** A filtering comparison, as alert conditions are written. */
export function compare(
  op: Comparison,
  lhs: Vector,
  rhs: Vector | Scalar,
  options: BinaryOptions = {},
): Vector {
  return brand<Vector>(binary(op, lhs, rhs, options));
}

/** Set operators apply to instant vectors only. */
export function and(lhs: Vector, rhs: Vector, options: Pick<BinaryOptions, 'on' | 'ignoring'> = {}): Vector {
  return brand<Vector>(binary('and', lhs, rhs, options));
}
export function or(lhs: Vector, rhs: Vector, options: Pick<BinaryOptions, 'on' | 'ignoring'> = {}): Vector {
  return brand<Vector>(binary('or', lhs, rhs, options));
}
export function unless(
  lhs: Vector,
  rhs: Vector,
  options: Pick<BinaryOptions, 'on' | 'ignoring'> = {},
): Vector {
  return brand<Vector>(binary('unless', lhs, rhs, options));
}

/** The PromQL text of any built expression. */
export function toPromQL(expr: Expr): string {
  return printExpr(expr);
}
