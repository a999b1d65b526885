// The YAML writer: every value reads back as itself, in the YAML library and in promtool's reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { indent } from '../../src/emit/rules.ts';
import { toYamlDocuments } from '../../src/emit/yaml.ts';
import { canBePlain, LineStarts, plainAscii, writeYaml, type YamlValue } from '../../src/emit/yaml-writer.ts';
import { writeYamlByLines } from './yaml-writer-lines.ts';

/** Nested lists and maps (up to 4 entries each) of `leaf` values under `key` keys. */
function yamlTree(key: fc.Arbitrary<string>, leaf: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    ),
  })).tree;
}

describe('writeYaml', () => {
  it.each([
    [
      'plain',
      { a: 'sum by (service) (rate(x{a="b"}[5m])) > 0.1' },
      'a: sum by (service) (rate(x{a="b"}[5m])) > 0.1\n',
    ],
    [
      'number-like strings are quoted',
      { a: '1', b: '1.5', c: '0x1f', d: '17:00' },
      'a: "1"\nb: "1.5"\nc: "0x1f"\nd: "17:00"\n',
    ],
    [
      'YAML 1.1 booleans are quoted',
      { a: 'yes', b: 'off', c: 'y', d: 'true' },
      'a: "yes"\nb: "off"\nc: "y"\nd: "true"\n',
    ],
    ['templates start with a flow indicator', { a: '{{ $value }} is high' }, 'a: "{{ $value }} is high"\n'],
    ['double quotes inside', { a: 'it is "x": yes' }, 'a: \'it is "x": yes\'\n'],
    ['multi-line', { a: 'line one\n  line two' }, 'a: |-\n  line one\n    line two\n'],
    [
      'lists of maps',
      { g: [{ name: 'a', rules: [{ record: 'r', expr: 'x' }] }] },
      'g:\n  - name: a\n    rules:\n      - record: r\n        expr: x\n',
    ],
    ['empty collections', { a: [], b: {} }, 'a: []\nb: {}\n'],
  ])('%s', (_, value, expected) => {
    expect(writeYaml(value)).toBe(expected);
    expect(parse(writeYaml(value))).toEqual(value);
  });

  it('reads back every JSON-like value (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 8 });
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const value = yamlTree(key, leaf);
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (doc) => {
        expect(parse(writeYaml(doc as YamlValue))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 500 },
    );
  });

  it('writes a string plain by the one-pass test only where the full test would (property)', () => {
    const alphabet = [...'aynoTFlueNs_($/-.:# 0159x\t{}"\'~+!*\n'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((chars) => chars.join(''));
    const words = fc.constantFrom(
      'null',
      'No',
      'y',
      'off',
      'TRUE',
      '-.inf',
      '.nan',
      'a: b',
      'a #b',
      'a:',
      'a ',
      '2024-01-02x',
      '1:30',
      '0o17',
      '1_000',
      '1e5',
      '5m',
      '0+1x3',
    );
    fc.assert(
      fc.property(fc.oneof(text, words), (value) => {
        if (plainAscii(value)) expect(canBePlain(value)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  describe('writes what the line-by-line writer wrote', () => {
    const key = fc.oneof(
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.constantFrom('name', 'a b', '- x', '1', 'y'),
    );
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('a\nb', 'a\n', 'a\n\n', '\nx', ' x\ny', 'x\n\ny\n', 'yes', '1', 'it is "x"', "it's"),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.double(),
    );
    const value = yamlTree(key, leaf);

    it.each([
      ['nested lists', [[['a', { b: 1, c: [] }], []], { d: [[{}]] }]],
      ['literal blocks in items', { a: ['x\ny', { b: 'p\n\nq\n' }], c: [['m\nn']] }],
      ['a scalar document', 'x\ny'],
    ])('%s', (_, doc) => {
      expect(writeYaml(doc as YamlValue)).toBe(writeYamlByLines(doc as YamlValue));
    });

    it('on random values (property)', () => {
      fc.assert(
        fc.property(value, (doc) => {
          expect(writeYaml(doc as YamlValue)).toBe(writeYamlByLines(doc as YamlValue));
        }),
        { numRuns: 5000 },
      );
    });

    it('a document `depth` levels deep is the depth-0 text indented (property)', () => {
      const lineStarts = new LineStarts();
      fc.assert(
        fc.property(value, fc.integer({ min: 1, max: 3 }), (doc, depth) => {
          const options = { header: false, keepKeyOrder: true, lineStarts } as const;
          const deep = toYamlDocuments([doc], { ...options, depth });
          expect(deep).toBe(indent(toYamlDocuments([doc], options), '  '.repeat(depth)));
        }),
        { numRuns: 2000 },
      );
    });

    it('with line starts shared between files (property)', () => {
      const lineStarts = new LineStarts();
      fc.assert(
        fc.property(fc.array(value, { maxLength: 3 }), (docs) => {
          const expected = docs.map((doc) => writeYamlByLines(doc as YamlValue)).join('---\n');
          const options = { header: false, keepKeyOrder: true } as const;
          expect(toYamlDocuments(docs, { ...options, lineStarts })).toBe(expected);
          expect(toYamlDocuments(docs, options)).toBe(expected);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
