// Catalog problem positions read from the js-yaml tree (no positional parse) are the ones the
// positional Document gives: every value and key path of real and awkward catalogs, and paths that
// run past what exists (which fall back to the nearest ancestor).
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { rootStartWithoutKey } from '../../src/catalog/root-keys.ts';
import { parseYamlSource, positionOfPath, type ValuePath } from '../../src/catalog/source.ts';

function paths(value: unknown, prefix: ValuePath = []): ValuePath[] {
  const own = [prefix, [...prefix, 'missing'], [...prefix, 0]];
  if (Array.isArray(value)) return [...own, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object')
    return [...own, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return own;
}

const awkward = [
  '# a comment first\nteams:\n  payments: {receivers: {chat: {slack: {channel: "#p"}}}}\nservices:\n  api:\n    team: payments\n    notes: |\n      two\n      lines\n    "quoted key": 1\n    1.0: number key\n    empty:\n    list:\n      - a\n      - {b: c}\n',
  'teams:\r\n  a:\r\n    receivers: {}\r\nservices:\r\n  x:\r\n    team: a\r\n',
  '---\nservices:\n  x: >-\n    folded\n    text\n  y: [1, 2, {z: 3}]\n',
  'services:\n  x: &anchor {team: a}\n  y: *anchor\n',
  // The root-key scan's cases: markers, comments, keys it must not read as text.
  '--- # the catalog\n\n# teams first\nteams: {}\nservices:\n  x:\n    secret: missing-slack\n',
  '"missing": 1\nteams: {}\n',
  '? missing\n: 1\nteams: {}\n',
  'teams: &t {}\n<<: {missing: 1}\n',
  '  teams: {}\n  services: {}\n',
  '- missing\n- teams\n',
  'teams: "a\n  missing: b"\n',
  'missingness: 1\n',
];

const files = ['catalog.yaml', 'test/catalog/fixtures/base.yaml', 'test/catalog/fixtures/every-problem.yaml'];

describe('catalog positions without the positional parse', () => {
  it('a plain catalog answers from the js-yaml tree', () => {
    const source = parseYamlSource('catalog.yaml', readFileSync('catalog.yaml', 'utf8'));
    expect(source.fastPosition?.(['services'], 'key')).toMatchObject({ file: 'catalog.yaml', column: 1 });
  });

  const texts = [...files.map((f) => readFileSync(f, 'utf8')), ...awkward];
  it.each(texts.map((text, i) => [i, text]))(
    'text %i: every path lands where the Document says',
    (_, text) => {
      const value = load(text, { schema: CORE_SCHEMA });
      for (const target of ['value', 'key'] as const) {
        const fast = parseYamlSource('catalog.yaml', text);
        const positional = parseYamlSource('catalog.yaml', text);
        void positional.document; // parsed first: the Document answers
        for (const path of paths(value))
          expect(positionOfPath(fast, path, target), JSON.stringify(path)).toEqual(
            positionOfPath(positional, path, target),
          );
      }
    },
  );

  it.each([
    ['a key only in values', 'teams:\n  a: {secret: alertmanager-slack}\n', 0],
    ['after a marker and comments', '---\n# c\n\nteams: {}\n', 9],
    ['the key at column 0', 'teams: {}\nalertmanager: {}\n', null],
    ['a key it starts', 'alertmanagers: 1\n', null],
    ['a quoted key', '"alertmanager": 1\n', null],
    ['an explicit key', '? alertmanager\n: 1\n', null],
    ['a merge key', 'a: 1\n<<: {alertmanager: 1}\n', null],
    ['a second document', 'a: 1\n---\nb: 2\n', null],
    ['content after the marker', '--- {a: 1}\n', null],
    ['an indented root', '  a: 1\n', null],
    ['a root list', '- a\n', null],
    ['CRLF line breaks', 'a: 1\r\n', null],
    ['tabs', 'a:\t1\n', null],
    ['an empty document', '# only a comment\n', null],
  ])('the root-key scan: %s', (_, text, expected) => {
    expect(rootStartWithoutKey(text, 'alertmanager')).toBe(expected);
  });

  it('keys the core schema resolves apart from their text are left to the parse', () => {
    expect(rootStartWithoutKey('True: 1\n', 'true')).toBeNull();
    expect(rootStartWithoutKey('a: 1\n', '0x10')).toBeNull();
  });

  it('a missing top-level key is placed without building the js-yaml tree, where the Document places it', () => {
    const text = readFileSync('catalog.yaml', 'utf8').replace(/^alertmanager:/m, 'amSettings:');
    const fast = parseYamlSource('catalog.yaml', text);
    const positional = parseYamlSource('catalog.yaml', text);
    void positional.document;
    expect(rootStartWithoutKey(text, 'alertmanager')).not.toBeNull();
    expect(positionOfPath(fast, ['alertmanager'])).toEqual(positionOfPath(positional, ['alertmanager']));
  });
});
