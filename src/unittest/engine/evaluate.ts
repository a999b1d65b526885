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
import { typeOf } from '../../promql/check.ts';
import type { PromVersion } from '../../promql/functions.ts';
import { aggregate } from './aggregate.ts';
import { scalarBinary, setOperation, vectorBinary, vectorScalarBinary } from './binary.ts';
import { absentLabels, type CallArgs, checked, INSTANT_FUNCTIONS, unwrap } from './calls.ts';
import { dropMetricName, type Labels, labelsKey } from './labels.ts';
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

/** A range of one series at one evaluation: labels plus a slice of samples. */
interface RangeSeries extends Window {
  readonly labels: Labels;
}

class Evaluator {
  private readonly lookback: number;
  private readonly defaultStep: number;
  private readonly startMs: number;
  private readonly endMs: number;
  /** 3.x: a sample exactly at the left edge of a range or of the lookback window is outside it. */
  private readonly leftOpen: boolean;
  /** 3.x: regex matchers compile with `(?s:...)`. */
  private readonly dotAll: boolean;
  private readonly stats: { samples: number } | null;
  /** The Prometheus version whose function signatures decide a call's value type. */
  private readonly version: PromVersion;

  constructor(
    private readonly store: SeriesStore,
    queryTime: number,
    opts: EvalOptions,
  ) {
    this.lookback = opts.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS;
    this.defaultStep = opts.subqueryDefaultStepMs ?? DEFAULT_SUBQUERY_STEP_MS;
    this.startMs = opts.startMs ?? queryTime;
    this.endMs = opts.endMs ?? queryTime;
    this.leftOpen = opts.promql === '3';
    this.dotAll = opts.promql === '3';
    this.stats = opts.stats ?? null;
    this.version = opts.promql ?? '2.42';
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
    const oldest = ref - this.lookback;
    for (const s of this.store.select(sel.matchers, this.dotAll)) {
      const n = this.store.visibleCount(s);
      const i = upperBound(s.times, ref, n) - 1;
      if (i < 0) continue;
      const t = s.times[i] as number;
      if (t < oldest || (this.leftOpen && t === oldest)) continue;
      if (s.stale?.has(i)) continue;
      out.push({ labels: s.labels, value: s.values[i] as number, t });
    }
    if (this.stats) this.stats.samples += out.length;
    return out;
  }

  /** The samples of a range selector or subquery at `ts`: (mint, maxt] in 3.x, [mint, maxt] in 2.42. */
  private rangeSeries(expr: MatrixSelector | SubqueryExpr, ts: number): RangeSeries[] {
    if (expr.type === 'SubqueryExpr') return this.subquery(expr, ts);
    const sel = expr.vectorSelector;
    const maxt = this.refTime(sel.at, sel.offsetMs, ts);
    const mint = maxt - expr.rangeMs;
    const out: RangeSeries[] = [];
    const inside = this.leftOpen ? (t: number) => t > mint : (t: number) => t >= mint;
    for (const s of this.store.select(sel.matchers, this.dotAll)) {
      const n = this.store.visibleCount(s);
      const to = upperBound(s.times, maxt, n);
      let from = to;
      while (from > 0 && inside(s.times[from - 1] as number)) from--;
      if (from === to) continue;
      if (this.stats) this.stats.samples += to - from;
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
    // Left-open in 3.x: `foo[1m:1m]` holds one step, not two (the migration guide's example).
    if (start < lowest || (this.leftOpen && start === lowest)) start += step;
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
    const instantFunction = INSTANT_FUNCTIONS[e.func];
    if (instantFunction === undefined) throw new QueryError(`unknown function ${e.func}()`);
    return instantFunction(this.callArgs(e, ts));
  }

  private callArgs(e: Call, ts: number): CallArgs {
    const expr = (i: number): Expr => {
      const a = e.args[i];
      if (a === undefined) throw new QueryError(`missing argument ${i + 1} of ${e.func}()`);
      return a;
    };
    return {
      func: e.func,
      count: e.args.length,
      ts,
      expr,
      vector: (i) => this.vector(expr(i), ts),
      scalar: (i) => this.scalar(expr(i), ts),
      string: (i) => this.string(expr(i)),
      select: (selector) => this.selectInstant(selector, ts),
    };
  }

  private rangeCall(e: Call, ts: number, f: (typeof RANGE_FUNCTIONS)[string]): Value {
    const matrixIndex = e.args.findIndex((a) => typeOf(a, this.version) === 'matrix');
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
