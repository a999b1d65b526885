// Typed query builders: the metric kind (counter, gauge, histogram) and the labels that survive an
// aggregation are part of the TypeScript type, so wrong queries do not compile:
//   rate(gauge('queue_depth'), '5m')                              // error: a gauge is not a counter
//   histogramQuantile(0.9, sum(rate(bucket(h), '5m')))            // error: `le` was aggregated away
//   histogramQuantile(0.99, sumBy(['le'], rate(bucket(h), '5m'))) // ok
// At run time every value is a plain AST node (from construct.ts); `toPromQL` prints it with
// printExpr, and label values are quoted by quoteLabelValue there, never pasted.
import type { AggregateOp, Expr, LabelMatcher, VectorSelector } from './ast.ts';
import * as ast from './construct.ts';
import { printExpr } from './printer.ts';

declare const brand: unique symbol;
/** A compile-time tag on an AST node; it does not exist at run time. */
type Tagged<E extends Expr, Tag> = E & { readonly [brand]: Tag };

/** Series of a counter: only rate/increase-like functions make sense on it. */
export type Counter = Tagged<VectorSelector, 'counter'>;
/** Series of a gauge: used as is, or with *_over_time. */
export type Gauge = Tagged<VectorSelector, 'gauge'>;
/** The `_bucket` counter of a classic histogram: its series carry `le`. */
export type BucketCounter = Tagged<VectorSelector, 'bucket-counter'>;
/** An instant vector. `WithLe` says whether the histogram `le` label is still there. */
export type Vector<WithLe extends boolean = false> = Tagged<Expr, { vector: true; le: WithLe }>;
export type Scalar = Tagged<Expr, 'scalar'>;

/** A classic histogram family (`name_bucket`, `name_sum`, `name_count`). */
export interface Histogram {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
}

/** Label selection: `{ job: 'api' }` (equality) or explicit matchers. */
export type Labels = Readonly<Record<string, string>> | readonly LabelMatcher[];

function tag<T>(expr: Expr): T {
  return expr as unknown as T;
}

function matchersOf(labels: Labels): LabelMatcher[] {
  if (Array.isArray(labels)) return [...(labels as readonly LabelMatcher[])];
  return Object.entries(labels as Readonly<Record<string, string>>).map(([name, value]) =>
    ast.eq(name, value),
  );
}

export function counter(name: string, labels: Labels = []): Counter {
  return tag<Counter>(ast.selector(name, matchersOf(labels)));
}

export function gauge(name: string, labels: Labels = []): Gauge {
  return tag<Gauge>(ast.selector(name, matchersOf(labels)));
}

export function histogram(name: string, labels: Labels = []): Histogram {
  return { name, matchers: matchersOf(labels) };
}

/** `name_bucket{...}` */
export function bucket(h: Histogram): BucketCounter {
  return tag<BucketCounter>(ast.selector(`${h.name}_bucket`, h.matchers));
}

/** `name_count{...}`: a plain counter. */
export function histogramCount(h: Histogram): Counter {
  return tag<Counter>(ast.selector(`${h.name}_count`, h.matchers));
}

/** `name_sum{...}`: a plain counter. */
export function histogramSum(h: Histogram): Counter {
  return tag<Counter>(ast.selector(`${h.name}_sum`, h.matchers));
}

/** A gauge's current value as an instant vector. */
export function value(g: Gauge): Vector {
  return tag<Vector>(g);
}

type PerSecond<C> = C extends BucketCounter ? Vector<true> : Vector;

/** `rate(counter[window])`; a bucket counter's rate keeps `le`. */
export function rate<C extends Counter | BucketCounter>(c: C, window: string): PerSecond<C> {
  return tag<PerSecond<C>>(ast.rate(c, window));
}

/** `increase(counter[window])` */
export function increase<C extends Counter | BucketCounter>(c: C, window: string): PerSecond<C> {
  return tag<PerSecond<C>>(ast.rangeCall('increase', c, window));
}

export type OverTime = 'avg' | 'min' | 'max' | 'sum' | 'count' | 'last' | 'stddev' | 'stdvar' | 'present';

/** `<op>_over_time(gauge[window])` */
export function overTime(op: OverTime, g: Gauge, window: string): Vector {
  return tag<Vector>(ast.rangeCall(`${op}_over_time`, g, window));
}

type Aggregation = Extract<AggregateOp, 'sum' | 'avg' | 'min' | 'max' | 'count' | 'group'>;
/** `le` survives an aggregation only when it is one of the `by` labels. */
type KeepsLe<G extends readonly string[], V> =
  V extends Vector<true> ? ('le' extends G[number] ? true : false) : false;

/** `op by (labels) (v)` */
export function aggregateBy<const G extends readonly string[], V extends Vector<boolean>>(
  op: Aggregation,
  labels: G,
  v: V,
): Vector<KeepsLe<G, V>> {
  return tag<Vector<KeepsLe<G, V>>>(ast.aggregate(op, v, labels));
}

/** `sum by (labels) (v)` */
export function sumBy<const G extends readonly string[], V extends Vector<boolean>>(
  labels: G,
  v: V,
): Vector<KeepsLe<G, V>> {
  return aggregateBy('sum', labels, v);
}

/** `sum(v)`: drops every label, `le` included. */
export function sum(v: Vector<boolean>): Vector {
  return tag<Vector>(ast.aggregate('sum', v));
}

/** `histogram_quantile(q, buckets)`: only over buckets that still carry `le`. */
export function histogramQuantile(q: number, buckets: Vector<true>): Vector {
  return tag<Vector>(ast.call('histogram_quantile', [ast.number(q), buckets]));
}

export function scalar(n: number): Scalar {
  return tag<Scalar>(ast.number(n));
}

type Operand = Vector<boolean> | Scalar;

/** Arithmetic: `+ - * / % ^`. */
export function arith(
  op: '+' | '-' | '*' | '/' | '%' | '^',
  lhs: Operand,
  rhs: Operand,
  options: ast.BinaryOptions = {},
): Vector {
  return tag<Vector>(ast.binary(op, lhs, rhs, options));
}

/** A filtering comparison, the usual alert condition: `errors / total > 0.05`. */
export function compare(
  op: '==' | '!=' | '>' | '<' | '>=' | '<=',
  lhs: Vector<boolean>,
  rhs: Operand,
  options: ast.BinaryOptions = {},
): Vector {
  return tag<Vector>(ast.binary(op, lhs, rhs, options));
}

type SetOptions = Pick<ast.BinaryOptions, 'on' | 'ignoring'>;

/** Set operators exist between instant vectors only. */
export function and(lhs: Vector<boolean>, rhs: Vector<boolean>, options: SetOptions = {}): Vector {
  return tag<Vector>(ast.binary('and', lhs, rhs, options));
}

export function or(lhs: Vector<boolean>, rhs: Vector<boolean>, options: SetOptions = {}): Vector {
  return tag<Vector>(ast.binary('or', lhs, rhs, options));
}

export function unless(lhs: Vector<boolean>, rhs: Vector<boolean>, options: SetOptions = {}): Vector {
  return tag<Vector>(ast.binary('unless', lhs, rhs, options));
}

/** The PromQL text of a built expression. */
export function toPromQL(expr: Vector<boolean> | Scalar): string {
  return printExpr(expr);
}
