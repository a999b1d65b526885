// Small questions the checks ask about a PromQL tree: its nodes with their ancestors, what a
// subexpression really is under parentheses, and which labels survive to the result.
import type { AggregateExpr, BinaryExpr, Call, Expr, VectorSelector } from '../promql/ast.ts';

/** Visits every node with its ancestors (outermost first). */
export function walk(expr: Expr, visit: (node: Expr, ancestors: readonly Expr[]) => void): void {
  walkFrom(expr, { ancestors: [], visit });
}

interface Walk {
  readonly ancestors: Expr[];
  readonly visit: (node: Expr, ancestors: readonly Expr[]) => void;
}

function walkFrom(node: Expr, walk: Walk): void {
  walk.visit(node, walk.ancestors);
  walk.ancestors.push(node);
  eachChild(node, walkFrom, walk);
  walk.ancestors.pop();
}

/**
 * Calls `visit(child, state)` on each direct sub-expression in source order. No list per node and no
 * closure per walk: walks visit every node of every rule.
 */
function eachChild<State>(expr: Expr, visit: (child: Expr, state: State) => void, state: State): void {
  switch (expr.type) {
    case 'MatrixSelector':
      visit(expr.vectorSelector, state);
      return;
    case 'SubqueryExpr':
    case 'UnaryExpr':
    case 'ParenExpr':
      visit(expr.expr, state);
      return;
    case 'Call':
      for (const arg of expr.args) visit(arg, state);
      return;
    case 'AggregateExpr':
      if (expr.param) visit(expr.param, state);
      visit(expr.expr, state);
      return;
    case 'BinaryExpr':
      visit(expr.lhs, state);
      visit(expr.rhs, state);
      return;
    default:
      return;
  }
}

export function unwrap(expr: Expr): Expr {
  let e = expr;
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/**
 * What a function of a tree gave for the last two trees asked about. Lint runs every check on one rule
 * before the next, and a check may ask about a subtree in between: two slots answer nearly every ask,
 * hold no more than two trees, and cost nothing to fill, unlike a map by node (an entry for every
 * rule's tree, which the collector then has to clear).
 */
class RecentTwo<T> {
  #newestExpr: Expr | null = null;
  #newest: T | null = null;
  #olderExpr: Expr | null = null;
  #older: T | null = null;

  constructor(private readonly compute: (expr: Expr) => T) {}

  of(expr: Expr): T {
    if (this.#newestExpr === expr && this.#newest !== null) return this.#newest;
    const value = (this.#olderExpr === expr ? this.#older : null) ?? this.compute(expr);
    this.#olderExpr = this.#newestExpr;
    this.#older = this.#newest;
    this.#newestExpr = expr;
    this.#newest = value;
    return value;
  }
}

/** A tree's selectors and calls, outermost first, found in one walk. */
interface TreeParts {
  readonly selectors: readonly VectorSelector[];
  /** The selectors that are not a range selector's (`x` in `x > 1`, not in `rate(x[5m])`). */
  readonly instantSelectors: readonly VectorSelector[];
  readonly calls: readonly Call[];
}

/**
 * The parts as one walk finds them. Lists are made only when they differ from what is at hand: while
 * no range selector is seen the instant selectors are all of them (one list), and most trees call
 * nothing or little.
 */
interface FoundParts {
  readonly selectors: VectorSelector[];
  /** null while every selector found is an instant one. */
  instantSelectors: VectorSelector[] | null;
  calls: Call[] | null;
}

/** The parts of the last two trees asked about (several checks ask of one rule's tree in turn). */
const recentParts = new RecentTwo(treeParts);

function partsOf(expr: Expr): TreeParts {
  return recentParts.of(expr);
}

function treeParts(expr: Expr): TreeParts {
  const found: FoundParts = { selectors: [], instantSelectors: null, calls: null };
  collectParts(expr, found);
  return {
    selectors: found.selectors,
    instantSelectors: found.instantSelectors ?? found.selectors,
    calls: found.calls ?? callsOfNone,
  };
}

/**
 * The calls of every tree that calls nothing: one read-only list. Not frozen, unlike noCalls: the
 * checks walk it with for-of, which takes a frozen array's slow path (an iterator object per walk).
 */
const callsOfNone: readonly Call[] = [];

function collectParts(node: Expr, found: FoundParts): void {
  if (node.type === 'VectorSelector') {
    found.selectors.push(node);
    found.instantSelectors?.push(node);
  } else if (node.type === 'MatrixSelector') {
    // The first range selector: the instant ones are those found so far.
    found.instantSelectors ??= found.selectors.slice();
    found.selectors.push(node.vectorSelector);
  } else {
    if (node.type === 'Call') {
      if (found.calls === null) found.calls = [node];
      else found.calls.push(node);
    }
    eachChild(node, collectParts, found);
  }
}

export function selectors(expr: Expr): readonly VectorSelector[] {
  return partsOf(expr).selectors;
}

/** selectors() less those of range selectors: the ones whose series are read as instant values. */
export function instantSelectors(expr: Expr): readonly VectorSelector[] {
  return partsOf(expr).instantSelectors;
}

/** The calls of the tree, outermost first; of the named functions only, when names are given. */
export function calls(expr: Expr, ...names: string[]): Call[] {
  return [...readCalls(expr, names.length === 0 ? null : names)];
}

const noCalls: readonly Call[] = Object.freeze([]);

/**
 * calls() for a caller that only reads the list (the checks, for every rule): the tree's own list, or
 * one shared empty list when no call is named, rather than a new list per ask. `names` is a list the
 * caller keeps (null: every call), not one made per ask.
 */
export function readCalls(expr: Expr, names: readonly string[] | null = null): readonly Call[] {
  const all = partsOf(expr).calls;
  if (names === null) return all;
  let found: Call[] | null = null;
  for (const call of all) {
    if (!names.includes(call.func)) continue;
    if (found === null) found = [call];
    else found.push(call);
  }
  return found ?? noCalls;
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

// Label sets are read-only: the two most common ones are shared rather than made per node.
const everyLabel: LabelSet = all();
const noLabels: LabelSet = only([]);

const anyLabels: SelectorLabels = () => everyLabel;

/** The open label sets of the last two trees asked about (several checks ask of one rule's tree in turn). */
const recentLabels = new RecentTwo((expr) => labelsOf(expr, anyLabels));

/**
 * Labels of the result of `expr` (after Prometheus drops `__name__` where it does). Given the labels
 * of each selector (from the catalog), the answer is exact where the open default can only say "all".
 * The open answer is kept for the tree asked about (not for each node below it: that costs more than
 * it saves).
 */
export function outputLabels(expr: Expr, selectorLabels: SelectorLabels = anyLabels): LabelSet {
  if (selectorLabels !== anyLabels) return labelsOf(expr, selectorLabels);
  return recentLabels.of(expr);
}

function labelsOf(expr: Expr, resolve: SelectorLabels): LabelSet {
  switch (expr.type) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return noLabels;
    case 'VectorSelector':
      return resolve(expr);
    case 'MatrixSelector':
      return resolve(expr.vectorSelector);
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return labelsOf(expr.expr, resolve);
    case 'AggregateExpr':
      return aggregateLabels(expr, resolve);
    case 'Call':
      return callLabels(expr, resolve);
    case 'BinaryExpr':
      return binaryLabels(expr, resolve);
  }
}

function aggregateLabels(expr: AggregateExpr, resolve: SelectorLabels): LabelSet {
  const inner = labelsOf(expr.expr, resolve);
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
    return noLabels;
  }
  if (expr.func === 'absent' || expr.func === 'absent_over_time') {
    const arg = expr.args[0];
    const selector = arg ? unwrap(arg) : null;
    const vs = selector?.type === 'MatrixSelector' ? selector.vectorSelector : selector;
    if (vs?.type !== 'VectorSelector') return noLabels;
    return only(vs.matchers.filter((m) => m.type === '=' && m.name !== '__name__').map((m) => m.name));
  }
  const first = expr.args.find((a) => a.type !== 'NumberLiteral' && a.type !== 'StringLiteral');
  const inner = first ? labelsOf(first, resolve) : noLabels;
  if (expr.func === 'histogram_quantile') return withoutLabels(inner, ['le']);
  if (expr.func === 'label_replace' || expr.func === 'label_join') {
    const dst = expr.args[1];
    return dst?.type === 'StringLiteral' ? withLabels(inner, [dst.value]) : inner;
  }
  return inner;
}

function binaryLabels(expr: BinaryExpr, resolve: SelectorLabels): LabelSet {
  const lhs = labelsOf(expr.lhs, resolve);
  const rhs = labelsOf(expr.rhs, resolve);
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
