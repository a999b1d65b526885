// The routes generator hands emit its AlertmanagerConfigs uncopied when they are plain data (their
// shared spec too), and as JSON gives them back otherwise, so the written file is the same either way.
import { describe, expect, it } from 'vitest';
import { emittable } from '../../src/artifacts/routes/emittable.ts';
import { toYamlDocuments } from '../../src/emit/yaml.ts';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('emittable', () => {
  it('returns plain data itself, shared objects and undefined values included', () => {
    const spec = { route: { receiver: 'chat', groupWait: undefined }, receivers: [{ name: 'chat' }, null] };
    const objects = [
      { metadata: { namespace: 'a' }, spec },
      { metadata: { namespace: 'b' }, spec },
    ];
    expect(emittable(objects)).toBe(objects);
    expect(toYamlDocuments(objects)).toBe(toYamlDocuments(roundTrip(objects) as unknown[]));
  });

  it.each([
    ['a non-finite number', { max: Number.POSITIVE_INFINITY }],
    ['NaN', [Number.NaN]],
    ['a class instance', { at: new Date(0) }],
    ['a toJSON', { value: { toJSON: () => 'x' } }],
    ['a function', { f: () => 1 }],
    ['a Map', { m: new Map([['a', 1]]) }],
  ])('copies a value holding %s as JSON does', (_, value) => {
    const got = emittable(value);
    expect(got).not.toBe(value);
    expect(got).toEqual(roundTrip(value));
  });

  it('throws on a cycle, as JSON does', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => emittable(cyclic)).toThrow();
  });
});
