// Instant-vector functions, one entry per name: each takes its arguments from the evaluator in the
// order Prometheus 2.42 evaluates them, so the first error is the same one. Range-vector functions
// live in range-functions.ts.
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import { hasDuplicateLabels } from './aggregate.ts';
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
import { QueryError, type Sample, type Value } from './types.ts';

const SAME_LABELSET = 'vector cannot contain metrics with the same labelset';

/** One call's arguments as the evaluator hands them to a function: evaluated on demand, by position. */
export interface CallArgs {
  readonly func: string;
  readonly count: number;
  readonly ts: number;
  expr(index: number): Expr;
  vector(index: number): Sample[];
  scalar(index: number): number;
  string(index: number): string;
  /** The samples an instant selector selects at `ts`, with their own timestamps. */
  select(selector: VectorSelector): Sample[];
}

export type InstantFunction = (args: CallArgs) => Value;

export function unwrap(expr: Expr): Expr {
  let e = expr;
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/** A vector result; Prometheus refuses one in which two samples share a label set. */
export function checked(samples: Sample[]): Value {
  if (hasDuplicateLabels(samples)) throw new QueryError(SAME_LABELSET);
  return { type: 'vector', samples };
}

/** absent(): labels from the selector's equality matchers, except names matched more than once or otherwise. */
export function absentLabels(expr: Expr): Labels {
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

const empty: Value = { type: 'vector', samples: [] };

function histogramQuantile(q: number, vec: readonly Sample[], ts: number): Sample[] {
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
  for (const g of groups.values()) out.push({ labels: g.labels, value: bucketQuantile(q, g.buckets), t: ts });
  return out;
}

function timestamp(args: CallArgs): Value {
  const inner = unwrap(args.expr(0));
  const own = inner.type === 'VectorSelector';
  const vec = own ? args.select(inner) : args.vector(0);
  return checked(
    vec.map((s) => ({ labels: dropMetricName(s.labels), value: (own ? s.t : args.ts) / 1000, t: args.ts })),
  );
}

function sorted(descending: boolean): InstantFunction {
  return (args) => {
    const vec = [...args.vector(0)];
    vec.sort((a, b) => {
      if (Number.isNaN(a.value)) return Number.isNaN(b.value) ? 0 : 1;
      if (Number.isNaN(b.value)) return -1;
      return descending ? b.value - a.value : a.value - b.value;
    });
    return { type: 'vector', samples: vec };
  };
}

const named: Readonly<Record<string, InstantFunction>> = {
  time: ({ ts }) => ({ type: 'scalar', value: ts / 1000 }),
  pi: () => ({ type: 'scalar', value: Math.PI }),
  vector: (args) => ({ type: 'vector', samples: [{ labels: [], value: args.scalar(0), t: args.ts }] }),
  scalar: (args) => {
    const v = args.vector(0);
    return { type: 'scalar', value: v.length === 1 ? (v[0] as Sample).value : Number.NaN };
  },
  timestamp,
  round: (args) => {
    const vec = args.vector(0);
    const toNearest = args.count >= 2 ? args.scalar(1) : 1;
    return checked(round(vec, args.ts, toNearest));
  },
  clamp: (args) => {
    const vec = args.vector(0);
    const min = args.scalar(1);
    const max = args.scalar(2);
    if (max < min) return empty;
    return checked(mapValues(vec, args.ts, (v) => Math.max(min, Math.min(max, v))));
  },
  clamp_max: (args) => {
    const vec = args.vector(0);
    const max = args.scalar(1);
    return checked(mapValues(vec, args.ts, (v) => Math.min(v, max)));
  },
  clamp_min: (args) => {
    const vec = args.vector(0);
    const min = args.scalar(1);
    return checked(mapValues(vec, args.ts, (v) => Math.max(v, min)));
  },
  absent: (args) => {
    const vec = args.vector(0);
    if (vec.length > 0) return empty;
    return { type: 'vector', samples: [{ labels: absentLabels(args.expr(0)), value: 1, t: args.ts }] };
  },
  sort: sorted(false),
  sort_desc: sorted(true),
  label_replace: (args) => {
    const vec = args.vector(0);
    return checked(labelReplace(vec, args.string(1), args.string(2), args.string(3), args.string(4)));
  },
  label_join: (args) => {
    const vec = args.vector(0);
    const sources = Array.from({ length: Math.max(0, args.count - 3) }, (_, i) => args.string(i + 3));
    return checked(labelJoin(vec, args.string(1), args.string(2), sources));
  },
  // Only native histogram samples yield a result; this engine stores floats only.
  histogram_count: (args) => {
    args.vector(0);
    return empty;
  },
  histogram_sum: (args) => {
    args.vector(0);
    return empty;
  },
  histogram_fraction: (args) => {
    args.scalar(0);
    args.scalar(1);
    args.vector(2);
    return empty;
  },
  histogram_quantile: (args) => checked(histogramQuantile(args.scalar(0), args.vector(1), args.ts)),
};

function dateFunction(part: (d: Date) => number): InstantFunction {
  return (args) => {
    if (args.count === 0) {
      const ts = args.ts;
      return {
        type: 'vector',
        samples: [{ labels: [], value: part(new Date(Math.trunc(ts / 1000) * 1000)), t: ts }],
      };
    }
    return checked(datePart(args.vector(0), args.ts, part));
  };
}

const entries = <T>(record: Readonly<Record<string, T>>): [string, T][] => Object.entries(record);

/** Every instant-vector function by name. */
export const INSTANT_FUNCTIONS: Readonly<Record<string, InstantFunction>> = Object.fromEntries([
  ...entries(named),
  ...entries(DATE_FUNCTIONS).map(([name, part]) => [name, dateFunction(part)] as const),
  ...entries(MATH_FUNCTIONS).map(
    ([name, f]) => [name, (args: CallArgs) => checked(mapValues(args.vector(0), args.ts, f))] as const,
  ),
]);
