// Rule files embed each serialized group at a depth: the line-by-line indent must match the
// multiline-regex definition (a prefix before every non-empty line) on any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indent } from '../../src/emit/rules.ts';

const byRegex = (text: string, prefix: string) => text.replace(/^(?=.)/gm, prefix);

describe('indent', () => {
  it.each([
    ['', ''],
    ['a', '  a'],
    ['a\n', '  a\n'],
    ['a\n\nb\n', '  a\n\n  b\n'],
    ['\n\na', '\n\n  a'],
  ])('%j', (text, expected) => {
    expect(indent(text, '  ')).toBe(expected);
  });

  it('agrees with the multiline regex (property)', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\u2028', 'b: c'), { maxLength: 12 });
    fc.assert(
      fc.property(
        text.map((parts) => parts.join('')),
        fc.constantFrom('  ', '    '),
        (value, prefix) => {
          expect(indent(value, prefix)).toBe(byRegex(value, prefix));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
