// The tests generator keeps the label values it guesses for a list of matchers once a run: for any
// matchers, asked in any order and more than once, the kept answer is labelsFor's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelGuesses, labelsFor } from '../../src/artifacts/tests/series.ts';
import type { LabelMatcher } from '../../src/promql/ast.ts';

const matcher: fc.Arbitrary<LabelMatcher> = fc.record({
  name: fc.constantFrom('code', 'method', '__name__', 'le', 'a:b'),
  type: fc.constantFrom('=', '!=', '=~', '!~'),
  value: fc.constantFrom('', '5..', '500', 'GET|POST', 'error', '2.*', 'a', '1:2'),
}) as fc.Arbitrary<LabelMatcher>;

const query = fc.record({
  include: fc.array(matcher, { maxLength: 3 }),
  exclude: fc.array(matcher, { maxLength: 2 }),
});

describe('LabelGuesses', () => {
  it('answers as labelsFor does, on any base labels', () => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 12 }),
        fc.dictionary(fc.constantFrom('job', 'code', 'service'), fc.string()),
        (queries, base) => {
          const guesses = new LabelGuesses();
          for (const { include, exclude } of [...queries, ...queries])
            expect(guesses.labelsFor(base, include, exclude)).toEqual(labelsFor(base, include, exclude));
        },
      ),
    );
  });
});
