// The pieces every dashboard query check shares: the selectors of a parsed query, in order, and the
// text a query becomes once its Grafana variables are replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorSelectors } from '../../src/artifacts/dashboards/validate.ts';
import { substituteByPattern, substituteVariables } from '../../src/artifacts/dashboards/variables.ts';
import { parse } from '../../src/promql/index.ts';

describe('vectorSelectors', () => {
  it.each([
    ['1', []],
    ['a', ['a']],
    ['rate(a[5m]) / on (x) group_left b', ['a', 'b']],
    ['topk(scalar(k), -(c offset 1m)) or max_over_time(d[1h:1m])', ['c', 'k', 'd']],
    ['label_replace(e, "x", "$1", "y", "(.*)") > bool f', ['e', 'f']],
  ])('%s selects %j', (text, names) => {
    const parsed = parse(text);
    if (!parsed.ok) throw new Error(`does not parse: ${text}`);
    expect(vectorSelectors(parsed.expr).map((s) => s.name)).toEqual(names);
  });
});

describe('substituteVariables', () => {
  it('writes a duration inside a range and a value anywhere else', () => {
    expect(substituteVariables('rate(x{a="$v"}[$w]) [ $v', new Set(['v'])).text).toBe(
      'rate(x{a="value"}[5m]) [ value',
    );
    expect(substituteVariables('[$v', new Set()).text).toBe('[5m');
    expect(substituteVariables('$v[5m]', new Set()).text).toBe('value[5m]');
  });

  it('substitutes what the pattern does, by the short way for queries with only $__rate_interval', () => {
    const query = fc
      .array(
        fc.constantFrom(
          'rate(x[',
          '$__rate_interval',
          '$__rate_intervals',
          '$__rate_interval1',
          '${__rate_interval}',
          '${v:$__rate_interval]}',
          '[[v]]',
          '[[',
          '$v',
          '$',
          '])',
          ' ',
          '{',
          'a',
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(query, fc.boolean(), (text, knowsV) => {
        const known = new Set(knowsV ? ['v'] : []);
        expect(substituteVariables(text, known)).toEqual(substituteByPattern(text, known));
      }),
      { numRuns: 1000 },
    );
  });
});
