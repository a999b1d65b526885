// A tree obsgen built is checked without a parse; one that fails reports what its printed text's parse reports.
import { describe, expect, it } from 'vitest';
import * as q from '../../src/promql/construct.ts';
import { checkBuilt, parse, printExpr } from '../../src/promql/index.ts';

describe('checkBuilt', () => {
  it('accepts a well-typed tree as it is, without printing it', () => {
    const tree = q.aggregate('sum', q.rate(q.selector('http_requests_total'), '5m'));
    const result = checkBuilt(tree, () => {
      throw new Error('printed a valid tree');
    });
    expect(result).toEqual({ ok: true, expr: tree, type: 'vector' });
  });

  it.each([
    ['a range function of an instant vector', q.call('rate', [q.selector('up')])],
    [
      'an aggregation of a string',
      q.aggregate('sum', { type: 'StringLiteral', value: 'x', start: 0, end: 0 }),
    ],
  ])('reports %s as its text parses', (_, tree) => {
    const result = checkBuilt(tree, () => printExpr(tree));
    expect(result.ok).toBe(false);
    expect(result).toEqual(parse(printExpr(tree), { cache: false }));
  });
});
