// Built rules list their labels and annotations in code unit order, whatever order they were set in
// and however many there are: exactly the object made from a sort of the entries (integer-like keys
// still come first, as JavaScript lists them).
import { describe, expect, it } from 'vitest';
import { AlertRuleBuilder, RecordingRuleBuilder } from '../../src/artifacts/rules/builders.ts';

const sortedEntries = (record: Record<string, string>) =>
  Object.entries(Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/** Names in a scrambled order: upper and lower case, underscores, digits, integer-like keys. */
function names(count: number): string[] {
  const all = Array.from({ length: count }, (_, i) => [`b${i}`, `A_${i}`, `_x${i}`, `${i * 7}`][i % 4] ?? '');
  return all.map((_, i) => all[(i * 5) % count] ?? '');
}

describe('rule builders sort labels and annotations', () => {
  for (const count of [0, 1, 2, 5, 24, 25, 60])
    it(`with ${count} of them`, () => {
      const alert = new AlertRuleBuilder('Some', 'up == 0');
      const record = new RecordingRuleBuilder('a:b', 'up');
      for (const name of names(count)) {
        alert.label(name, `l-${name}`).annotation(name, `a-${name}`);
        record.label(name, `r-${name}`);
      }
      const built = alert.build();
      expect(Object.entries(built.labels)).toEqual(sortedEntries(built.labels));
      expect(Object.entries(built.annotations)).toEqual(sortedEntries(built.annotations));
      expect(Object.keys(built.labels).length).toBe(new Set(names(count)).size);
      expect(Object.entries(record.build().labels)).toEqual(sortedEntries(record.build().labels));
    });
});
