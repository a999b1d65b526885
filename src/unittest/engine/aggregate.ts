// Aggregation operators as Prometheus 2.42's evaluator.aggregation computes them: groups in order of
// first appearance, avg as an incremental mean, stddev/stdvar by Welford, topk/bottomk with Go's
// container/heap so ties pick the same series.
import type { AggregateOp } from '../../promql/ast.ts';
import { formatGoFloatF } from './gofloat.ts';
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

interface Group {
  readonly labels: Labels;
  value: number;
  mean: number;
  count: number;
  heap: Sample[];
  values: number[];
}

type Less = (a: Sample, b: Sample) => boolean;

const topLess: Less = (a, b) => Number.isNaN(a.value) || a.value < b.value;
const bottomLess: Less = (a, b) => Number.isNaN(a.value) || a.value > b.value;

function heapUp(h: Sample[], j0: number, less: Less): void {
  let j = j0;
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    j = i;
  }
}

function heapDown(h: Sample[], i0: number, n: number, less: Less): void {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2] as Sample, h[j1] as Sample)) j = j2;
    if (!less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    i = j;
  }
}

function heapPush(h: Sample[], s: Sample, less: Less): void {
  h.push(s);
  heapUp(h, h.length - 1, less);
}

function heapPop(h: Sample[], less: Less): void {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n] as Sample, h[0] as Sample];
  heapDown(h, 0, n, less);
  h.pop();
}

const isInf = (v: number): boolean => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;

export interface AggregateSpec {
  readonly op: AggregateOp;
  readonly grouping: readonly string[];
  readonly without: boolean;
  /** k of topk/bottomk, q of quantile. */
  readonly scalar: number;
  /** Label name of count_values. */
  readonly label: string;
}

export function aggregate(spec: AggregateSpec, vec: readonly Sample[], ts: number): Sample[] {
  const { op, without } = spec;
  let k = 0;
  if (op === 'topk' || op === 'bottomk') {
    if (!(spec.scalar > -9.223372036854776e18 && spec.scalar < 9.223372036854776e18)) {
      throw new QueryError(`Scalar value ${spec.scalar} overflows int64`);
    }
    k = Math.trunc(spec.scalar);
    if (k < 1) return [];
  }
  let grouping = spec.grouping;
  if (op === 'count_values') {
    if (!isValidLabelName(spec.label))
      throw new QueryError(`invalid label name ${JSON.stringify(spec.label)}`);
    if (!without) grouping = [...grouping, spec.label];
  }
  const groupNames = new Set(grouping);
  const groups = new Map<string, Group>();
  const ordered: Group[] = [];
  const less = op === 'bottomk' ? bottomLess : topLess;

  for (const input of vec) {
    let labels = input.labels;
    if (op === 'count_values') labels = setLabel(labels, spec.label, formatGoFloatF(input.value));
    const key = without
      ? keyWithout(labels, groupNames)
      : groupNames.size > 0
        ? keyWith(labels, groupNames)
        : '';
    const group = groups.get(key);
    const v = input.value;
    if (group === undefined) {
      let groupLabels: Labels;
      if (without) groupLabels = dropLabels(labels, new Set([...groupNames, METRIC_NAME]));
      else groupLabels = groupNames.size > 0 ? keepLabels(labels, groupNames) : [];
      const created: Group = { labels: groupLabels, value: v, mean: v, count: 1, heap: [], values: [] };
      if (op === 'stddev' || op === 'stdvar') created.value = 0;
      else if (op === 'topk' || op === 'bottomk')
        created.heap.push({ labels: input.labels, value: v, t: ts });
      else if (op === 'quantile') created.values.push(v);
      else if (op === 'group') created.value = 1;
      groups.set(key, created);
      ordered.push(created);
      continue;
    }
    switch (op) {
      case 'sum':
        group.value += v;
        break;
      case 'avg':
        group.count++;
        if (isInf(group.mean)) {
          if (isInf(v) && group.mean > 0 === v > 0) break;
          if (Number.isFinite(v)) break;
        }
        // Dividing each side first avoids overflow of large values.
        group.mean += v / group.count - group.mean / group.count;
        break;
      case 'group':
        break;
      case 'max':
        if (group.value < v || Number.isNaN(group.value)) group.value = v;
        break;
      case 'min':
        if (group.value > v || Number.isNaN(group.value)) group.value = v;
        break;
      case 'count':
      case 'count_values':
        group.count++;
        break;
      case 'stddev':
      case 'stdvar': {
        group.count++;
        const delta = v - group.mean;
        group.mean += delta / group.count;
        group.value += delta * (v - group.mean);
        break;
      }
      case 'topk':
      case 'bottomk': {
        const top = group.heap[0] as Sample;
        const better = op === 'topk' ? top.value < v : top.value > v;
        if (group.heap.length < k || better || Number.isNaN(top.value)) {
          if (group.heap.length === k) heapPop(group.heap, less);
          heapPush(group.heap, { labels: input.labels, value: v, t: ts }, less);
        }
        break;
      }
      case 'quantile':
        group.values.push(v);
        break;
    }
  }

  const out: Sample[] = [];
  for (const g of ordered) {
    let value = g.value;
    switch (op) {
      case 'avg':
        value = g.mean;
        break;
      case 'count':
      case 'count_values':
        value = g.count;
        break;
      case 'stdvar':
        value = g.value / g.count;
        break;
      case 'stddev':
        value = Math.sqrt(g.value / g.count);
        break;
      case 'topk':
      case 'bottomk': {
        // Best first: the heap keeps the worst on top.
        const sorted = [...g.heap].sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
        for (const s of sorted) out.push({ labels: s.labels, value: s.value, t: ts });
        continue;
      }
      case 'quantile':
        value = quantile(spec.scalar, g.values);
        break;
    }
    out.push({ labels: g.labels, value, t: ts });
  }
  return out;
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
