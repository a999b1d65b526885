// Aggregation operators as Prometheus 2.42's evaluator.aggregation computes them: groups in order of
// first appearance, one accumulator per group and operator (avg as an incremental mean, stddev/stdvar
// by Welford, topk/bottomk with Go's container/heap so ties pick the same series).
import type { AggregateOp } from '../../promql/ast.ts';
import { formatGoFloatF } from './gofloat.ts';
import { heapPop, heapPush, type Less } from './heap.ts';
import {
  dropLabels,
  isValidLabelName,
  keepLabels,
  keyWith,
  keyWithout,
  type Labels,
  labelsKey,
  METRIC_NAME,
  setLabel,
} from './labels.ts';
import { quantile } from './quantile.ts';
import { QueryError, type Sample } from './types.ts';

/** One group's running state under one operator. */
interface Accumulator {
  /** Folds in another sample of the group (the first one started it). */
  add(sample: Sample): void;
  /** The group's output: one sample labelled `labels`, or the series topk/bottomk kept. */
  result(labels: Labels, ts: number): Sample[];
}

interface OperatorParams {
  /** k of topk/bottomk, already checked and truncated. */
  readonly k: number;
  /** q of quantile. */
  readonly q: number;
  readonly ts: number;
}

type StartGroup = (first: Sample, params: OperatorParams) => Accumulator;

const single = (labels: Labels, value: number, ts: number): Sample[] => [{ labels, value, t: ts }];

const isInf = (v: number): boolean => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;

const sum: StartGroup = (first) => {
  let total = first.value;
  return {
    add: (s) => {
      total += s.value;
    },
    result: (labels, ts) => single(labels, total, ts),
  };
};

const avg: StartGroup = (first) => {
  let mean = first.value;
  let count = 1;
  return {
    add: ({ value: v }) => {
      count++;
      if (isInf(mean)) {
        if (isInf(v) && mean > 0 === v > 0) return;
        if (Number.isFinite(v)) return;
      }
      // Dividing each side first avoids overflow of large values.
      mean += v / count - mean / count;
    },
    result: (labels, ts) => single(labels, mean, ts),
  };
};

const group: StartGroup = () => ({
  add: () => {},
  result: (labels, ts) => single(labels, 1, ts),
});

/** max and min: NaN loses to any value. */
function extreme(replaces: (current: number, v: number) => boolean): StartGroup {
  return (first) => {
    let value = first.value;
    return {
      add: ({ value: v }) => {
        if (replaces(value, v) || Number.isNaN(value)) value = v;
      },
      result: (labels, ts) => single(labels, value, ts),
    };
  };
}

const count: StartGroup = () => {
  let n = 1;
  return {
    add: () => {
      n++;
    },
    result: (labels, ts) => single(labels, n, ts),
  };
};

/** stdvar and stddev by Welford's online algorithm. */
function variance(finish: (variance: number) => number): StartGroup {
  return (first) => {
    let mean = first.value;
    let squares = 0;
    let n = 1;
    return {
      add: ({ value: v }) => {
        n++;
        const delta = v - mean;
        mean += delta / n;
        squares += delta * (v - mean);
      },
      result: (labels, ts) => single(labels, finish(squares / n), ts),
    };
  };
}

const topLess: Less = (a, b) => Number.isNaN(a.value) || a.value < b.value;
const bottomLess: Less = (a, b) => Number.isNaN(a.value) || a.value > b.value;

/** topk and bottomk: a heap of the k best series, the worst kept on top to be replaced first. */
function kept(less: Less, better: (top: number, v: number) => boolean): StartGroup {
  return (first, { k, ts }) => {
    const heap: Sample[] = [{ labels: first.labels, value: first.value, t: ts }];
    return {
      add: ({ labels, value: v }) => {
        const top = heap[0] as Sample;
        if (heap.length < k || better(top.value, v) || Number.isNaN(top.value)) {
          if (heap.length === k) heapPop(heap, less);
          heapPush(heap, { labels, value: v, t: ts }, less);
        }
      },
      result: (_labels, at) =>
        // Best first.
        [...heap]
          .sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0))
          .map((s) => ({ labels: s.labels, value: s.value, t: at })),
    };
  };
}

const quantileOf: StartGroup = (first, { q }) => {
  const values = [first.value];
  return {
    add: (s) => {
      values.push(s.value);
    },
    result: (labels, ts) => single(labels, quantile(q, values), ts),
  };
};

const operators: Readonly<Record<AggregateOp, StartGroup>> = {
  sum,
  avg,
  group,
  max: extreme((current, v) => current < v),
  min: extreme((current, v) => current > v),
  count,
  count_values: count,
  stdvar: variance((v) => v),
  stddev: variance(Math.sqrt),
  topk: kept(topLess, (top, v) => top < v),
  bottomk: kept(bottomLess, (top, v) => top > v),
  quantile: quantileOf,
};

export interface AggregateSpec {
  readonly op: AggregateOp;
  readonly grouping: readonly string[];
  readonly without: boolean;
  /** k of topk/bottomk, q of quantile. */
  readonly scalar: number;
  /** Label name of count_values. */
  readonly label: string;
}

/** k of topk/bottomk as Prometheus converts it to int64. */
function keptCount(scalar: number): number {
  if (!(scalar > -9.223372036854776e18 && scalar < 9.223372036854776e18)) {
    throw new QueryError(`Scalar value ${scalar} overflows int64`);
  }
  return Math.trunc(scalar);
}

/** The labels groups are keyed by; count_values groups by its output label too. */
function groupingOf(spec: AggregateSpec): readonly string[] {
  if (spec.op !== 'count_values') return spec.grouping;
  if (!isValidLabelName(spec.label)) throw new QueryError(`invalid label name ${JSON.stringify(spec.label)}`);
  return spec.without ? spec.grouping : [...spec.grouping, spec.label];
}

export function aggregate(spec: AggregateSpec, vec: readonly Sample[], ts: number): Sample[] {
  const { op, without } = spec;
  const k = op === 'topk' || op === 'bottomk' ? keptCount(spec.scalar) : 0;
  if ((op === 'topk' || op === 'bottomk') && k < 1) return [];
  const groupNames = new Set(groupingOf(spec));
  const start = operators[op];
  const params: OperatorParams = { k, q: spec.scalar, ts };
  const groups = new Map<string, { readonly labels: Labels; readonly accumulator: Accumulator }>();
  for (const input of vec) {
    const labels =
      op === 'count_values' ? setLabel(input.labels, spec.label, formatGoFloatF(input.value)) : input.labels;
    const key = without
      ? keyWithout(labels, groupNames)
      : groupNames.size > 0
        ? keyWith(labels, groupNames)
        : '';
    const existing = groups.get(key);
    if (existing !== undefined) {
      existing.accumulator.add(input);
      continue;
    }
    const groupLabels = without
      ? dropLabels(labels, new Set([...groupNames, METRIC_NAME]))
      : groupNames.size > 0
        ? keepLabels(labels, groupNames)
        : [];
    groups.set(key, { labels: groupLabels, accumulator: start(input, params) });
  }
  return [...groups.values()].flatMap((g) => g.accumulator.result(g.labels, ts));
}

/** Used to detect duplicate output series. */
export function hasDuplicateLabels(vec: readonly Sample[]): boolean {
  if (vec.length < 2) return false;
  const seen = new Set<string>();
  for (const s of vec) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
