// The RegExp fast path for simple matcher patterns (src/promql/re2.ts) must accept exactly the strings
// RE2 accepts, and only patterns RE2 compiles: generated patterns over the subset's pieces (and a few
// that leave it) against generated label values, with newlines, carriage returns, U+2028 and astral
// characters where `.` differs between the two engines if nothing is done about it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcherRegex } from '../../src/promql/matchers.ts';
import { isSimplePattern, re2, simpleAnchored } from '../../src/promql/re2.ts';

const pieces = [
  'a',
  'b',
  '5',
  '-',
  '_',
  ':',
  ' ',
  '.',
  '*',
  '+',
  '?',
  '|',
  '(',
  ')',
  '[ab]',
  '[^a]',
  '[0-9]',
  '[a-]',
  '[z-a]',
  '[]',
  '{2}',
  '\\d',
  '(?i)',
  '^',
  '$',
  '"',
];
const values = [
  '',
  'a',
  'b',
  'ab',
  'ba',
  '5',
  '55',
  '-',
  '\n',
  '\r',
  '\u2028',
  'a\nb',
  'a\rb',
  '😀',
  'a😀',
  ' ',
  '"',
];

const pattern = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((parts) => parts.join(''));
const value = fc.array(fc.constantFrom(...values), { maxLength: 3 }).map((parts) => parts.join(''));

function re2Compiles(anchored: string): boolean {
  try {
    re2().compile(anchored);
    return true;
  } catch {
    return false;
  }
}

describe('simple matcher patterns without RE2', () => {
  it.each([false, true])('agrees with RE2 on every generated pattern and value (dotAll %s)', (dotAll) => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        const fast = simpleAnchored(p, dotAll);
        if (fast === null) return;
        const anchored = dotAll ? `^(?s:${p})$` : `^(?:${p})$`;
        expect(re2Compiles(anchored), `RE2 rejects ${JSON.stringify(p)}`).toBe(true);
        expect(fast.matches(v), `${JSON.stringify(p)} on ${JSON.stringify(v)}`).toBe(
          re2().compile(anchored).matches(v),
        );
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['5..', true],
    ['GET|POST', true],
    ['api-.*', true],
    ['[45]..', true],
    ['(a|b)+', true],
    ['\\d+', false],
    ['a{2}', false],
    ['(?i)get', false],
    ['^a$', false],
    ['[]a]', false],
  ])('%s is simple: %s', (p, simple) => {
    expect(isSimplePattern(p)).toBe(simple);
  });

  it("reports RE2's own message for a pattern the fast path rejects", () => {
    expect(compileMatcherRegex('a**').error).toBe(
      (() => {
        try {
          re2().compile('^(?:a**)$');
          return null;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      })(),
    );
  });
});
