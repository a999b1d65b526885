// The type checker: Prometheus's checkAST, run once the expression parsed without errors.
import type { BinaryExpr, Expr, ValueType, VectorSelector } from './ast.ts';
import { type PromqlError, promqlError } from './errors.ts';
import { lookupFunction, type PromVersion } from './functions.ts';
import { matcherMatches } from './matchers.ts';

/** Prometheus's names for value types in messages. */
export function documentedType(type: ValueType): string {
  switch (type) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return type;
  }
}

const comparisonOps = new Set(['==', '!=', '>', '<', '>=', '<=']);
const setOps = new Set(['and', 'or', 'unless']);

/**
 * The value type of an expression (unknown functions count as vectors): the one value-type rule, used
 * by the type checker and by the rule-test engine. A node whose type needs no child's is answered at once.
 */
export function typeOf(expr: Expr, version: PromVersion = '3'): ValueType {
  if (expr.type !== 'BinaryExpr' && expr.type !== 'UnaryExpr' && expr.type !== 'ParenExpr')
    return ownType(expr, emptyTypes, version);
  const types = new Map<Expr, ValueType>();
  for (const node of postOrder(expr)) types.set(node, ownType(node, types, version));
  return types.get(expr) ?? 'vector';
}

/** A node's type from its children's types (already in `types`). */
function ownType(expr: Expr, types: ReadonlyMap<Expr, ValueType>, version: PromVersion): ValueType {
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
    case 'Call': {
      const found = lookupFunction(expr.func, version);
      return found.ok ? found.signature.returnType : 'vector';
    }
    case 'BinaryExpr':
      return types.get(expr.lhs) === 'scalar' && types.get(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'UnaryExpr':
    case 'ParenExpr':
      return types.get(expr.expr) ?? 'vector';
  }
}

/** All nodes, children before parents, without recursion (expressions can nest thousands deep). */
export function postOrder(root: Expr): Expr[] {
  const out: Expr[] = [];
  const nodes: Expr[] = [root];
  const expanded: boolean[] = [false];
  for (;;) {
    const node = nodes.pop();
    if (node === undefined) return out;
    if (expanded.pop()) {
      out.push(node);
      continue;
    }
    nodes.push(node);
    expanded.push(true);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid !== undefined) {
        nodes.push(kid);
        expanded.push(false);
      }
    }
  }
}

const emptyTypes: ReadonlyMap<Expr, ValueType> = new Map();

/** How many children the checker visits (a range selector's own selector is checked in place). */
function childCount(node: Expr): number {
  switch (node.type) {
    case 'BinaryExpr':
      return 2;
    case 'AggregateExpr':
      return node.param === null ? 1 : 2;
    case 'Call':
      return node.args.length;
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'SubqueryExpr':
      return 1;
    default:
      return 0;
  }
}

function childIndex(parent: Expr, child: Expr): number {
  switch (parent.type) {
    case 'BinaryExpr':
      return child === parent.lhs ? 0 : 1;
    case 'AggregateExpr':
      return parent.param === null || child === parent.param ? 0 : 1;
    case 'Call':
      return parent.args.indexOf(child);
    default:
      return 0;
  }
}

/** Pushes the children in reverse, so they pop (and get checked) in source order. */
function pushChildrenReversed(node: Expr, nodes: Expr[], expanded: boolean[]): void {
  switch (node.type) {
    case 'BinaryExpr':
      nodes.push(node.rhs, node.lhs);
      expanded.push(false, false);
      return;
    case 'AggregateExpr':
      nodes.push(node.expr);
      expanded.push(false);
      if (node.param !== null) {
        nodes.push(node.param);
        expanded.push(false);
      }
      return;
    case 'Call':
      for (let i = node.args.length - 1; i >= 0; i--) {
        const arg = node.args[i];
        if (arg !== undefined) {
          nodes.push(arg);
          expanded.push(false);
        }
      }
      return;
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'SubqueryExpr':
      nodes.push(node.expr);
      expanded.push(false);
      return;
    default:
      return;
  }
}

/** How deep the checker recurses before it walks the rest of a subtree in a loop. */
const defaultRecursionLimit = 200;

class Checker {
  readonly errors: PromqlError[] = [];
  constructor(
    private readonly text: string,
    private readonly version: PromVersion,
    private readonly recursionLimit: number,
  ) {}

  private report(message: string, start: number, end: number): void {
    this.errors.push(promqlError(this.text, message, start, end));
  }

  /** Types of checked nodes whose parent is not checked yet (children end up on top, in order). */
  private readonly types: ValueType[] = [];
  /** Index in `types` of the first child of the node being checked. */
  private frame = 0;
  private current: Expr | null = null;

  private typeOfChecked(child: Expr): ValueType {
    const parent = this.current;
    return (parent && this.types[this.frame + childIndex(parent, child)]) || 'vector';
  }

  /** `context` names the place in the message; a function's is built only for an error (calls are many). */
  private expectType(expr: Expr, want: ValueType, context: string | { readonly func: string }): void {
    const got = this.typeOfChecked(expr);
    if (got !== want) {
      const place =
        typeof context === 'string' ? context : `call to function ${JSON.stringify(context.func)}`;
      this.report(
        `expected type ${documentedType(want)} in ${place}, got ${documentedType(got)}`,
        expr.start,
        expr.end,
      );
    }
  }

  /** Checks every node, children first; returns the root's type. */
  run(root: Expr): ValueType {
    this.visit(root, 0);
    return this.types[0] ?? 'vector';
  }

  /**
   * Checks a subtree by recursion, which needs no lists of its own (rules are checked by the
   * thousand); below `recursionLimit` levels the loop takes over, so deep trees cannot overflow the stack.
   */
  private visit(node: Expr, depth: number): void {
    if (depth > this.recursionLimit) {
      this.loop(node);
      return;
    }
    // Prometheus checks a call's arity before its arguments.
    if (node.type === 'Call') this.checkArity(node);
    switch (node.type) {
      case 'BinaryExpr':
        this.visit(node.lhs, depth + 1);
        this.visit(node.rhs, depth + 1);
        break;
      case 'AggregateExpr':
        if (node.param !== null) this.visit(node.param, depth + 1);
        this.visit(node.expr, depth + 1);
        break;
      case 'Call':
        for (let i = 0; i < node.args.length; i++) {
          const arg = node.args[i];
          if (arg !== undefined) this.visit(arg, depth + 1);
        }
        break;
      case 'UnaryExpr':
      case 'ParenExpr':
      case 'SubqueryExpr':
        this.visit(node.expr, depth + 1);
        break;
      default:
        break;
    }
    this.finish(node);
  }

  /** visit without recursion: leaves the subtree's type on top of `types` too. */
  private loop(root: Expr): void {
    const nodes: Expr[] = [root];
    const expanded: boolean[] = [false];
    for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
      if (!expanded.pop()) {
        if (node.type === 'Call') this.checkArity(node);
        nodes.push(node);
        expanded.push(true);
        pushChildrenReversed(node, nodes, expanded);
        continue;
      }
      this.finish(node);
    }
  }

  /** Checks a node whose children are checked, replacing their types on `types` with its own. */
  private finish(node: Expr): void {
    this.frame = this.types.length - childCount(node);
    this.current = node;
    const own = this.ownType(node);
    this.check(node);
    // Popped rather than cut by setting length, which V8 does in the runtime, not inline.
    const types = this.types;
    while (types.length > this.frame) types.pop();
    types.push(own);
  }

  private ownType(node: Expr): ValueType {
    switch (node.type) {
      case 'BinaryExpr':
        return this.types[this.frame] === 'scalar' && this.types[this.frame + 1] === 'scalar'
          ? 'scalar'
          : 'vector';
      case 'UnaryExpr':
      case 'ParenExpr':
        return this.types[this.frame] ?? 'vector';
      default:
        return ownType(node, emptyTypes, this.version);
    }
  }

  /** The operator's range, without surrounding spaces, for binary-expression messages. */
  private operatorRange(lhs: Expr, rhs: Expr): [number, number] {
    let start = lhs.end;
    while (start < rhs.start && /\s/.test(this.text.charAt(start))) start++;
    let end = rhs.start;
    while (end > start && /\s/.test(this.text.charAt(end - 1))) end--;
    return [start, end];
  }

  /** Errors about a binary operator point at it (its range computed only when reported). */
  private reportAtOperator(expr: BinaryExpr, message: string): void {
    const [opStart, opEnd] = this.operatorRange(expr.lhs, expr.rhs);
    this.report(message, opStart, opEnd);
  }

  /** The checks of one node; its children are already checked and typed. */
  private check(expr: Expr): void {
    switch (expr.type) {
      case 'AggregateExpr':
        this.expectType(expr.expr, 'vector', 'aggregation expression');
        if (expr.param !== null) {
          const want = expr.op === 'count_values' ? 'string' : 'scalar';
          this.expectType(expr.param, want, 'aggregation parameter');
        }
        break;
      case 'BinaryExpr': {
        const lt = this.typeOfChecked(expr.lhs);
        const rt = this.typeOfChecked(expr.rhs);
        if (expr.returnBool && !comparisonOps.has(expr.op)) {
          this.reportAtOperator(expr, 'bool modifier can only be used on comparison operators');
        }
        if (comparisonOps.has(expr.op) && !expr.returnBool && lt === 'scalar' && rt === 'scalar') {
          this.reportAtOperator(expr, 'comparisons between scalars must use BOOL modifier');
        }
        const matching = expr.matching;
        if (matching?.on) {
          for (const label of matching.matchingLabels) {
            if (matching.include.includes(label)) {
              this.reportAtOperator(
                expr,
                `label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`,
              );
            }
          }
        }
        if (lt !== 'scalar' && lt !== 'vector') {
          this.report(
            'binary expression must contain only scalar and instant vector types',
            expr.lhs.start,
            expr.lhs.end,
          );
        }
        if (rt !== 'scalar' && rt !== 'vector') {
          this.report(
            'binary expression must contain only scalar and instant vector types',
            expr.rhs.start,
            expr.rhs.end,
          );
        }
        const bothVectors = lt === 'vector' && rt === 'vector';
        if (!bothVectors && matching !== null && matching.matchingLabels.length > 0) {
          this.report('vector matching only allowed between instant vectors', expr.start, expr.end);
        } else if (bothVectors && setOps.has(expr.op) && matching !== null) {
          if (matching.card === 'one-to-many' || matching.card === 'many-to-one') {
            this.report(`no grouping allowed for ${JSON.stringify(expr.op)} operation`, expr.start, expr.end);
          }
        }
        if ((lt === 'scalar' || rt === 'scalar') && setOps.has(expr.op)) {
          this.report(
            `set operator ${JSON.stringify(expr.op)} not allowed in binary scalar expression`,
            expr.start,
            expr.end,
          );
        }
        break;
      }
      case 'Call':
        this.checkCall(expr);
        break;
      case 'ParenExpr':
        break;
      case 'UnaryExpr': {
        const inner = this.typeOfChecked(expr.expr);
        if (inner !== 'scalar' && inner !== 'vector') {
          this.report(
            `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(inner))}`,
            expr.start,
            expr.end,
          );
        }
        break;
      }
      case 'SubqueryExpr': {
        const inner = this.typeOfChecked(expr.expr);
        if (inner !== 'vector')
          this.report(
            `subquery is only allowed on instant vector, got ${inner} instead`,
            expr.start,
            expr.end,
          );
        break;
      }
      case 'MatrixSelector':
        this.checkSelector(expr.vectorSelector);
        break;
      case 'VectorSelector':
        this.checkSelector(expr);
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
  }

  private checkArity(expr: Expr & { type: 'Call' }): void {
    const found = lookupFunction(expr.func, this.version);
    if (!found.ok) return; // reported by the parser
    const { argTypes, variadic } = found.signature;
    const count = expr.args.length;
    // The quoted name is built for a message only: most calls have the right arity.
    if (variadic === 0) {
      if (argTypes.length !== count) {
        this.report(
          `expected ${argTypes.length} argument(s) in call to ${JSON.stringify(expr.func)}, got ${count}`,
          expr.start,
          expr.end,
        );
      }
    } else {
      const required = argTypes.length - 1;
      if (required > count) {
        this.report(
          `expected at least ${required} argument(s) in call to ${JSON.stringify(expr.func)}, got ${count}`,
          expr.start,
          expr.end,
        );
      } else if (variadic > 0 && required + variadic < count) {
        this.report(
          `expected at most ${required + variadic} argument(s) in call to ${JSON.stringify(expr.func)}, got ${count}`,
          expr.start,
          expr.end,
        );
      }
    }
  }

  private checkCall(expr: Expr & { type: 'Call' }): void {
    const found = lookupFunction(expr.func, this.version);
    if (!found.ok) return;
    const { argTypes, variadic } = found.signature;
    const count = variadic === 0 ? Math.min(expr.args.length, argTypes.length) : expr.args.length;
    for (let i = 0; i < count; i++) {
      const arg = expr.args[i];
      const want = argTypes[Math.min(i, argTypes.length - 1)];
      if (arg !== undefined && want !== undefined) this.expectType(arg, want, expr);
    }
  }

  private checkSelector(selector: VectorSelector): void {
    if (selector.name !== '') {
      // The implicit name matcher is the last one; an explicit __name__ before it sets the name twice.
      const matchers = selector.matchers;
      for (let i = 0; i < matchers.length - 1; i++) {
        const matcher = matchers[i];
        if (matcher?.name === '__name__') {
          this.report(
            `metric name must not be set twice: ${JSON.stringify(selector.name)} or ${JSON.stringify(matcher.value)}`,
            selector.start,
            selector.end,
          );
        }
      }
      return;
    }
    if (!selector.matchers.some((matcher) => !matcherMatches(matcher, ''))) {
      this.report(
        'vector selector must contain at least one non-empty matcher',
        selector.start,
        selector.end,
      );
    }
  }
}

/**
 * Type-checks a parsed expression; returns its type and the errors found. `recursionLimit`: the depth
 * from which subtrees are checked in a loop (tests compare both ways).
 */
export function checkTypes(
  text: string,
  expr: Expr,
  version: PromVersion,
  recursionLimit = defaultRecursionLimit,
): { type: ValueType; errors: readonly PromqlError[] } {
  const checker = new Checker(text, version, recursionLimit);
  const type = checker.run(expr);
  return { type, errors: checker.errors };
}

/** Direct sub-expressions, in source order. */
export function children(expr: Expr): readonly Expr[] {
  switch (expr.type) {
    case 'AggregateExpr':
      return expr.param === null ? [expr.expr] : [expr.param, expr.expr];
    case 'BinaryExpr':
      return [expr.lhs, expr.rhs];
    case 'Call':
      return expr.args;
    case 'MatrixSelector':
      return [expr.vectorSelector];
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return [expr.expr];
    default:
      return [];
  }
}
