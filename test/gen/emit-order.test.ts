// The order map keys are written in: the in-place ordering gives exactly the plain sort's answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitOrder, leadingKeys } from '../../src/emit/yaml.ts';
import type { YamlValue } from '../../src/emit/yaml-writer.ts';

/** The definition: keys sorted by leading rank then code units, integer-like keys moved first. */
function sortedOrder(map: Record<string, YamlValue>): string[] {
  const rank = (key: string) => {
    const index = leadingKeys.indexOf(key);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const isArrayIndex = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
  const keys = Object.keys(map)
    .filter((key) => map[key] !== undefined)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((key) => !isArrayIndex(key))];
}

function mapOf(entries: readonly (readonly [string, YamlValue])[]): Record<string, YamlValue> {
  const map: Record<string, YamlValue> = {};
  for (const [key, value] of entries) map[key] = value;
  return map;
}

describe('emitOrder', () => {
  it.each([
    ['empty', {}, []],
    ['plain keys sorted', { b: 1, a: 2, c: 3 }, ['a', 'b', 'c']],
    [
      'leading keys first, in their order',
      { spec: 1, zz: 2, kind: 3, apiVersion: 4 },
      ['apiVersion', 'kind', 'spec', 'zz'],
    ],
    ['undefined values left out', { a: undefined, kind: undefined, b: 1 }, ['b']],
    [
      'integer-like keys first, numerically',
      { b: 1, '10': 2, '9': 3, kind: 4, '01': 5, '4294967295': 6, '4294967294': 7 },
      ['9', '10', '4294967294', 'kind', '01', '4294967295', 'b'],
    ],
    ['upper case before lower case', { b: 1, B: 2, _: 3, a: 4 }, ['B', '_', 'a', 'b']],
  ])('%s', (_, map, expected) => {
    expect(emitOrder(map)).toEqual(expected);
    expect(emitOrder(map)).toEqual(sortedOrder(map));
  });

  it('agrees with the plain sort on large maps', () => {
    const entries = Array.from({ length: 200 }, (_, i) => [`k${(i * 7919) % 200}`, i] as const);
    const map = mapOf([...entries, ['labels', 1], ['3', 2], ['name', 3]]);
    expect(emitOrder(map)).toEqual(sortedOrder(map));
  });

  it('agrees with the plain sort on random key sets (property)', () => {
    const key = fc.oneof(
      fc.constantFrom(...leadingKeys),
      fc.string({ maxLength: 4 }),
      fc.nat().map(String),
      fc.constantFrom('0', '00', '01', '4294967294', '4294967295', '-1', '1.5', '1e3'),
      fc.string({ unit: fc.constantFrom('a', 'B', '0', '9', '_', '-'), maxLength: 3 }),
    );
    const value = fc.oneof(fc.integer(), fc.constant(undefined), fc.string());
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 40 }), (entries) => {
        const map = mapOf(entries);
        expect(emitOrder(map)).toEqual(sortedOrder(map));
      }),
      { numRuns: 2000 },
    );
  });
});
