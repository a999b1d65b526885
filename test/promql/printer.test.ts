// The printer's contract: parse(print(x)) equals x (source ranges aside), for generated well-typed
// trees and for every valid expression of the corpus; plus quoting and duration formatting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  AtModifier,
  BinaryOp,
  Expr,
  LabelMatcher,
  VectorMatching,
  VectorSelector,
} from '../../src/promql/ast.ts';
import * as q from '../../src/promql/construct.ts';
import { formatDuration, parse, printExpr, quoteLabelValue } from '../../src/promql/index.ts';
import { needsParens } from '../../src/promql/printer.ts';
import { corpus } from '../support/tools.ts';

/** The tree without source ranges, for comparison. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'start' && key !== 'end')
        .map(([key, inner]) => [key, shape(inner)]),
    );
  }
  return value;
}

function reparse(expr: Expr): Expr {
  const text = printExpr(expr);
  const result = parse(text);
  if (!result.ok)
    throw new Error(`printed ${JSON.stringify(text)} does not parse: ${result.errors[0]?.message}`);
  return result.expr;
}

// ------------------------------------------------------------------ generators of well-typed trees
const r = { start: 0, end: 0 };
const metricNames = ['foo', 'http_requests_total', 'job:rate5m:sum', 'up', 'x_bucket'];
const labelNames = ['job', 'instance', 'le', 'code', 'by', 'and', 'on'];
const regexes = ['.*', 'a|b', '5..', '[a-z]+', '(?i)get', ''];

const labelValue = fc.string({ unit: 'grapheme', maxLength: 8 });
const duration = fc.integer({ min: 1, max: 400 * 24 * 3600 * 1000 });
const smallDuration = fc.oneof(fc.constantFrom(1000, 60_000, 300_000, 3_600_000), duration);

const matcherArb: fc.Arbitrary<LabelMatcher> = fc.oneof(
  fc.record({
    name: fc.constantFrom(...labelNames),
    type: fc.constantFrom('=' as const, '!=' as const),
    value: labelValue,
  }),
  fc.record({
    name: fc.constantFrom(...labelNames),
    type: fc.constantFrom('=~' as const, '!~' as const),
    value: fc.constantFrom(...regexes),
  }),
);

const atArb: fc.Arbitrary<AtModifier | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1e12, max: 1e12 }).map((ms) => ({ kind: 'timestamp' as const, ms })),
  fc.constant({ kind: 'start' as const }),
  fc.constant({ kind: 'end' as const }),
);
const offsetArb = fc.oneof(
  fc.constant(0),
  duration,
  duration.map((d) => -d),
);

const selectorArb: fc.Arbitrary<VectorSelector> = fc
  .record({
    name: fc.constantFrom(...metricNames),
    matchers: fc.array(matcherArb, { maxLength: 3 }),
    offsetMs: offsetArb,
    at: atArb,
  })
  .map(({ name, matchers, offsetMs, at }) => ({
    type: 'VectorSelector',
    name,
    matchers: [...matchers, { name: '__name__', type: '=', value: name }],
    offsetMs,
    at,
    ...r,
  }));

function withParens(parent: Expr, child: Expr, position: 'lhs' | 'rhs' | 'operand' | 'postfix'): Expr {
  return needsParens(parent, child, position) ? { type: 'ParenExpr', expr: child, ...r } : child;
}

function binaryOf(op: BinaryOp, lhs: Expr, rhs: Expr, matching: VectorMatching, returnBool: boolean): Expr {
  const draft: Expr = { type: 'BinaryExpr', op, lhs, rhs, matching, returnBool, ...r };
  return { ...draft, lhs: withParens(draft, lhs, 'lhs'), rhs: withParens(draft, rhs, 'rhs') };
}

const plain: VectorMatching = { card: 'one-to-one', matchingLabels: [], on: false, include: [] };
const arithmetic = ['+', '-', '*', '/', '%', '^', 'atan2'] as const;
const comparisons = ['==', '!=', '>', '<', '>=', '<='] as const;

const vectorMatchingArb: fc.Arbitrary<VectorMatching> = fc.oneof(
  fc.constant(plain),
  fc
    .record({
      card: fc.constantFrom('one-to-one' as const, 'many-to-one' as const, 'one-to-many' as const),
      matchingLabels: fc.uniqueArray(fc.constantFrom('job', 'instance'), { maxLength: 2 }),
      on: fc.boolean(),
      include: fc.uniqueArray(fc.constantFrom('code', 'le'), { maxLength: 2 }),
    })
    .map((m) => (m.card === 'one-to-one' ? { ...m, include: [] } : m)),
);

const { vector, scalar } = fc.letrec<{ vector: Expr; scalar: Expr; matrix: Expr }>((tie) => ({
  vector: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selectorArb,
    fc
      .record({
        op: fc.constantFrom('sum', 'avg', 'max', 'count', 'group', 'stddev'),
        expr: tie('vector'),
        grouping: fc.uniqueArray(fc.constantFrom(...labelNames), { maxLength: 2 }),
        without: fc.boolean(),
      })
      .map(
        ({ op, expr, grouping, without }): Expr => ({
          type: 'AggregateExpr',
          op: op as 'sum',
          expr,
          param: null,
          grouping,
          without,
          ...r,
        }),
      ),
    fc.record({ k: tie('scalar'), expr: tie('vector') }).map(
      ({ k, expr }): Expr => ({
        type: 'AggregateExpr',
        op: 'topk',
        expr,
        param: k,
        grouping: [],
        without: false,
        ...r,
      }),
    ),
    tie('matrix').map((m): Expr => ({ type: 'Call', func: 'rate', args: [m], ...r })),
    tie('vector').map((v): Expr => ({ type: 'Call', func: 'abs', args: [v], ...r })),
    fc
      .record({ q: tie('scalar'), v: tie('vector') })
      .map(({ q, v }): Expr => ({ type: 'Call', func: 'histogram_quantile', args: [q, v], ...r })),
    fc
      .record({
        op: fc.constantFrom(...arithmetic),
        lhs: tie('vector'),
        rhs: tie('vector'),
        m: vectorMatchingArb,
      })
      .map(({ op, lhs, rhs, m }) => binaryOf(op, lhs, rhs, m, false)),
    fc
      .record({
        op: fc.constantFrom('and' as const, 'or' as const, 'unless' as const),
        lhs: tie('vector'),
        rhs: tie('vector'),
        on: fc.boolean(),
      })
      .map(({ op, lhs, rhs, on }) =>
        binaryOf(
          op,
          lhs,
          rhs,
          { card: 'many-to-many', matchingLabels: on ? ['job'] : [], on, include: [] },
          false,
        ),
      ),
    fc
      .record({
        op: fc.constantFrom(...comparisons),
        lhs: tie('vector'),
        rhs: tie('scalar'),
        bool: fc.boolean(),
      })
      .map(({ op, lhs, rhs, bool }) => binaryOf(op, lhs, rhs, plain, bool)),
    fc
      .record({ op: fc.constantFrom(...arithmetic), lhs: tie('scalar'), rhs: tie('vector') })
      .map(({ op, lhs, rhs }) => binaryOf(op, lhs, rhs, plain, false)),
    fc.record({ op: fc.constantFrom('-' as const, '+' as const), v: tie('vector') }).map(({ op, v }) => {
      const draft: Expr = { type: 'UnaryExpr', op, expr: v, ...r };
      return { ...draft, expr: withParens(draft, v, 'operand') };
    }),
    tie('vector').map((v): Expr => ({ type: 'ParenExpr', expr: v, ...r })),
  ),
  scalar: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double().map((value): Expr => ({ type: 'NumberLiteral', value, ...r })),
    fc.constant<Expr>({ type: 'Call', func: 'time', args: [], ...r }),
    tie('vector').map((v): Expr => ({ type: 'Call', func: 'scalar', args: [v], ...r })),
    fc
      .record({ op: fc.constantFrom(...arithmetic), lhs: tie('scalar'), rhs: tie('scalar') })
      .map(({ op, lhs, rhs }) => binaryOf(op, lhs, rhs, plain, false)),
    fc
      .record({ op: fc.constantFrom(...comparisons), lhs: tie('scalar'), rhs: tie('scalar') })
      .map(({ op, lhs, rhs }) => binaryOf(op, lhs, rhs, plain, true)),
    tie('scalar').map((s): Expr => ({ type: 'ParenExpr', expr: s, ...r })),
  ),
  matrix: fc.oneof(
    fc
      .record({ vs: selectorArb, rangeMs: smallDuration })
      .map(({ vs, rangeMs }): Expr => ({ type: 'MatrixSelector', vectorSelector: vs, rangeMs, ...r })),
    fc
      .record({
        v: tie('vector'),
        rangeMs: smallDuration,
        stepMs: fc.oneof(fc.constant(0), smallDuration),
        offsetMs: offsetArb,
        at: atArb,
      })
      .map(({ v, rangeMs, stepMs, offsetMs, at }) => {
        const draft: Expr = { type: 'SubqueryExpr', expr: v, rangeMs, stepMs, offsetMs, at, ...r };
        return { ...draft, expr: withParens(draft, v, 'postfix') };
      }),
  ),
}));

describe('printExpr', () => {
  it('prints generated vector expressions so that they parse back to the same tree', () => {
    fc.assert(
      fc.property(vector, (expr) => {
        expect(shape(reparse(expr))).toEqual(shape(expr));
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('prints generated scalar expressions so that they parse back to the same tree', () => {
    fc.assert(
      fc.property(scalar, (expr) => {
        expect(shape(reparse(expr))).toEqual(shape(expr));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  const promql = corpus('promql');
  it.skipIf(!promql.path)('round-trips every valid expression of the corpus', () => {
    const file = path.join(promql.path ?? '', 'parser-cases.jsonl');
    const cases = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { expr: string; valid: boolean });
    let checked = 0;
    for (const c of cases) {
      const first = parse(c.expr);
      if (!first.ok) continue;
      expect(shape(reparse(first.expr)), c.expr).toEqual(shape(first.expr));
      checked++;
    }
    expect(checked).toBeGreaterThan(130);
  });

  it('prints canonical text', () => {
    const cases: [string, string][] = [
      ['sum(rate(foo{job="a"}[5m])) by (job)', 'sum by (job) (rate(foo{job="a"}[5m]))'],
      ['foo offset 90m', 'foo offset 1h30m'],
      ['foo @ 1603774568 offset -5m', 'foo @ 1603774568 offset -5m'],
      ['a + on(b) group_left(c) d', 'a + on(b) group_left(c) d'],
      ['-1 ^ 2', '-1 ^ 2'],
      ['(-1) ^ 2', '(-1) ^ 2'],
      ["'it\\'s'", '"it\'s"'],
      ['{__name__="x", a=~"b"}', '{__name__="x", a=~"b"}'],
      ['foo{a="\\x41"}', 'foo{a="A"}'],
      ['topk(3, foo)', 'topk(3, foo)'],
      ['0x10 + 010 + Inf', '16 + 8 + Inf'],
      ['foo[1h:]', 'foo[1h:]'],
    ];
    for (const [input, printed] of cases) {
      const result = parse(input);
      if (!result.ok) throw new Error(`${input}: ${result.errors[0]?.message}`);
      expect(printExpr(result.expr), input).toBe(printed);
    }
  });
});

describe('Grafana range variables', () => {
  const foo = q.selector('foo', [q.eq('job', 'a"b')]);

  it('prints constructed duration ranges as before, parsing back to the same tree', () => {
    const built = q.rate({ ...foo, offsetMs: 3_600_000 }, '5m');
    expect(printExpr(built)).toBe('rate(foo{job="a\\"b"}[5m] offset 1h)');
    expect(shape(reparse(built))).toEqual(shape(built));
  });

  it('prints the variable verbatim in the range position, before the modifiers', () => {
    expect(printExpr(q.call('rate', [q.rangeVar(foo, '$__rate_interval')]))).toBe(
      'rate(foo{job="a\\"b"}[$__rate_interval])',
    );
    expect(printExpr(q.rangeVar({ ...q.selector('up'), offsetMs: 86_400_000 }, '$__range'))).toBe(
      'up[$__range] offset 1d',
    );
    expect(printExpr(q.rangeVar(q.selector('up'), '$__interval'))).toBe('up[$__interval]');
  });

  it('means the query Grafana sends once it puts a duration in place of the variable', () => {
    const text = printExpr(q.call('increase', [q.rangeVar(foo, '$__rate_interval')]));
    const resolved = parse(text.replace('$__rate_interval', '2m'));
    if (!resolved.ok) throw new Error(resolved.errors[0]?.message);
    expect(shape(resolved.expr)).toEqual(shape(q.rangeCall('increase', foo, '2m')));
  });

  it('never comes out of the parser', () => {
    const parsed = parse('foo[5m]');
    expect(parsed.ok && parsed.expr.type === 'MatrixSelector' && 'rangeVariable' in parsed.expr).toBe(false);
    expect(parse('foo[$__rate_interval]').ok).toBe(false);
  });
});

describe('quoteLabelValue', () => {
  it('quotes like Go strconv.Quote', () => {
    expect(quoteLabelValue('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteLabelValue('line\nnext\ttab')).toBe('"line\\nnext\\ttab"');
    expect(quoteLabelValue('\u0000\u007f')).toBe('"\\x00\\x7f"');
    expect(quoteLabelValue('héllo ☺')).toBe('"héllo ☺"');
    expect(quoteLabelValue('\u00a0\u200b')).toBe('"\\u00a0\\u200b"');
  });

  it('gives a string literal that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (value) => {
        const result = parse(`foo{a=${quoteLabelValue(value)}}`);
        expect(
          result.ok && result.expr.type === 'VectorSelector' ? result.expr.matchers[0]?.value : null,
        ).toBe(value);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('formatDuration', () => {
  it('prints Prometheus durations', () => {
    expect(formatDuration(90 * 60_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(1500)).toBe('1s500ms');
    expect(formatDuration(90 * 86_400_000)).toBe('90d');
    expect(formatDuration(14 * 86_400_000)).toBe('2w');
    expect(formatDuration(365 * 86_400_000)).toBe('1y');
  });
});
