// The type checker recurses on shallow trees and loops below a depth: both ways report the same
// errors in the same order, and a very deep tree checks without overflowing the stack.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/promql/ast.ts';
import { checkTypes } from '../../src/promql/check.ts';
import * as q from '../../src/promql/construct.ts';
import { parseSyntax } from '../../src/promql/parser.ts';

const fixtures = readFileSync(path.join(import.meta.dirname, 'fixtures/tricky-expressions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as string);

/** Type errors at several depths: nested unary minus over a range vector, calls of the wrong arity. */
const handMade = [
  'rate(foo) + sum(bar[5m]) - -(baz[1m]) * histogram_quantile(0.9)',
  'sum by (a) (count_values(1, foo)) and on(b) group_left(b) 1',
  `${'-('.repeat(40)}foo[5m]${')'.repeat(40)} + ${'abs('.repeat(30)}time() == time()${')'.repeat(30)}`,
  `${'sum('.repeat(60)}rate(x)${')'.repeat(60)} or vector(1) + label_join(foo, "a")`,
];

describe('checkTypes by recursion and by loop', () => {
  for (const version of ['2.42', '3'] as const) {
    it(`reports the same as the loop alone (${version})`, () => {
      let compared = 0;
      for (const text of [...fixtures, ...handMade]) {
        const syntax = parseSyntax(text, version);
        if (syntax.expr === null || syntax.errors.length > 0) continue;
        compared++;
        const loop = checkTypes(text, syntax.expr, version, 0);
        expect(checkTypes(text, syntax.expr, version)).toEqual(loop);
        expect(checkTypes(text, syntax.expr, version, 5)).toEqual(loop);
      }
      expect(compared).toBeGreaterThan(20);
    });
  }

  it('checks a tree far deeper than the recursion limit', () => {
    // Built rather than parsed (the parser bounds nesting): a left-nested chain with a range vector
    // and a call of the wrong arity at its bottom.
    let expr: Expr = q.binary('+', q.range(q.selector('foo'), '5m'), q.call('rate', []));
    for (let i = 0; i < 20_000; i++) expr = q.binary(i % 2 === 0 ? '-' : '*', expr, q.selector('bar'));
    const checked = checkTypes('', expr, '2.42');
    expect(checked.errors.length).toBeGreaterThan(1);
    expect(checked).toEqual(checkTypes('', expr, '2.42', 0));
  });
});
