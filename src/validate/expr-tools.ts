// Small questions the checks ask about a PromQL tree: its children, the path to a node, what a
// subexpression really is under parentheses, and which labels survive to the result.
import type { AggregateExpr, BinaryExpr, Call, Expr, VectorSelector } from '../promql/ast.ts';

export function children(expr: Expr): readonly Expr[] {
  switch (expr.type) {
    case 'MatrixSelector':
      return [expr.vectorSelector];
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      return [expr.expr];
    case 'Call':
      return expr.args;
    case 'AggregateExpr':
      return expr.param ? [expr.param, expr.expr] : [expr.expr];
    case 'BinaryExpr':
      return [expr.lhs, expr.rhs];
    default:
      return [];
  }
}

/** Visits every node with its ancestors (outermost first). */
export function walk(expr: Expr, visit: (node: Expr, ancestors: readonly Expr[]) => void): void {
  walkFrom(expr, [], visit);
}

function walkFrom(
  node: Expr,
  ancestors: Expr[],
  visit: (node: Expr, ancestors: readonly Expr[]) => void,
): void {
  visit(node, ancestors);
  ancestors.push(node);
  for (const child of children(node)) walkFrom(child, ancestors, visit);
  ancestors.pop();
}

export function unwrap(expr: Expr): Expr {
  let e = expr;
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

// Several checks ask the same questions of one rule's tree: the answers are kept per node, for as long
// as the tree lives (lint drops a rule's tree once its checks ran).
const nodeLists = new WeakMap<Expr, readonly Expr[]>();
const selectorLists = new WeakMap<Expr, readonly VectorSelector[]>();
const callLists = new WeakMap<Expr, readonly Call[]>();
const labelSets = new WeakMap<Expr, LabelSet>();

/** Every node of the tree, outermost first. */
function nodesOf(expr: Expr): readonly Expr[] {
  let nodes = nodeLists.get(expr);
  if (nodes === undefined) {
    const found: Expr[] = [];
    collect(expr, found);
    nodes = found;
    nodeLists.set(expr, nodes);
  }
  return nodes;
}

function collect(node: Expr, found: Expr[]): void {
  found.push(node);
  for (const child of children(node)) collect(child, found);
}

export function selectors(expr: Expr): readonly VectorSelector[] {
  let found = selectorLists.get(expr);
  if (found === undefined) {
    found = nodesOf(expr).filter((node): node is VectorSelector => node.type === 'VectorSelector');
    selectorLists.set(expr, found);
  }
  return found;
}

/** The calls of the tree, outermost first; of the named functions only, when names are given. */
export function calls(expr: Expr, ...names: string[]): Call[] {
  let all = callLists.get(expr);
  if (all === undefined) {
    all = nodesOf(expr).filter((node): node is Call => node.type === 'Call');
    callLists.set(expr, all);
  }
  if (names.length === 0) return [...all];
  const found: Call[] = [];
  for (const call of all) if (names.includes(call.func)) found.push(call);
  return found;
}

export const comparisonOps = new Set(['==', '!=', '>', '<', '>=', '<=']);

export function isComparison(expr: Expr): expr is BinaryExpr {
  return expr.type === 'BinaryExpr' && comparisonOps.has(expr.op) && !expr.returnBool;
}

/** A name written by a recording rule (`level:metric:operations`), not a raw series from a target. */
export function isRecordedName(name: string): boolean {
  return name.includes(':');
}

/**
 * The labels a result keeps. `all` means every label of the source series (so the set is open),
 * `except` all but some, `only` exactly these (plus nothing else).
 */
export type LabelSet =
  | { readonly kind: 'all'; readonly except: ReadonlySet<string> }
  | { readonly kind: 'only'; readonly labels: ReadonlySet<string> };

export const all = (except: Iterable<string> = []): LabelSet => ({ kind: 'all', except: new Set(except) });
export const only = (labels: Iterable<string>): LabelSet => ({ kind: 'only', labels: new Set(labels) });

export function hasLabel(set: LabelSet, name: string): boolean {
  return set.kind === 'all' ? !set.except.has(name) : set.labels.has(name);
}

function withLabels(set: LabelSet, added: Iterable<string>): LabelSet {
  const names = [...added];
  if (set.kind === 'only') return only([...set.labels, ...names]);
  return all([...set.except].filter((n) => !names.includes(n)));
}

function withoutLabels(set: LabelSet, removed: Iterable<string>): LabelSet {
  const names = [...removed];
  if (set.kind === 'only') return only([...set.labels].filter((n) => !names.includes(n)));
  return all([...set.except, ...names]);
}

const scalarFunctions = new Set([
  'scalar',
  'time',
  'pi',
  'minute',
  'hour',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'month',
  'year',
]);

/** The labels a selector's series carry: all of them unless something (a metric contract) knows better. */
export type SelectorLabels = (selector: VectorSelector) => LabelSet;

const anyLabels: SelectorLabels = () => all();

/**
 * Labels of the result of `expr` (after Prometheus drops `__name__` where it does). Given the labels
 * of each selector (from the catalog), the answer is exact where the open default can only say "all".
 */
export function outputLabels(expr: Expr, selectorLabels: SelectorLabels = anyLabels): LabelSet {
  if (selectorLabels !== anyLabels) return computeOutputLabels(expr, selectorLabels);
  let labels = labelSets.get(expr);
  if (labels === undefined) {
    labels = computeOutputLabels(expr, anyLabels);
    labelSets.set(expr, labels);
  }
  return labels;
}

function computeOutputLabels(expr: Expr, resolve: SelectorLabels): LabelSet {
  switch (expr.type) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return only([]);
    case 'VectorSelector':
      return resolve(expr);
    case 'MatrixSelector':
      return resolve(expr.vectorSelector);
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return outputLabels(expr.expr, resolve);
    case 'AggregateExpr':
      return aggregateLabels(expr, resolve);
    case 'Call':
      return callLabels(expr, resolve);
    case 'BinaryExpr':
      return binaryLabels(expr, resolve);
  }
}

function aggregateLabels(expr: AggregateExpr, resolve: SelectorLabels): LabelSet {
  const inner = outputLabels(expr.expr, resolve);
  if (expr.op === 'topk' || expr.op === 'bottomk') return inner;
  let result = expr.without
    ? withoutLabels(inner, expr.grouping)
    : only(expr.grouping.filter((l) => hasLabel(inner, l)));
  if (expr.op === 'count_values' && expr.param?.type === 'StringLiteral')
    result = withLabels(result, [expr.param.value]);
  return result;
}

function callLabels(expr: Call, resolve: SelectorLabels): LabelSet {
  if (
    expr.func === 'scalar' ||
    expr.func === 'vector' ||
    (scalarFunctions.has(expr.func) && expr.args.length === 0)
  ) {
    return only([]);
  }
  if (expr.func === 'absent' || expr.func === 'absent_over_time') {
    const arg = expr.args[0];
    const selector = arg ? unwrap(arg) : null;
    const vs = selector?.type === 'MatrixSelector' ? selector.vectorSelector : selector;
    if (vs?.type !== 'VectorSelector') return only([]);
    return only(vs.matchers.filter((m) => m.type === '=' && m.name !== '__name__').map((m) => m.name));
  }
  const first = expr.args.find((a) => a.type !== 'NumberLiteral' && a.type !== 'StringLiteral');
  const inner = first ? outputLabels(first, resolve) : only([]);
  if (expr.func === 'histogram_quantile') return withoutLabels(inner, ['le']);
  if (expr.func === 'label_replace' || expr.func === 'label_join') {
    const dst = expr.args[1];
    return dst?.type === 'StringLiteral' ? withLabels(inner, [dst.value]) : inner;
  }
  return inner;
}

function binaryLabels(expr: BinaryExpr, resolve: SelectorLabels): LabelSet {
  const lhs = outputLabels(expr.lhs, resolve);
  const rhs = outputLabels(expr.rhs, resolve);
  const lhsScalar = isScalarish(expr.lhs);
  const rhsScalar = isScalarish(expr.rhs);
  if (lhsScalar && !rhsScalar) return rhs;
  if (rhsScalar) return lhs;
  const matching = expr.matching;
  if (expr.op === 'or') return union(lhs, rhs);
  if (!matching) return lhs;
  if (matching.card === 'one-to-many') return withLabels(rhs, matching.include);
  if (matching.card === 'many-to-one') return withLabels(lhs, matching.include);
  if (expr.op === 'and' || expr.op === 'unless') return lhs;
  // One-to-one matching keeps only the on() labels, or drops the ignoring() ones (engine.go resultMetric).
  if (matching.on) return only(matching.matchingLabels.filter((l) => hasLabel(lhs, l)));
  return withoutLabels(lhs, matching.matchingLabels);
}

function union(a: LabelSet, b: LabelSet): LabelSet {
  if (a.kind === 'only' && b.kind === 'only') return only([...a.labels, ...b.labels]);
  const excepts = [a, b].map((s) => (s.kind === 'all' ? s.except : new Set<string>()));
  const [ea, eb] = excepts;
  return all([...(ea ?? [])].filter((n) => eb?.has(n)));
}

/** Scalars and functions of scalars: `0.8`, `time()`, `scalar(x)`, `2 * 3`. */
export function isScalarish(expr: Expr): boolean {
  const e = unwrap(expr);
  switch (e.type) {
    case 'NumberLiteral':
      return true;
    case 'UnaryExpr':
      return isScalarish(e.expr);
    case 'BinaryExpr':
      return isScalarish(e.lhs) && isScalarish(e.rhs);
    case 'Call':
      return (scalarFunctions.has(e.func) && e.args.length === 0) || e.func === 'scalar';
    default:
      return false;
  }
}

/** The literal value of a scalar expression like `0.8` or `-1`, or null. */
export function numberValue(expr: Expr): number | null {
  const e = unwrap(expr);
  if (e.type === 'NumberLiteral') return e.value;
  if (e.type === 'UnaryExpr') {
    const v = numberValue(e.expr);
    return v === null ? null : e.op === '-' ? -v : v;
  }
  return null;
}

/** The metric name a selector asks for by equality, or null (a regex, or no name, matches many). */
export function selectedName(selector: VectorSelector): string | null {
  if (selector.name !== '') return selector.name;
  const m = selector.matchers.find((x) => x.name === '__name__' && x.type === '=');
  return m ? m.value : null;
}

/** The selector a range function reads: `x[5m]` in `rate(x[5m])`, null for a subquery or anything else. */
export function rangeSelector(call: Call): VectorSelector | null {
  const arg = call.args[0];
  return arg?.type === 'MatrixSelector' ? arg.vectorSelector : null;
}
