// The canonical printer: AST back to PromQL text that parses to the same AST (source ranges aside;
// a built range with a Grafana variable prints as `[$__rate_interval]`, which only Grafana reads).
// Parentheses come from ParenExpr nodes; the printer adds its own only where a hand-built tree
// would otherwise read differently.
import type { AtModifier, BinaryExpr, Expr, LabelMatcher, VectorMatching, VectorSelector } from './ast.ts';
import { formatDuration } from './duration.ts';
import { binaryPrecedence } from './operators.ts';
import { quoteLabelValue } from './strings.ts';

/** Unary minus binds tighter than `*` but looser than `^`. */
const unaryPrecedence = 5.5;
const primaryPrecedence = 100;

function isNegativeNumber(expr: Expr): boolean {
  return expr.type === 'NumberLiteral' && (expr.value < 0 || Object.is(expr.value, -0));
}

function precedenceOf(expr: Expr): number {
  if (expr.type === 'BinaryExpr') return binaryPrecedence[expr.op];
  if (expr.type === 'UnaryExpr' || isNegativeNumber(expr)) return unaryPrecedence;
  return primaryPrecedence;
}

/** Whether `child` must be parenthesised in the given position to keep the tree's shape. */
export function needsParens(
  parent: Expr,
  child: Expr,
  position: 'lhs' | 'rhs' | 'operand' | 'postfix',
): boolean {
  const childPrecedence = precedenceOf(child);
  switch (position) {
    case 'postfix':
      return childPrecedence !== primaryPrecedence;
    case 'operand':
      return child.type === 'BinaryExpr' && childPrecedence < binaryPrecedence['^'];
    case 'lhs': {
      if (parent.type !== 'BinaryExpr') return false;
      const own = binaryPrecedence[parent.op];
      return childPrecedence < own || (childPrecedence === own && parent.op === '^');
    }
    case 'rhs': {
      if (parent.type !== 'BinaryExpr') return false;
      if (child.type === 'UnaryExpr' || isNegativeNumber(child)) return false;
      const own = binaryPrecedence[parent.op];
      return childPrecedence < own || (childPrecedence === own && parent.op !== '^');
    }
  }
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** Words that cannot name a metric in PromQL text; such names print as a `__name__` matcher. */
const unusableMetricNames = new Set([
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'atan2',
  'inf',
  'nan',
]);

/** No longer name is an unusable one: such a name needs no lower-cased copy to be looked up. */
const longestUnusableName = Math.max(...[...unusableMetricNames].map((word) => word.length));

function isUsableMetricName(name: string): boolean {
  return name !== '' && (name.length > longestUnusableName || !unusableMetricNames.has(name.toLowerCase()));
}

/** Names 2.x can write bare; Prometheus 3 allows any UTF-8 name, quoted where it is not one of these. */
const legacyLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const legacyMetricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Whether a selector of the metric and no matchers prints as the bare name (see printSelectorBody). */
export function printsBareName(name: string): boolean {
  return isUsableMetricName(name) && legacyMetricName.test(name);
}

/**
 * A label name as PromQL text: bare when it is a 2.x name, else quoted (Prometheus 3 "UTF-8 names":
 * `{"a.b"="x"}`, `sum by ("a.b") (...)`), so a 2.42 tree prints exactly as before.
 */
export function printLabelName(name: string): string {
  return legacyLabelName.test(name) ? name : quoteLabelValue(name);
}

/** Each item printed, comma-separated: a loop, not a mapped list joined, as most lists (`by (service)`) hold one. */
function commaList<T>(items: readonly T[], print: (item: T) => string): string {
  let out = '';
  let first = true;
  for (const item of items) {
    out += first ? print(item) : `, ${print(item)}`;
    first = false;
  }
  return out;
}

function printLabelList(names: readonly string[]): string {
  return commaList(names, printLabelName);
}

function printMatcher(matcher: LabelMatcher): string {
  return `${printLabelName(matcher.name)}${matcher.type}${quoteLabelValue(matcher.value)}`;
}

function printModifiers(at: AtModifier | null, offsetMs: number): string {
  let out = '';
  if (at !== null) {
    out += at.kind === 'timestamp' ? ` @ ${formatNumber(at.ms / 1000)}` : ` @ ${at.kind}()`;
  }
  if (offsetMs !== 0) out += ` offset ${formatDuration(offsetMs)}`;
  return out;
}

/** `sel{a="b", ...}`: a loop, no closures or intermediate arrays; gen prints millions of selectors. */
function printSelectorBody(selector: VectorSelector): string {
  const name = selector.name;
  const nameUsable = isUsableMetricName(name);
  let matchers = '';
  let count = 0;
  let namesMetric = false;
  for (const m of selector.matchers) {
    // The name's own matcher is the name written before the braces.
    if (nameUsable && m.name === '__name__' && m.type === '=' && m.value === name) continue;
    if (m.name === '__name__') namesMetric = true;
    matchers += count++ === 0 ? printMatcher(m) : `, ${printMatcher(m)}`;
  }
  if (name !== '' && !nameUsable && !namesMetric) {
    const own = printMatcher({ name: '__name__', type: '=', value: name });
    matchers = count++ === 0 ? own : `${own}, ${matchers}`;
  }
  // A UTF-8 metric name is the first, quoted, entry inside the braces: `{"my.metric", a="b"}`.
  if (nameUsable && !legacyMetricName.test(name))
    return `{${quoteLabelValue(name)}${count === 0 ? '' : `, ${matchers}`}}`;
  const shownName = nameUsable ? name : '';
  if (count === 0 && shownName !== '') return shownName;
  return `${shownName}{${matchers}}`;
}

function printMatching(matching: VectorMatching | null): string {
  if (matching === null) return '';
  const grouped = matching.card === 'many-to-one' || matching.card === 'one-to-many';
  let out = '';
  if (matching.on) out += ` on(${printLabelList(matching.matchingLabels)})`;
  else if (matching.matchingLabels.length > 0 || grouped)
    out += ` ignoring(${printLabelList(matching.matchingLabels)})`;
  if (grouped) {
    // Always with parentheses: a parenthesised right-hand side would otherwise read as the label list.
    out += matching.card === 'many-to-one' ? ' group_left' : ' group_right';
    out += `(${printLabelList(matching.include)})`;
  }
  return out;
}

function wrap(text: string, parens: boolean): string {
  return parens ? `(${text})` : text;
}

/**
 * `a + b - c ...`: long left-nested chains (thousands of terms in generated rules) are walked
 * in a loop, not by recursion, so they cannot overflow the stack.
 */
function printBinary(top: BinaryExpr): string {
  // Most operands are not a chain to walk: no spine list for them.
  if (top.lhs.type !== 'BinaryExpr' || needsParens(top, top.lhs, 'lhs'))
    return wrap(printExpr(top.lhs), needsParens(top, top.lhs, 'lhs')) + operatorAndRhs(top);
  const spine: BinaryExpr[] = [top];
  for (let node = top; node.lhs.type === 'BinaryExpr' && !needsParens(node, node.lhs, 'lhs'); ) {
    node = node.lhs;
    spine.push(node);
  }
  const bottom = spine[spine.length - 1] ?? top;
  let text = wrap(printExpr(bottom.lhs), needsParens(bottom, bottom.lhs, 'lhs'));
  for (let i = spine.length - 1; i >= 0; i--) {
    const node = spine[i];
    if (node !== undefined) text += operatorAndRhs(node);
  }
  return text;
}

/** ` op modifiers rhs`: what follows a binary expression's left-hand side. */
function operatorAndRhs(node: BinaryExpr): string {
  const rhs = wrap(printExpr(node.rhs), needsParens(node, node.rhs, 'rhs'));
  return ` ${node.op}${node.returnBool ? ' bool' : ''}${printMatching(node.matching)} ${rhs}`;
}

function printArgs(args: readonly Expr[]): string {
  return commaList(args, printExpr);
}

/** Prints an expression as canonical PromQL. */
export function printExpr(expr: Expr): string {
  switch (expr.type) {
    case 'NumberLiteral':
      return formatNumber(expr.value);
    case 'StringLiteral':
      return quoteLabelValue(expr.value);
    case 'VectorSelector':
      return printSelectorBody(expr) + printModifiers(expr.at, expr.offsetMs);
    case 'MatrixSelector': {
      const vs = expr.vectorSelector;
      const range = expr.rangeVariable ?? formatDuration(expr.rangeMs);
      return `${printSelectorBody(vs)}[${range}]${printModifiers(vs.at, vs.offsetMs)}`;
    }
    case 'SubqueryExpr': {
      const inner = wrap(printExpr(expr.expr), needsParens(expr, expr.expr, 'postfix'));
      const step = expr.stepMs === 0 ? '' : formatDuration(expr.stepMs);
      return `${inner}[${formatDuration(expr.rangeMs)}:${step}]${printModifiers(expr.at, expr.offsetMs)}`;
    }
    case 'Call':
      return `${expr.func}(${printArgs(expr.args)})`;
    case 'AggregateExpr': {
      const args =
        expr.param === null ? printExpr(expr.expr) : `${printExpr(expr.param)}, ${printExpr(expr.expr)}`;
      if (expr.without) return `${expr.op} without (${printLabelList(expr.grouping)}) (${args})`;
      if (expr.grouping.length > 0) return `${expr.op} by (${printLabelList(expr.grouping)}) (${args})`;
      return `${expr.op}(${args})`;
    }
    case 'BinaryExpr':
      return printBinary(expr);
    case 'UnaryExpr':
      return `${expr.op}${wrap(printExpr(expr.expr), needsParens(expr, expr.expr, 'operand'))}`;
    case 'ParenExpr':
      return `(${printExpr(expr.expr)})`;
  }
}
