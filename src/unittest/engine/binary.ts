// Binary operators as Prometheus 2.42 applies them: element arithmetic, vector matching with
// on/ignoring/group_left/group_right, bool, the set operators, and its many-to-many errors.
import type { BinaryOp, VectorMatching } from '../../promql/ast.ts';
import { goAtan2, goPow } from './gomath.ts';
import {
  dropLabels,
  dropMetricName,
  formatLabels,
  getLabel,
  keepLabels,
  keyWith,
  keyWithout,
  type Labels,
  labelsKey,
  METRIC_NAME,
  setLabel,
} from './labels.ts';
import { QueryError, type Sample } from './types.ts';

const COMPARISONS = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);

export function isComparison(op: BinaryOp): boolean {
  return COMPARISONS.has(op);
}

/** Arithmetic operators drop the metric name; comparisons and atan2 keep it. */
function dropsMetricName(op: BinaryOp): boolean {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '%' || op === '^';
}

/** Go's math.Mod: the result has the sign of x (JavaScript's % agrees). */
function arithmetic(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '^':
      return goPow(l, r);
    case '%':
      return l % r;
    case 'atan2':
      return goAtan2(l, r);
    default:
      return Number.NaN;
  }
}

function compare(op: BinaryOp, l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
    default:
      return false;
  }
}

/** vectorElemBinop: the value and whether the element is kept. */
function elementOp(op: BinaryOp, l: number, r: number): [number, boolean] {
  if (isComparison(op)) return [l, compare(op, l, r)];
  return [arithmetic(op, l, r), true];
}

export function scalarBinary(op: BinaryOp, l: number, r: number): number {
  if (isComparison(op)) return compare(op, l, r) ? 1 : 0;
  return arithmetic(op, l, r);
}

export function vectorScalarBinary(
  op: BinaryOp,
  vec: readonly Sample[],
  scalar: number,
  scalarOnLeft: boolean,
  returnBool: boolean,
  ts: number,
): Sample[] {
  const out: Sample[] = [];
  const drop = dropsMetricName(op) || returnBool;
  for (const s of vec) {
    const l = scalarOnLeft ? scalar : s.value;
    const r = scalarOnLeft ? s.value : scalar;
    let [value, keep] = elementOp(op, l, r);
    // A comparison keeps the vector element's value, whichever side it is on.
    if (isComparison(op) && scalarOnLeft) value = r;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (keep) out.push({ labels: drop ? dropMetricName(s.labels) : s.labels, value, t: ts });
  }
  return out;
}

function signature(matching: VectorMatching): (labels: Labels) => string {
  const names = new Set(matching.matchingLabels);
  return matching.on ? (l) => keyWith(l, names) : (l) => keyWithout(l, names);
}

function resultLabels(op: BinaryOp, many: Labels, one: Labels, matching: VectorMatching): Labels {
  let labels = many;
  if (dropsMetricName(op)) labels = dropMetricName(labels);
  if (matching.card === 'one-to-one') {
    const names = new Set(matching.matchingLabels);
    labels = matching.on ? keepLabels(labels, names) : dropLabels(labels, names);
  }
  // group_x labels come from the "one" side (deleted there when absent).
  for (const name of matching.include) labels = setLabel(labels, name, getLabel(one, name));
  return labels;
}

export function vectorBinary(
  op: BinaryOp,
  lhsIn: readonly Sample[],
  rhsIn: readonly Sample[],
  matching: VectorMatching,
  returnBool: boolean,
  ts: number,
): Sample[] {
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  const swapped = matching.card === 'one-to-many';
  const lhs = swapped ? rhsIn : lhsIn;
  const rhs = swapped ? lhsIn : rhsIn;
  const sig = signature(matching);
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const key = sig(rs.labels);
    const dupl = rightSigs.get(key);
    if (dupl !== undefined) {
      const oneSide = swapped ? 'left' : 'right';
      const names = new Set(matching.matchingLabels);
      const matched = matching.on
        ? keepLabels(rs.labels, names)
        : dropLabels(rs.labels, new Set([...names, METRIC_NAME]));
      throw new QueryError(
        `found duplicate series for the match group ${formatLabels(matched)} on the ${oneSide} hand-side of the operation: [${formatLabels(rs.labels)}, ${formatLabels(dupl.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    rightSigs.set(key, rs);
  }
  const matchedSigs = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const key = sig(ls.labels);
    const rs = rightSigs.get(key);
    if (rs === undefined) continue;
    const l = swapped ? rs.value : ls.value;
    const r = swapped ? ls.value : rs.value;
    let [value, keep] = elementOp(op, l, r);
    if (returnBool) value = keep ? 1 : 0;
    else if (!keep) continue;
    let labels = resultLabels(op, ls.labels, rs.labels, matching);
    if (returnBool) labels = dropMetricName(labels);
    const inserted = matchedSigs.get(key);
    if (matching.card === 'one-to-one') {
      if (inserted !== undefined) {
        throw new QueryError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      matchedSigs.set(key, null);
    } else {
      const insertKey = labelsKey(labels);
      if (inserted === undefined || inserted === null) matchedSigs.set(key, new Set([insertKey]));
      else if (inserted.has(insertKey)) {
        throw new QueryError('multiple matches for labels: grouping labels must ensure unique matches');
      } else inserted.add(insertKey);
    }
    out.push({ labels, value, t: ts });
  }
  return out;
}

export function setOperation(
  op: 'and' | 'or' | 'unless',
  lhs: readonly Sample[],
  rhs: readonly Sample[],
  matching: VectorMatching,
): Sample[] {
  const sig = signature(matching);
  switch (op) {
    case 'and': {
      if (lhs.length === 0 || rhs.length === 0) return [];
      const rightSigs = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => rightSigs.has(sig(s.labels)));
    }
    case 'or': {
      if (lhs.length === 0) return [...rhs];
      if (rhs.length === 0) return [...lhs];
      const leftSigs = new Set(lhs.map((s) => sig(s.labels)));
      return [...lhs, ...rhs.filter((s) => !leftSigs.has(sig(s.labels)))];
    }
    case 'unless': {
      if (lhs.length === 0 || rhs.length === 0) return [...lhs];
      const rightSigs = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => !rightSigs.has(sig(s.labels)));
    }
  }
}
