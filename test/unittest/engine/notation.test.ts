import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeriesLabels, parseSeriesValues } from '../../../src/unittest/notation.ts';

function values(text: string) {
  const r = parseSeriesValues(text);
  if (!r.ok) throw new Error(`${r.error.message} at ${r.error.column}`);
  return r.values;
}

describe('series values notation (promtool 2.42)', () => {
  it.each([
    ['1 2 3', [1, 2, 3]],
    ['1+2x3', [1, 3, 5, 7]],
    ['10-2x2', [10, 8, 6]],
    ['5x2', [5, 5, 5]],
    ['_', [null]],
    ['_x3', [null, null, null]],
    ['1 _ stale 4', [1, null, 'stale', 4]],
    ['1e3 2.5E-1 .5', [1000, 0.25, 0.5]],
    ['-1 +2', [-1, 2]],
    ['Inf -Inf', [Infinity, -Infinity]],
    ['1+1x2 _x2 9x1', [1, 2, 3, null, null, 9, 9]],
    ['  1   2  ', [1, 2]],
    ['', []],
  ])('%s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('reads NaN', () => {
    const v = values('NaN nan');
    expect(v.every((x) => typeof x === 'number' && Number.isNaN(x))).toBe(true);
  });

  it('accumulates the increment in floating point, as promtool does', () => {
    const v = values('0+0.1x10');
    let acc = 0;
    const expected = [];
    for (let i = 0; i <= 10; i++) {
      expected.push(acc);
      acc += 0.1;
    }
    expect(v).toEqual(expected);
    // 0 + 10 * 0.1 would be exactly 1; accumulation gives 0.9999999999999999.
    expect(v[10]).toBe(0.9999999999999999);
  });

  it.each([
    ['1 abc', 3],
    ['1+x3', 3],
    ['1x', 3],
    ['1+2', 4],
    ['1 # 2', 3],
    ['1x2.5', 3],
    ['12a', 1],
  ])('rejects %s with the column of the problem', (text, column) => {
    const r = parseSeriesValues(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.column).toBe(column);
  });
});

describe('series labels', () => {
  it('reads a name and labels', () => {
    const r = parseSeriesLabels('up{job="api", instance=\'a:1\'}');
    expect(r).toEqual({
      ok: true,
      labels: [
        { name: '__name__', value: 'up' },
        { name: 'instance', value: 'a:1' },
        { name: 'job', value: 'api' },
      ],
    });
  });

  it('reads escapes, a bare name, labels only and a trailing comma', () => {
    expect(parseSeriesLabels('m{a="x\\"y\\n"}')).toMatchObject({
      ok: true,
      labels: [{ name: '__name__' }, { value: 'x"y\n' }],
    });
    expect(parseSeriesLabels('job:rate5m')).toMatchObject({
      ok: true,
      labels: [{ name: '__name__', value: 'job:rate5m' }],
    });
    expect(parseSeriesLabels('{__name__="x", a="b",}')).toMatchObject({
      ok: true,
      labels: [{ value: 'x' }, { value: 'b' }],
    });
  });

  it.each([
    ['up{job=~"a"}', 7],
    ['up{job="a"', 11],
    ['up{1a="b"}', 4],
    ['up x', 4],
  ])('rejects %s at column %i', (text, column) => {
    const r = parseSeriesLabels(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.column).toBe(column);
  });
});

describe('plain number lists (the fast path of series values)', () => {
  /** What a list of plain numbers means: split on blanks, each token through Number(). */
  const PLAIN = /^[+-]?(?:\d+\.\d*|\.\d+|[1-9]\d*|0)(?:[eE][+-]?\d+)?$/;
  const asNumbers = (text: string): number[] | null => {
    const parts = text.trim().split(/\s+/);
    return parts.every((p) => PLAIN.test(p)) ? parts.map(Number) : null;
  };
  const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{0,${max}}$`));
  const token = fc.oneof(
    fc
      .tuple(fc.constantFrom('', '-', '+'), digits(12), fc.boolean(), digits(12))
      .map(([sign, int, dot, fraction]) => `${sign}${int}${dot ? '.' : ''}${dot ? fraction : ''}`),
    fc.double({ noNaN: true }).map(String),
    fc.constantFrom(
      '0',
      '-0',
      '-0.0',
      '00.5',
      '01',
      '5.',
      '.5',
      '.',
      '-',
      '1e3',
      '9007199254740993',
      '0.1',
      '1_0',
    ),
  );
  const blank = fc.constantFrom(' ', '  ', '\t', '\n', ' \r\n ', '\u00a0', '\u3000');

  it('reads every list exactly as Number() reads each token, -0 and rounding included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(token, blank), { minLength: 1, maxLength: 8 }), (pairs) => {
        const text = pairs.map(([t, b]) => `${t}${b}`).join('');
        const expected = asNumbers(text);
        if (expected === null || text.trim() === '') return;
        const r = parseSeriesValues(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.values.length).toBe(expected.length);
        r.values.forEach((v, i) => {
          expect(Object.is(v, expected[i]), `${text}: ${String(v)} vs ${String(expected[i])}`).toBe(true);
        });
      }),
      { numRuns: 3000 },
    );
  });
});
