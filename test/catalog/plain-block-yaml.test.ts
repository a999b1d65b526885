// The plain block YAML reader gives what js-yaml gives, or nothing: on hand-written documents of
// every construct it reads (and many it leaves to js-yaml), and on thousands of small edits of a
// synthetic catalog, none of which may read differently or read where js-yaml refuses.
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '../../bench/gen.ts';
import { readPlainBlockYaml } from '../../src/yaml/block-yaml.ts';

function jsYaml(text: string): { value: unknown } | { error: string } {
  try {
    return { value: load(text, { schema: CORE_SCHEMA }) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Read by the fast path, with js-yaml's value. */
const read = [
  'a: 1\n',
  'a: 1',
  '# first\n\na: b # trailing\n  # indented comment\nc: d#not-a-comment\n',
  'a:\n  b:\n    c: x\n  d: y\ne: z\n',
  'a:\n- x\n- y\nb: 1\n',
  'a:\n  - x\n  -   y\n  - n: 1\n    m: 2\n  -\n  - # note\n    k: v\n',
  'a:\n  -\n    - 1\n    - 2\n  - 3\n',
  'list:\n- n: 1\n  more:\n  - x\n  m: 2\n- n: 3\n',
  'empty:\nnext:\n  deeper:\nlast:\n',
  '1: one\n0x10: hex\n1.50: float\ntrue: yes\n~: tilde\n-0: zero\n.inf: inf\n',
  'x: a{b}[c],d\ny: http://host:9090/path?q=1\nz: -dash\nq: ?mark\n',
  [
    '~',
    'null',
    'Null',
    'NULL',
    'true',
    'False',
    'TRUE',
    '0',
    '-0',
    '+1',
    '007',
    '0o17',
    '0x1F',
    '0b101',
    '1e3',
    '-.5',
    '.inf',
    '-.Inf',
    '.NaN',
    '1_000',
    '12:30',
    '0x',
    '1e',
    '+',
    '.',
  ]
    .map((v, i) => `k${i}: ${v}\n`)
    .join(''),
  "q: \"double # not a comment\"\nr: 'single ''quoted'''\ns: \"\"\nt: ''\nu: \"x\" # comment\n",
  'key with spaces: value with spaces   \nunicode: h\u00e9llo \u2028 there\n',
  'a:\n  b: 1\n\n\n  c: 2\n',
  '# a bell \x07 in a comment\nemoji: \u{1f600} "\u{1f600}" \'\u{1f600}\'\nnel: a\x85b\n',
];

/** Left to js-yaml: flow collections, block scalars, anchors, tags, escapes, and every error. */
const leftToJsYaml = [
  'a: [1, 2]\n',
  'a: {b: 1}\n',
  'a: |\n  text\n',
  'a: >\n  text\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: "esc\\n"\n',
  'a: "multi\n  line"\n',
  'a: plain\n  continued\n',
  'a: 1\na: 2\n',
  '__proto__: 1\n',
  '? a\n: b\n',
  '"quoted": key\n',
  '- root\n- sequence\n',
  '  indented: root\n',
  '---\na: 1\n',
  'a: 1\n...\n',
  'a: 1\n---\nb: 2\n',
  'a:\tb\n',
  'a: 1\r\n',
  '\ufeffa: 1\n',
  'a: \x07\n',
  'a: "\x07"\n',
  "a: '\x1f'\n",
  '\x07: a\n',
  'a: \x9f\n',
  'a: \ud800\n',
  'a: x\udc00\n',
  'a: \ufffe\n',
  'a: 1 # \0\n',
  'a: b: c\n',
  'a: - b\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n  b: 1\n    c: 2\n',
  'a:\n  - x\n   - y\n',
  'a:\n  value on its own line\n',
  '- - nested\n',
  'a: "x"y\n',
  'a: "x"#y\n',
  'a:b\n',
  '',
  '# only a comment\n',
  '%YAML 1.2\n---\na: 1\n',
];

describe('plain block YAML', () => {
  it.each(read)('reads %j as js-yaml does', (text) => {
    const fast = readPlainBlockYaml(text);
    expect(fast).not.toBeNull();
    expect(jsYaml(text)).toEqual({ value: fast?.value });
  });

  it.each(leftToJsYaml)('leaves %j to js-yaml', (text) => {
    expect(readPlainBlockYaml(text)).toBeNull();
  });

  it('reads the synthetic catalogs', () => {
    for (const slos of [false, true]) {
      const text = syntheticCatalog(20, {
        slos,
        settings: { target: 'thanos', aggregationLabels: ['cluster'] },
      });
      expect(readPlainBlockYaml(text)?.value).toEqual(load(text, { schema: CORE_SCHEMA }));
    }
  });

  it('never reads an edited catalog differently from js-yaml', () => {
    const base = syntheticCatalog(3, { slos: true });
    const pieces = [
      ' ',
      '\n',
      ':',
      ': ',
      '- ',
      '-',
      '#',
      ' #',
      '"',
      "'",
      '~',
      'true',
      '0x1F',
      '1e3',
      '.inf',
      '[',
      '{',
      '&a',
      '*a',
      '!t',
      '|',
      '?',
      '%',
      ',',
      '__proto__',
      '\\',
      '\t',
      '\r',
      '---',
      '\u00e9',
      '\x07',
      '-0',
      'k: v\n',
      '\n  ',
      '\n    ',
      '\n- ',
      '\n  - ',
    ];
    let seed = 12345;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % below;
    };
    let readFast = 0;
    for (let round = 0; round < 3000; round++) {
      let text = base;
      for (let edit = random(3); edit >= 0; edit--) {
        const at = random(text.length);
        const piece = pieces[random(pieces.length)] ?? '';
        const kind = random(3);
        if (kind === 0) text = text.slice(0, at) + text.slice(at + 1 + random(4));
        else if (kind === 1) text = text.slice(0, at) + piece + text.slice(at);
        else text = text.slice(0, at) + piece + text.slice(at + piece.length);
      }
      const fast = readPlainBlockYaml(text);
      if (!fast) continue;
      readFast++;
      expect(jsYaml(text), JSON.stringify(text)).toEqual({ value: fast.value });
    }
    expect(readFast).toBeGreaterThan(500);
  });
});
