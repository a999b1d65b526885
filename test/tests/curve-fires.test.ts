// A curve answers whether its alert fires from how long the condition has held, counted once; it
// must agree with the rules' semantics (minutes.ts firesAt walking back through the minutes) for
// every minute and every `for`, whole or a fraction of a minute.
import { describe, expect, it } from 'vitest';
import { curve } from '../../src/artifacts/tests/cases/scenario.ts';
import { firesAt } from '../../src/artifacts/tests/minutes.ts';

/** Conditions that hold in runs of different lengths, from minute 0 or later, with gaps. */
const patterns: readonly string[] = [
  '',
  'x',
  '.x',
  'xxxxxxxxxxxxxxxxxxxx',
  '..xxxxx.xxxxxxxxxxx..x',
  'xxx...xxxxxxxxxxxx.xx',
  '.x.x.x.xxxxxx',
  '......xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
];

describe('curve firesAt', () => {
  for (const pattern of patterns)
    it(`agrees with firesAt on "${pattern}"`, () => {
      const value = (t: number): number | null => (pattern[t] === 'x' ? t + 1 : null);
      const c = curve(pattern.length, [], value, () => false);
      for (const forMinutes of [0, 0.5, 1, 1.5, 2, 3, 5, 10, 12.25, 30])
        for (let t = -1; t <= pattern.length + 1; t++)
          expect(c.firesAt(forMinutes, t), `for ${forMinutes} at ${t}`).toBe(firesAt(value, forMinutes, t));
    });
});
