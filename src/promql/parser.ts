// Recursive-descent (precedence-climbing) PromQL parser. It follows the grammar and the parse-time
// checks of Prometheus 2.42 (generated_parser.y, parse.go) so that it accepts and rejects what
// promtool does, reporting the same first error at the same place. Linear in the input length.

import type {
  AggregateOp,
  AtModifier,
  BinaryOp,
  Expr,
  LabelMatcher,
  MatchType,
  VectorMatching,
  VectorSelector,
} from './ast.ts';
import { parseDuration } from './duration.ts';
import { type PromqlError, promqlError } from './errors.ts';
import { lookupFunction, type PromVersion } from './functions.ts';
import { lex, type Token, wordOperators } from './lexer.ts';
import { compileMatcherRegex } from './matchers.ts';
import { goFixed6, parseNumberLiteral } from './numbers.ts';
import { aggregators, binaryPrecedence } from './operators.ts';
import { unquoteString } from './strings.ts';

const aggregatorsWithParam = new Set<string>(['topk', 'bottomk', 'count_values', 'quantile']);

/** Keywords that may also name a metric (Prometheus's `metric_identifier`). */
const keywordMetricNames = new Set<string>([
  ...aggregators,
  'and',
  'or',
  'unless',
  'by',
  'without',
  'offset',
  'start',
  'end',
]);

/** Keywords allowed as label names in grouping clauses (Prometheus's `maybe_label`; not `without`). */
const keywordLabels = new Set<string>([
  ...aggregators,
  'bool',
  'by',
  'group_left',
  'group_right',
  'ignoring',
  'and',
  'or',
  'unless',
  'offset',
  'on',
  'start',
  'end',
  'atan2',
]);

const precedence: Readonly<Record<string, number>> = binaryPrecedence;
const unaryOperandPrecedence = 6;
const setOperators = new Set<string>(['and', 'or', 'unless']);

/** Deeper nesting than any real query; Prometheus has no limit, but a stack overflow is no answer. */
const maxNesting = 1000;
const tooDeep = `expression nested too deeply (more than ${maxNesting} levels)`;

/** Thrown inside the parser only, to stop at the first syntax error; never escapes `parseSyntax`. */
class SyntaxStop {
  constructor(readonly error: PromqlError) {}
}

export interface SyntaxResult {
  readonly expr: Expr | null;
  readonly errors: readonly PromqlError[];
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  readonly errors: PromqlError[] = [];
  /** Open aggregations: a syntax error inside one reads "... in aggregation", as in Prometheus. */
  private aggregationDepth = 0;
  /** Nesting of sub-expressions, bounded so deep input gives an error instead of a stack overflow. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly version: PromVersion,
  ) {
    this.tokens = lex(text);
  }

  private peek(): Token {
    const token = this.tokens[this.index] ?? this.tokens[this.tokens.length - 1];
    if (token === undefined) throw new Error('lexer produced no tokens');
    return token;
  }

  private peekAt(offset: number): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private is(kind: Token['kind'], text?: string): boolean {
    const token = this.peek();
    return token.kind === kind && (text === undefined || token.text === text);
  }

  /** A non-fatal error: parsing goes on, like Prometheus's addParseErr. */
  private report(message: string, start: number, end: number): void {
    this.errors.push(promqlError(this.text, message, start, end));
  }

  /** A syntax error at the current token: stops parsing. */
  private unexpected(context = '', expected = ''): never {
    const token = this.peek();
    if (token.kind === 'ERROR')
      throw new SyntaxStop(promqlError(this.text, token.text, token.start, token.end));
    const where = context || (this.aggregationDepth > 0 ? 'aggregation' : '');
    let message = `unexpected ${describe(token)}`;
    if (where) message += ` in ${where}`;
    if (expected) message += `, expected ${expected}`;
    throw new SyntaxStop(promqlError(this.text, message, token.start, token.end));
  }

  private expect(kind: Token['kind'], context = '', expected = ''): Token {
    if (!this.is(kind)) this.unexpected(context, expected);
    return this.next();
  }

  parseAll(): Expr | null {
    if (this.is('EOF')) {
      this.report('no expression found in input', 0, 0);
      return null;
    }
    const expr = this.expression(0);
    if (!this.is('EOF')) this.unexpected();
    return expr;
  }

  private expression(minPrecedence: number): Expr {
    this.depth++;
    if (this.depth > maxNesting) {
      const token = this.peek();
      throw new SyntaxStop(promqlError(this.text, tooDeep, token.start, token.end));
    }
    const expr = this.binaryChain(minPrecedence);
    this.depth--;
    return expr;
  }

  private binaryChain(minPrecedence: number): Expr {
    let lhs = this.unary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'OP') return lhs;
      const prec = precedence[token.text];
      if (prec === undefined || prec < minPrecedence) return lhs;
      this.next();
      const op = token.text as BinaryOp;
      const modifiers = this.binaryModifiers();
      // Set operators always match many-to-many (Prometheus sets this while type checking).
      const matching: VectorMatching =
        setOperators.has(op) && modifiers.matching.card === 'one-to-one'
          ? { ...modifiers.matching, card: 'many-to-many' }
          : modifiers.matching;
      const rhs = this.expression(op === '^' ? prec : prec + 1);
      lhs = {
        type: 'BinaryExpr',
        op,
        lhs,
        rhs,
        matching,
        returnBool: modifiers.returnBool,
        start: lhs.start,
        end: rhs.end,
      };
    }
  }

  private binaryModifiers(): { matching: VectorMatching; returnBool: boolean } {
    let returnBool = false;
    if (this.is('KEYWORD', 'bool')) {
      this.next();
      returnBool = true;
    }
    let on = false;
    let matchingLabels: readonly string[] = [];
    let include: readonly string[] = [];
    let card: VectorMatching['card'] = 'one-to-one';
    if (this.is('KEYWORD', 'on') || this.is('KEYWORD', 'ignoring')) {
      on = this.next().text === 'on';
      matchingLabels = this.groupingLabels();
      if (this.is('KEYWORD', 'group_left') || this.is('KEYWORD', 'group_right')) {
        card = this.next().text === 'group_left' ? 'many-to-one' : 'one-to-many';
        if (this.is('LEFT_PAREN')) include = this.groupingLabels();
        else if (!this.startsExpression()) this.unexpected('grouping opts', '"("');
      }
    }
    return { matching: { card, matchingLabels, on, include }, returnBool };
  }

  /** `(a, b,)` after by/without/on/ignoring/group_x. */
  private groupingLabels(): string[] {
    const context = 'grouping opts';
    this.expect('LEFT_PAREN', context, '"("');
    const labels: string[] = [];
    if (this.is('RIGHT_PAREN')) {
      this.next();
      return labels;
    }
    for (;;) {
      const token = this.peek();
      // Prometheus 3 "UTF-8 names": a label may be a quoted string, `by ("a.b")`.
      const quoted = this.version === '3' && token.kind === 'STRING';
      const isLabelToken =
        quoted ||
        token.kind === 'IDENTIFIER' ||
        token.kind === 'METRIC_IDENTIFIER' ||
        ((token.kind === 'KEYWORD' || token.kind === 'OP') && keywordLabels.has(token.text));
      if (!isLabelToken) this.unexpected(context, 'label');
      if (token.kind === 'METRIC_IDENTIFIER') this.unexpected(context, 'label');
      this.next();
      labels.push(quoted ? unquoteString(token.text) : this.text.slice(token.start, token.end));
      if (this.is('RIGHT_PAREN')) break;
      this.expect('COMMA', context, '"," or ")"');
      if (this.is('RIGHT_PAREN')) break;
    }
    this.next();
    return labels;
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.kind === 'OP' && (token.text === '+' || token.text === '-')) {
      this.next();
      const operand = this.expression(unaryOperandPrecedence);
      if (operand.type === 'NumberLiteral') {
        return { ...operand, value: token.text === '-' ? -operand.value : operand.value, start: token.start };
      }
      return { type: 'UnaryExpr', op: token.text, expr: operand, start: token.start, end: operand.end };
    }
    return this.postfix(this.primary());
  }

  /** Range, subquery, offset and @ bind tighter than any operator. */
  private postfix(initial: Expr): Expr {
    let expr = initial;
    for (;;) {
      if (this.is('LEFT_BRACKET')) expr = this.rangeOrSubquery(expr);
      else if (this.is('KEYWORD', 'offset')) expr = this.offset(expr);
      else if (this.is('AT')) expr = this.at(expr);
      else return expr;
    }
  }

  private duration(token: Token): number {
    const parsed = parseDuration(token.text);
    if (!parsed.ok) {
      this.report(parsed.message, token.start, token.end);
      return 0;
    }
    if (parsed.ms === 0) this.report('duration must be greater than 0', token.start, token.end);
    return parsed.ms;
  }

  private rangeOrSubquery(expr: Expr): Expr {
    const open = this.next();
    if (!this.is('DURATION')) this.unexpected('subquery selector', 'duration');
    const rangeMs = this.duration(this.next());
    if (this.is('RIGHT_BRACKET')) {
      const close = this.next();
      if (expr.type !== 'VectorSelector') {
        this.report('ranges only allowed for vector selectors', open.start, close.end);
        return expr;
      }
      if (expr.offsetMs !== 0) this.report('no offset modifiers allowed before range', open.start, close.end);
      if (expr.at !== null) this.report('no @ modifiers allowed before range', open.start, close.end);
      return { type: 'MatrixSelector', vectorSelector: expr, rangeMs, start: expr.start, end: close.end };
    }
    if (!this.is('COLON')) this.unexpected('subquery or range', '":" or "]"');
    this.next();
    let stepMs = 0;
    if (this.is('DURATION')) {
      stepMs = this.duration(this.next());
      if (!this.is('RIGHT_BRACKET')) this.unexpected('subquery selector', '"]"');
    } else if (!this.is('RIGHT_BRACKET')) {
      this.unexpected('subquery selector', 'duration or "]"');
    }
    const close = this.next();
    return {
      type: 'SubqueryExpr',
      expr,
      rangeMs,
      stepMs,
      offsetMs: 0,
      at: null,
      start: expr.start,
      end: close.end,
    };
  }

  private offset(expr: Expr): Expr {
    this.next();
    let sign = 1;
    if (this.is('OP', '-')) {
      this.next();
      sign = -1;
    }
    if (!this.is('DURATION')) this.unexpected('offset', 'duration');
    const token = this.next();
    const offsetMs = sign * this.duration(token);
    const target = this.modifierTarget(expr, 'offset modifier');
    if (target === null) return expr;
    if (target.offsetMs !== 0) {
      this.report('offset may not be set multiple times', expr.start, expr.end);
      return expr;
    }
    return this.withModifier(expr, { offsetMs }, token.end);
  }

  private at(expr: Expr): Expr {
    this.next();
    let at: AtModifier;
    let end: number;
    const token = this.peek();
    if (token.kind === 'KEYWORD' && (token.text === 'start' || token.text === 'end')) {
      this.next();
      this.expect('LEFT_PAREN', '@', 'timestamp');
      end = this.expect('RIGHT_PAREN', '@', 'timestamp').end;
      at = { kind: token.text };
    } else {
      let sign = 1;
      if (this.is('OP', '-') || this.is('OP', '+')) sign = this.next().text === '-' ? -1 : 1;
      if (!this.is('NUMBER')) this.unexpected('@', 'timestamp');
      const numberToken = this.next();
      const seconds = sign * this.numberValue(numberToken);
      end = numberToken.end;
      if (!Number.isFinite(seconds) || seconds >= 2 ** 63 || seconds <= -(2 ** 63)) {
        this.report(`timestamp out of bounds for @ modifier: ${goFixed6(seconds)}`, expr.start, expr.end);
      }
      at = { kind: 'timestamp', ms: Math.round(seconds * 1000) };
    }
    const target = this.modifierTarget(expr, '@ modifier');
    if (target === null) return expr;
    if (target.at !== null) {
      this.report('@ <timestamp> may not be set multiple times', expr.start, expr.end);
      return expr;
    }
    return this.withModifier(expr, { at }, end);
  }

  /** The node that carries offset/@ for `expr`, or null (with an error) when it can carry none. */
  private modifierTarget(expr: Expr, what: string): { offsetMs: number; at: AtModifier | null } | null {
    if (expr.type === 'VectorSelector' || expr.type === 'SubqueryExpr') return expr;
    if (expr.type === 'MatrixSelector') return expr.vectorSelector;
    this.report(
      `${what} must be preceded by an instant vector selector or range vector selector or a subquery`,
      expr.start,
      expr.end,
    );
    return null;
  }

  private withModifier(expr: Expr, change: { offsetMs: number } | { at: AtModifier }, end: number): Expr {
    if (expr.type === 'VectorSelector' || expr.type === 'SubqueryExpr') return { ...expr, ...change, end };
    if (expr.type === 'MatrixSelector') {
      return { ...expr, vectorSelector: { ...expr.vectorSelector, ...change }, end };
    }
    return expr;
  }

  private numberValue(token: Token): number {
    const parsed = parseNumberLiteral(token.text);
    if (parsed.ok) return parsed.value;
    this.report(parsed.message, token.start, token.end);
    return 0;
  }

  private primary(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'NUMBER':
        this.next();
        return { type: 'NumberLiteral', value: this.numberValue(token), start: token.start, end: token.end };
      case 'STRING':
        this.next();
        return {
          type: 'StringLiteral',
          value: unquoteString(token.text),
          start: token.start,
          end: token.end,
        };
      case 'LEFT_PAREN': {
        this.next();
        const inner = this.expression(0);
        const close = this.expect('RIGHT_PAREN');
        return { type: 'ParenExpr', expr: inner, start: token.start, end: close.end };
      }
      case 'LEFT_BRACE':
        return this.selector(null);
      case 'IDENTIFIER':
        if (this.peekAt(1)?.kind === 'LEFT_PAREN') return this.call();
        this.next();
        return this.selector(token);
      case 'METRIC_IDENTIFIER':
        this.next();
        return this.selector(token);
      case 'KEYWORD':
      case 'OP':
        if (aggregators.has(token.text) && this.startsAggregation()) return this.aggregation();
        if (keywordMetricNames.has(token.text)) {
          this.next();
          return this.selector(token);
        }
        return this.unexpected();
      default:
        return this.unexpected();
    }
  }

  /** Whether the current token can begin an expression. */
  private startsExpression(): boolean {
    const token = this.peek();
    switch (token.kind) {
      case 'NUMBER':
      case 'STRING':
      case 'LEFT_PAREN':
      case 'LEFT_BRACE':
      case 'IDENTIFIER':
      case 'METRIC_IDENTIFIER':
        return true;
      case 'OP':
        return token.text === '+' || token.text === '-' || keywordMetricNames.has(token.text);
      case 'KEYWORD':
        return keywordMetricNames.has(token.text);
      default:
        return false;
    }
  }

  private startsAggregation(): boolean {
    const after = this.peekAt(1);
    return (
      after !== undefined &&
      (after.kind === 'LEFT_PAREN' ||
        (after.kind === 'KEYWORD' && (after.text === 'by' || after.text === 'without')))
    );
  }

  private selector(nameToken: Token | null): VectorSelector {
    let name = nameToken === null ? '' : this.text.slice(nameToken.start, nameToken.end);
    const matchers: LabelMatcher[] = [];
    let start = nameToken?.start ?? this.peek().start;
    let end = nameToken?.end ?? start;
    if (this.is('LEFT_BRACE')) {
      const open = this.next();
      if (nameToken === null) start = open.start;
      const inBraces = this.labelMatchers(matchers);
      end = inBraces.end;
      if (inBraces.name !== null) {
        if (name !== '')
          this.report(
            `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(inBraces.name.value)}`,
            inBraces.name.start,
            inBraces.name.end,
          );
        else name = inBraces.name.value;
      }
    }
    if (name !== '') matchers.push({ name: '__name__', type: '=', value: name });
    return { type: 'VectorSelector', name, matchers, offsetMs: 0, at: null, start, end };
  }

  /**
   * Parses matchers after `{`; returns the end offset of `}` and, in 3.x, a metric name written as
   * a lone quoted string (`{"my.metric", "a.b"="x"}`: Prometheus 3 "UTF-8 names").
   */
  private labelMatchers(into: LabelMatcher[]): {
    end: number;
    name: { value: string; start: number; end: number } | null;
  } {
    const context = 'label matching';
    let name: { value: string; start: number; end: number } | null = null;
    for (;;) {
      if (this.is('RIGHT_BRACE')) return { end: this.next().end, name };
      const label = this.matcherName(context);
      const opToken = this.peek();
      if (label.quoted && (opToken.kind === 'COMMA' || opToken.kind === 'RIGHT_BRACE')) {
        if (name !== null)
          this.report(
            `metric name must not be set twice: ${JSON.stringify(name.value)} or ${JSON.stringify(label.text)}`,
            label.start,
            label.end,
          );
        else name = { value: label.text, start: label.start, end: label.end };
      } else {
        let type: MatchType;
        if (opToken.kind === 'EQL') type = '=';
        else if (opToken.kind === 'EQL_REGEX') type = '=~';
        else if (opToken.kind === 'NEQ_REGEX') type = '!~';
        else if (opToken.kind === 'OP' && opToken.text === '!=') type = '!=';
        else return this.unexpected(context, 'label matching operator');
        this.next();
        const valueToken = this.expect('STRING', context, 'string');
        const value = unquoteString(valueToken.text);
        if (type === '=~' || type === '!~') {
          const problem = compileMatcherRegex(value).error;
          if (problem !== null) this.report(problem, label.start, valueToken.end);
        }
        into.push({ name: label.text, type, value });
      }
      if (this.is('RIGHT_BRACE')) return { end: this.next().end, name };
      this.expect('COMMA', context, '"," or "}"');
    }
  }

  /** A label name: an identifier, or in 3.x also a quoted string. */
  private matcherName(context: string): { text: string; quoted: boolean; start: number; end: number } {
    if (this.version === '3' && this.is('STRING')) {
      const token = this.next();
      return { text: unquoteString(token.text), quoted: true, start: token.start, end: token.end };
    }
    const token = this.expect('IDENTIFIER', context, 'identifier or "}"');
    return { text: token.text, quoted: false, start: token.start, end: token.end };
  }

  /** `(arg, ...)`; a trailing comma is reported but parsing goes on, as in Prometheus. */
  private callArguments(): { args: Expr[]; end: number } {
    this.expect('LEFT_PAREN');
    const args: Expr[] = [];
    if (this.is('RIGHT_PAREN')) return { args, end: this.next().end };
    for (;;) {
      args.push(this.expression(0));
      if (this.is('RIGHT_PAREN')) return { args, end: this.next().end };
      const comma = this.expect('COMMA');
      if (this.is('ERROR')) this.unexpected();
      if (!this.startsExpression()) {
        // Prometheus reduces `args ,` as a trailing comma before it looks further.
        this.report('trailing commas not allowed in function call args', comma.start, comma.end);
        return { args, end: this.expect('RIGHT_PAREN').end };
      }
    }
  }

  private call(): Expr {
    const name = this.next();
    const { args, end } = this.callArguments();
    // Like Prometheus, an unknown function is a parse error, found once its arguments parsed.
    const found = lookupFunction(name.text, this.version);
    if (!found.ok) this.report(found.message, name.start, name.end);
    return { type: 'Call', func: name.text, args, start: name.start, end };
  }

  private aggregation(): Expr {
    const opToken = this.next();
    const op = opToken.text as AggregateOp;
    this.aggregationDepth++;
    let grouping: string[] = [];
    let without = false;
    let modifierSeen = false;
    if (this.is('KEYWORD', 'by') || this.is('KEYWORD', 'without')) {
      without = this.next().text === 'without';
      grouping = this.groupingLabels();
      modifierSeen = true;
    }
    const { args, end: argsEnd } = this.callArguments();
    this.aggregationDepth--;
    // Prometheus looks one token ahead for a trailing by/without; a lexer error there comes first.
    if (!modifierSeen && this.is('ERROR')) this.unexpected();
    let end = argsEnd;
    if (!modifierSeen && (this.is('KEYWORD', 'by') || this.is('KEYWORD', 'without'))) {
      without = this.next().text === 'without';
      grouping = this.groupingLabels();
      end = this.tokens[this.index - 1]?.end ?? end;
    }
    const start = opToken.start;
    const withParam = aggregatorsWithParam.has(op);
    const wanted = withParam ? 2 : 1;
    let param: Expr | null = null;
    let expr: Expr = { type: 'NumberLiteral', value: 0, start, end };
    if (args.length === 0) {
      this.report('no arguments for aggregate expression provided', start, end);
    } else if (args.length !== wanted) {
      this.report(
        `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`,
        start,
        end,
      );
    } else {
      param = withParam ? (args[0] ?? null) : null;
      expr = args[wanted - 1] ?? expr;
    }
    return { type: 'AggregateExpr', op, expr, param, grouping, without, start, end };
  }
}

/** How Prometheus names a token in "unexpected ..." messages. */
function describe(token: Token): string {
  switch (token.kind) {
    case 'EOF':
      return 'end of input';
    case 'IDENTIFIER':
      return `identifier ${JSON.stringify(token.text)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${JSON.stringify(token.text)}`;
    case 'NUMBER':
      return `number ${shortQuote(token.text)}`;
    case 'DURATION':
      return `duration ${shortQuote(token.text)}`;
    case 'STRING':
      return `string ${shortQuote(token.text)}`;
    case 'KEYWORD':
      if (token.text === 'start' || token.text === 'end') return JSON.stringify(token.text);
      return aggregators.has(token.text) ? `<aggr:${token.text}>` : `<${token.text}>`;
    case 'OP':
      return wordOperators.has(token.text) || token.text !== '' ? `<op:${token.text}>` : '';
    case 'AT':
      return '<op:@>';
    case 'EQL':
      return '"="';
    case 'EQL_REGEX':
      return '<op:=~>';
    case 'NEQ_REGEX':
      return '<op:!~>';
    default:
      return JSON.stringify(token.text);
  }
}

/** Go's `%.10q...` for long token values, `%q` otherwise. */
function shortQuote(text: string): string {
  return text.length > 10 ? `${JSON.stringify(text.slice(0, 10))}...` : JSON.stringify(text);
}

/** Syntax and parse-time checks only; types are checked by `checkTypes`. */
export function parseSyntax(text: string, version: PromVersion = '2.42'): SyntaxResult {
  const parser = new Parser(text, version);
  try {
    const expr = parser.parseAll();
    return { expr, errors: parser.errors };
  } catch (stop) {
    if (stop instanceof SyntaxStop) return { expr: null, errors: [...parser.errors, stop.error] };
    // The nesting bound keeps the stack small; should a caller be deep already, still answer.
    if (stop instanceof RangeError) return { expr: null, errors: [promqlError(text, tooDeep, 0, 0)] };
    throw stop;
  }
}
