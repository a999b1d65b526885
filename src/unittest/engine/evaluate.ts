// The PromQL evaluator: one expression at one instant, with Prometheus 2.42's semantics. Where
// Prometheus evaluates whole ranges step by step, this evaluates each step on its own (subqueries
// loop over their aligned steps), which yields the same values for these pure functions.
import type {
  AggregateExpr,
  AtModifier,
  BinaryExpr,
  Call,
  Expr,
  MatrixSelector,
  SubqueryExpr,
  VectorSelector,
} from '../../promql/ast.ts';
import { aggregate, hasDuplicateLabels } from './aggregate.ts';
import { scalarBinary, setOperation, vectorBinary, vectorScalarBinary } from './binary.ts';
import { parseGoFloat } from './gofloat.ts';
import {
  DATE_FUNCTIONS,
  datePart,
  labelJoin,
  labelReplace,
  MATH_FUNCTIONS,
  mapValues,
  round,
} from './instant-functions.ts';
import { dropMetricName, getLabel, type Labels, labelsFrom, labelsKey, METRIC_NAME } from './labels.ts';
import { type Bucket, bucketQuantile } from './quantile.ts';
import { RANGE_FUNCTIONS, type Window } from './range-functions.ts';
import { type SeriesStore, upperBound } from './store.ts';
import {
  type EvalOptions,
  type EvalResult,
  QueryError,
  type Sample,
  type Series,
  type Value,
} from './types.ts';

const DEFAULT_LOOKBACK_MS = 5 * 60 * 1000;
const DEFAULT_SUBQUERY_STEP_MS = 60 * 1000;
const SAME_LABELSET = 'vector cannot contain metrics with the same labelset';

/** A range of one series at one evaluation: labels plus a slice of samples. */
interface RangeSeries extends Window {
  readonly labels: Labels;
}

function unwrap(expr: Expr): Expr {
  let e = expr;
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/** The type an expression evaluates to, as the parser defines it. */
export function valueType(expr: Expr): 'vector' | 'matrix' | 'scalar' | 'string' {
  switch (expr.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'ParenExpr':
    case 'UnaryExpr':
      return valueType(expr.expr);
    case 'BinaryExpr':
      return valueType(expr.lhs) === 'scalar' && valueType(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'Call':
      return expr.func === 'time' || expr.func === 'pi' || expr.func === 'scalar' ? 'scalar' : 'vector';
  }
}

class Evaluator {
  private readonly lookback: number;
  private readonly defaultStep: number;
  private readonly startMs: number;
  private readonly endMs: number;

  constructor(
    private readonly store: SeriesStore,
    queryTime: number,
    opts: EvalOptions,
  ) {
    this.lookback = opts.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS;
    this.defaultStep = opts.subqueryDefaultStepMs ?? DEFAULT_SUBQUERY_STEP_MS;
    this.startMs = opts.startMs ?? queryTime;
    this.endMs = opts.endMs ?? queryTime;
  }

  private refTime(at: AtModifier | null, offsetMs: number, ts: number): number {
    if (at === null) return ts - offsetMs;
    const base = at.kind === 'timestamp' ? at.ms : at.kind === 'start' ? this.startMs : this.endMs;
    return base - offsetMs;
  }

  eval(expr: Expr, ts: number): Value {
    switch (expr.type) {
      case 'NumberLiteral':
        return { type: 'scalar', value: expr.value };
      case 'StringLiteral':
        return { type: 'string', value: expr.value };
      case 'ParenExpr':
        return this.eval(expr.expr, ts);
      case 'VectorSelector':
        return { type: 'vector', samples: this.selectInstant(expr, ts) };
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return { type: 'matrix', series: this.rangeSeries(expr, ts).map(toSeries) };
      case 'UnaryExpr': {
        const v = this.eval(expr.expr, ts);
        if (expr.op === '+') return v;
        if (v.type === 'scalar') return { type: 'scalar', value: -v.value };
        if (v.type !== 'vector') throw new QueryError('unary minus needs a vector or scalar');
        const samples = v.samples.map((s) => ({ labels: dropMetricName(s.labels), value: -s.value, t: ts }));
        return checked(samples);
      }
      case 'BinaryExpr':
        return this.binary(expr, ts);
      case 'AggregateExpr':
        return this.aggregate(expr, ts);
      case 'Call':
        return this.call(expr, ts);
    }
  }

  private vector(expr: Expr, ts: number): Sample[] {
    const v = this.eval(expr, ts);
    if (v.type !== 'vector') throw new QueryError(`expected instant vector, got ${v.type}`);
    return v.samples;
  }

  private scalar(expr: Expr, ts: number): number {
    const v = this.eval(expr, ts);
    if (v.type !== 'scalar') throw new QueryError(`expected scalar, got ${v.type}`);
    return v.value;
  }

  private string(expr: Expr): string {
    const e = unwrap(expr);
    if (e.type !== 'StringLiteral') throw new QueryError('expected string literal');
    return e.value;
  }

  /** Instant selector: the latest sample within the lookback window, unless it is a staleness marker. */
  selectInstant(sel: VectorSelector, ts: number): Sample[] {
    const ref = this.refTime(sel.at, sel.offsetMs, ts);
    const out: Sample[] = [];
    for (const s of this.store.select(sel.matchers)) {
      const n = this.store.visibleCount(s);
      const i = upperBound(s.times, ref, n) - 1;
      if (i < 0) continue;
      const t = s.times[i] as number;
      if (t < ref - this.lookback) continue;
      if (s.stale?.has(i)) continue;
      out.push({ labels: s.labels, value: s.values[i] as number, t });
    }
    return out;
  }

  /** The samples of a range selector or subquery at `ts`, each series' window closed at both ends. */
  private rangeSeries(expr: MatrixSelector | SubqueryExpr, ts: number): RangeSeries[] {
    if (expr.type === 'SubqueryExpr') return this.subquery(expr, ts);
    const sel = expr.vectorSelector;
    const maxt = this.refTime(sel.at, sel.offsetMs, ts);
    const mint = maxt - expr.rangeMs;
    const out: RangeSeries[] = [];
    for (const s of this.store.select(sel.matchers)) {
      const n = this.store.visibleCount(s);
      const to = upperBound(s.times, maxt, n);
      let from = to;
      while (from > 0 && (s.times[from - 1] as number) >= mint) from--;
      if (from === to) continue;
      if (s.stale === null) {
        out.push({ labels: s.labels, times: s.times, values: s.values, from, to });
        continue;
      }
      const times: number[] = [];
      const values: number[] = [];
      for (let i = from; i < to; i++) {
        if (s.stale.has(i)) continue;
        times.push(s.times[i] as number);
        values.push(s.values[i] as number);
      }
      if (times.length > 0) out.push({ labels: s.labels, times, values, from: 0, to: times.length });
    }
    return out;
  }

  /** Subquery steps are aligned to multiples of the step, counted from the Unix epoch. */
  private subquery(expr: SubqueryExpr, ts: number): RangeSeries[] {
    const ref = this.refTime(expr.at, expr.offsetMs, ts);
    const step = expr.stepMs > 0 ? expr.stepMs : this.defaultStep;
    const lowest = ref - expr.rangeMs;
    let start = Math.trunc(lowest / step) * step;
    if (start < lowest) start += step;
    const byKey = new Map<string, { labels: Labels; times: number[]; values: number[] }>();
    for (let t = start; t <= ref; t += step) {
      for (const s of this.vector(expr.expr, t)) {
        const key = labelsKey(s.labels);
        let series = byKey.get(key);
        if (!series) {
          series = { labels: s.labels, times: [], values: [] };
          byKey.set(key, series);
        }
        series.times.push(t);
        series.values.push(s.value);
      }
    }
    return [...byKey.values()].map((s) => ({ ...s, from: 0, to: s.times.length }));
  }

  private binary(e: BinaryExpr, ts: number): Value {
    const lhs = this.eval(e.lhs, ts);
    const rhs = this.eval(e.rhs, ts);
    if (lhs.type === 'scalar' && rhs.type === 'scalar') {
      return { type: 'scalar', value: scalarBinary(e.op, lhs.value, rhs.value) };
    }
    if (lhs.type === 'vector' && rhs.type === 'vector') {
      const matching = e.matching ?? { card: 'one-to-one', matchingLabels: [], on: false, include: [] };
      if (e.op === 'and' || e.op === 'or' || e.op === 'unless') {
        return checked(setOperation(e.op, lhs.samples, rhs.samples, { ...matching, card: 'many-to-many' }));
      }
      return checked(vectorBinary(e.op, lhs.samples, rhs.samples, matching, e.returnBool, ts));
    }
    if (lhs.type === 'vector' && rhs.type === 'scalar') {
      return checked(vectorScalarBinary(e.op, lhs.samples, rhs.value, false, e.returnBool, ts));
    }
    if (lhs.type === 'scalar' && rhs.type === 'vector') {
      return checked(vectorScalarBinary(e.op, rhs.samples, lhs.value, true, e.returnBool, ts));
    }
    throw new QueryError(`binary operator ${e.op} is not defined between ${lhs.type} and ${rhs.type}`);
  }

  private aggregate(e: AggregateExpr, ts: number): Value {
    let scalar = 0;
    let label = '';
    if (e.param !== null) {
      if (e.op === 'count_values') label = this.string(e.param);
      else scalar = this.scalar(e.param, ts);
    }
    const vec = this.vector(e.expr, ts);
    const samples = aggregate({ op: e.op, grouping: e.grouping, without: e.without, scalar, label }, vec, ts);
    return checked(samples);
  }

  private call(e: Call, ts: number): Value {
    const rangeFunction = RANGE_FUNCTIONS[e.func];
    if (rangeFunction !== undefined) return this.rangeCall(e, ts, rangeFunction);
    const args = e.args;
    const arg = (i: number): Expr => {
      const a = args[i];
      if (a === undefined) throw new QueryError(`missing argument ${i + 1} of ${e.func}()`);
      return a;
    };
    const mathFunction = MATH_FUNCTIONS[e.func];
    if (mathFunction !== undefined) return checked(mapValues(this.vector(arg(0), ts), ts, mathFunction));
    const dateFunction = DATE_FUNCTIONS[e.func];
    if (dateFunction !== undefined) {
      if (args.length === 0) {
        return {
          type: 'vector',
          samples: [{ labels: [], value: dateFunction(new Date(Math.trunc(ts / 1000) * 1000)), t: ts }],
        };
      }
      return checked(datePart(this.vector(arg(0), ts), ts, dateFunction));
    }
    switch (e.func) {
      case 'time':
        return { type: 'scalar', value: ts / 1000 };
      case 'pi':
        return { type: 'scalar', value: Math.PI };
      case 'vector':
        return { type: 'vector', samples: [{ labels: [], value: this.scalar(arg(0), ts), t: ts }] };
      case 'scalar': {
        const v = this.vector(arg(0), ts);
        return { type: 'scalar', value: v.length === 1 ? (v[0] as Sample).value : Number.NaN };
      }
      case 'timestamp': {
        const inner = unwrap(arg(0));
        const vec = inner.type === 'VectorSelector' ? this.selectInstant(inner, ts) : this.vector(inner, ts);
        const samples = vec.map((s) => ({
          labels: dropMetricName(s.labels),
          value: (inner.type === 'VectorSelector' ? s.t : ts) / 1000,
          t: ts,
        }));
        return checked(samples);
      }
      case 'round': {
        const vec = this.vector(arg(0), ts);
        const toNearest = args.length >= 2 ? this.scalar(arg(1), ts) : 1;
        return checked(round(vec, ts, toNearest));
      }
      case 'clamp': {
        const vec = this.vector(arg(0), ts);
        const min = this.scalar(arg(1), ts);
        const max = this.scalar(arg(2), ts);
        if (max < min) return { type: 'vector', samples: [] };
        return checked(mapValues(vec, ts, (v) => Math.max(min, Math.min(max, v))));
      }
      case 'clamp_max': {
        const vec = this.vector(arg(0), ts);
        const max = this.scalar(arg(1), ts);
        return checked(mapValues(vec, ts, (v) => Math.min(v, max)));
      }
      case 'clamp_min': {
        const vec = this.vector(arg(0), ts);
        const min = this.scalar(arg(1), ts);
        return checked(mapValues(vec, ts, (v) => Math.max(v, min)));
      }
      case 'absent': {
        const vec = this.vector(arg(0), ts);
        if (vec.length > 0) return { type: 'vector', samples: [] };
        return { type: 'vector', samples: [{ labels: absentLabels(arg(0)), value: 1, t: ts }] };
      }
      case 'sort':
      case 'sort_desc': {
        const vec = [...this.vector(arg(0), ts)];
        const desc = e.func === 'sort_desc';
        vec.sort((a, b) => {
          if (Number.isNaN(a.value)) return Number.isNaN(b.value) ? 0 : 1;
          if (Number.isNaN(b.value)) return -1;
          return desc ? b.value - a.value : a.value - b.value;
        });
        return { type: 'vector', samples: vec };
      }
      case 'label_replace': {
        const vec = this.vector(arg(0), ts);
        const out = labelReplace(
          vec,
          this.string(arg(1)),
          this.string(arg(2)),
          this.string(arg(3)),
          this.string(arg(4)),
        );
        return checked(out);
      }
      case 'label_join': {
        const vec = this.vector(arg(0), ts);
        const srcs = args.slice(3).map((a) => this.string(a));
        return checked(labelJoin(vec, this.string(arg(1)), this.string(arg(2)), srcs));
      }
      case 'histogram_count':
      case 'histogram_sum':
        // Only native histogram samples yield a result; this engine stores floats only.
        this.vector(arg(0), ts);
        return { type: 'vector', samples: [] };
      case 'histogram_fraction':
        this.scalar(arg(0), ts);
        this.scalar(arg(1), ts);
        this.vector(arg(2), ts);
        return { type: 'vector', samples: [] };
      case 'histogram_quantile':
        return checked(this.histogramQuantile(this.scalar(arg(0), ts), this.vector(arg(1), ts), ts));
    }
    throw new QueryError(`unknown function ${e.func}()`);
  }

  private histogramQuantile(q: number, vec: readonly Sample[], ts: number): Sample[] {
    const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
    for (const s of vec) {
      const upperBound = parseGoFloat(getLabel(s.labels, 'le'));
      if (upperBound === null) continue;
      const withoutLe = s.labels.filter((l) => l.name !== 'le');
      const key = labelsKey(withoutLe);
      let group = groups.get(key);
      if (!group) {
        group = { labels: withoutLe.filter((l) => l.name !== METRIC_NAME), buckets: [] };
        groups.set(key, group);
      }
      group.buckets.push({ upperBound, count: s.value });
    }
    const out: Sample[] = [];
    for (const g of groups.values())
      out.push({ labels: g.labels, value: bucketQuantile(q, g.buckets), t: ts });
    return out;
  }

  private rangeCall(e: Call, ts: number, f: (typeof RANGE_FUNCTIONS)[string]): Value {
    const matrixIndex = e.args.findIndex((a) => valueType(a) === 'matrix');
    const matrixArg = e.args[matrixIndex];
    if (matrixArg === undefined) throw new QueryError(`${e.func}() needs a range vector`);
    const scalars: number[] = [];
    e.args.forEach((a, i) => {
      if (i !== matrixIndex) scalars.push(this.scalar(a, ts));
    });
    const m = unwrap(matrixArg);
    if (m.type !== 'MatrixSelector' && m.type !== 'SubqueryExpr')
      throw new QueryError(`${e.func}() needs a range vector`);
    const { at, offsetMs } = m.type === 'MatrixSelector' ? m.vectorSelector : m;
    const rangeEnd = this.refTime(at, offsetMs, ts);
    const ctx = { ts, rangeEnd, rangeMs: m.rangeMs, scalars };
    const series = this.rangeSeries(m, ts);
    if (e.func === 'absent_over_time') {
      if (series.length > 0) return { type: 'vector', samples: [] };
      const labels = m.type === 'MatrixSelector' ? absentLabels(m.vectorSelector) : [];
      return { type: 'vector', samples: [{ labels, value: 1, t: ts }] };
    }
    const keepName = e.func === 'last_over_time';
    const out: Sample[] = [];
    for (const s of series) {
      const value = f(s, ctx);
      if (value === null) continue;
      out.push({ labels: keepName ? s.labels : dropMetricName(s.labels), value, t: ts });
    }
    return checked(out);
  }
}

function toSeries(s: RangeSeries): Series {
  return { labels: s.labels, times: s.times.slice(s.from, s.to), values: s.values.slice(s.from, s.to) };
}

function checked(samples: Sample[]): Value {
  if (hasDuplicateLabels(samples)) throw new QueryError(SAME_LABELSET);
  return { type: 'vector', samples };
}

/** absent(): labels from the selector's equality matchers, except names matched more than once or otherwise. */
function absentLabels(expr: Expr): Labels {
  const e = unwrap(expr);
  const sel = e.type === 'VectorSelector' ? e : e.type === 'MatrixSelector' ? e.vectorSelector : null;
  if (sel === null) return [];
  const set = new Map<string, string>();
  const removed = new Set<string>();
  for (const m of sel.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !set.has(m.name)) set.set(m.name, m.value);
    else removed.add(m.name);
  }
  for (const name of removed) set.delete(name);
  return labelsFrom(set);
}

/** Evaluates `expr` as an instant query at `atMs`; evaluation errors come back as data. */
export function evaluateInstant(
  expr: Expr,
  atMs: number,
  store: SeriesStore,
  opts: EvalOptions = {},
): EvalResult {
  try {
    return { ok: true, value: new Evaluator(store, atMs, opts).eval(expr, atMs) };
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, error: e.message };
    throw e;
  }
}
