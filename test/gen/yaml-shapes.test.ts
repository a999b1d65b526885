// Files written once per shape: the text from a shape's template is byte for byte the text the
// writer gives each file, over arbitrary files of one shape whose strings vary (plain or quoted,
// multi-line, looking like the markers) and over files of several shapes in one run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toYamlDocuments, type YamlOptions } from '../../src/emit/yaml.ts';
import { shapedYamlDocuments, yamlCaches } from '../../src/emit/yaml-shapes.ts';

const word = fc.oneof(
  fc.constantFrom(
    '',
    'svc-1',
    'payments',
    'sum(rate(x{a="b"}[5m])) > 0.1',
    'name: with colon',
    'say "hi"',
    'yes',
    '1.5',
    'two\nlines',
    'ends\n',
    '\u0007',
    '\u2028',
    'é',
    '_obsgen~leaf~0~',
    '_obsgen~leaf~1~ and more',
  ),
  fc.string({ maxLength: 4, unit: 'binary' }),
);

/** A file's documents: nested maps and lists of strings, numbers, booleans, nulls and undefined. */
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    word,
    fc.constantFrom(0, 1.5, -1, true, false, null, undefined),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('name', 'expr', 'labels', 'a', 'b', '2', '10'), tie('node'), {
      maxKeys: 4,
    }),
  ),
})).node;

/** `value` with each string put through `rename`: the same shape, other strings. */
function renamed(value: unknown, rename: (text: string, index: number) => string): unknown {
  let index = 0;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return rename(v, index++);
    if (Array.isArray(v)) return v.map(visit);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([key, child]) => [key, visit(child)]));
  };
  return visit(value);
}

const optionSets: readonly YamlOptions[] = [{}, { keepKeyOrder: true }, { header: false, depth: 1 }];

describe('shapedYamlDocuments', () => {
  it('gives the writer’s text for every file of a run (property)', () => {
    const renames = fc.array(fc.array(word, { maxLength: 12 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 3 }),
        renames,
        fc.nat(2),
        (documents, words, o) => {
          const options = optionSets[o] ?? {};
          const caches = yamlCaches();
          // The first file, then files of its shape that keep some strings and change others.
          const files = [
            documents,
            ...words.map((list) => renamed(documents, (text, i) => list[i] ?? text) as unknown[]),
            documents,
          ];
          for (const file of files)
            expect(shapedYamlDocuments(file, options, caches)).toBe(toYamlDocuments(file, options));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps files of other shapes and options apart', () => {
    const caches = yamlCaches();
    const files: unknown[][] = [];
    for (let i = 0; i < 6; i++) {
      files.push([{ name: `svc-${i}`, rules: [{ record: `r${i}`, expr: `x{a="${i}"}` }] }]);
      files.push([{ name: `svc-${i}`, rules: [{ record: `r${i}`, expr: `x{a="${i}"}`, for: '5m' }] }]);
      files.push([{ name: `svc-${i}`, rules: [] }]);
      files.push([{ name: `svc-${i}`, rules: { record: `r${i}` } }]);
    }
    for (const file of files)
      for (const options of optionSets)
        expect(shapedYamlDocuments(file, options, caches)).toBe(toYamlDocuments(file, options));
  });

  it('gives the writer’s text when a leaf its first two files shared differs in later ones', () => {
    const caches = yamlCaches();
    // Two files of one service (same name), then other services' files, each differing in more leaves.
    const file = (service: string, slo: string, team: string) => [
      { name: `${service}-${slo}`, labels: { service, slo, team }, expr: `x{service="${service}"}` },
    ];
    const files = [
      file('a', 'availability', 't1'),
      file('a', 'latency', 't1'),
      file('b', 'availability', 't1'),
      file('c', 'latency', 't2'),
      file('d', 'availability', 't3'),
      file('e', 'latency', 't4'),
      file('f', 'availability', 't5'),
    ];
    for (const documents of files)
      expect(shapedYamlDocuments(documents, {}, caches)).toBe(toYamlDocuments(documents, {}));
  });

  it('writes a file with a multi-line string where its shape had a one-line one', () => {
    const caches = yamlCaches();
    const files = ['one', 'two', 'three\nlines', 'four'].map((text) => [{ items: [{ description: text }] }]);
    for (const file of files) expect(shapedYamlDocuments(file, {}, caches)).toBe(toYamlDocuments(file, {}));
  });
});
