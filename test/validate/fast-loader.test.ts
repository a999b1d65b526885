// The js-yaml fast path of the rule-file loader gives exactly what the positional `yaml` parse gives:
// same rules, and the same file:line:col for every target and every offset inside every scalar style.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isScalar, type ScalarTag, Schema } from 'yaml';
import { syntheticRuleFile } from '../../bench/lint.ts';
import type { SourcePosition } from '../../src/problem.ts';
import { sortProblems } from '../../src/problem.ts';
import { resolvePlain } from '../../src/rulefile/fast-yaml.ts';
import {
  type LoadedRule,
  type LoadedRuleFile,
  loadRuleText,
  loadRuleTextFast,
  loadRuleTextPositional,
  type Target,
} from '../../src/rulefile/load.ts';
import { lintRules, lintRuleText } from '../../src/validate/lint.ts';
import { seededRandom } from '../support/random.ts';
import { corpus } from '../support/tools.ts';

const root = path.resolve(import.meta.dirname, '../..');

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}

const rule = (body: string): string => `groups:\n- name: g\n  rules:\n  - alert: A\n${body}`;

/** Valid rule files in every scalar style and shape the fast path reads itself. */
const styles: [string, string][] = [
  ['plain', rule('    expr: sum(rate(x[5m])) > 1\n    labels: {severity: warning}\n')],
  ['plain multi-line', rule('    expr: sum(rate(x[5m]))\n      >\n      1\n')],
  ['plain, blank line, comment after', rule('    expr: sum(rate(x[5m]))\n\n      > 1   # why\n')],
  ['double-quoted with escapes', rule('    expr: "sum(x{a=\\"\\u00e9\\"})\\\n      > 1 \\t"\n')],
  ['double-quoted folded', rule('    expr: "sum(x)\n\n      > 1"\n')],
  ['single-quoted', rule("    expr: 'sum(x{a=\"it''s\"})\n      > 1'\n")],
  ['literal block', rule('    expr: |\n      sum(\n        rate(x[5m])\n      ) > 1\n    for: 5m\n')],
  ['literal block, strip', rule('    expr: |-\n      sum(x)\n        > 1\n\n\n    for: 5m\n')],
  ['literal block, no final newline', rule('    expr: |\n      sum(x) > 1')],
  ['literal block with header comment', rule('    expr: | # a+b\n      sum(x) > 1\n    for: 5m\n')],
  ['literal block, explicit indent', rule('    expr: |2\n        sum(x) > 1\n')],
  ['literal block, comment line after', rule('    expr: |\n      sum(x) > 1\n  # note\n    for: 5m\n')],
  ['folded block', rule('    expr: >\n      sum(x)\n        > 1\n      and y\n\n      or z\n')],
  ['folded block, strip', rule('    expr: >-\n      sum(x)\n      > 1\n      \n')],
  ['empty block scalar', rule('    expr: x\n    annotations:\n      summary: |\n\n    for: 1m\n')],
  ['CRLF', rule('    expr: |\n      sum(x)\n      > 1\n    labels:\n      a: "b"\n').replace(/\n/g, '\r\n')],
  [
    'labels and annotations in every style',
    rule(
      '    expr: x\n    labels:\n      severity: critical\n      team: "a\\tb"\n      "quoted": x\n' +
        '    annotations:\n      summary: >\n        {{ $labels.job }}\n        is down\n' +
        "      description: 'it''s {{ $value }}'\n      runbook_url: https://x/y#z\n",
    ),
  ],
  [
    'values the core schema resolves',
    rule(
      '    expr: x\n    labels: {a: 1.0, b: 0x1F, c: true, d: ~, e: .inf, f: 1e3, g: 0o17, h: -0, i: null, j: "1.0"}\n',
    ),
  ],
  ['empty values', rule('    expr: x\n    labels:\n      a:\n      b: ""\n    annotations: {summary: }\n')],
  [
    'PrometheusRule, several documents',
    'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n' +
      'spec:\n  groups:\n    - name: g\n      interval: 30s\n      rules:\n        - record: a:b\n          expr: |\n' +
      '            sum(x)\n# between\n---\n# only a comment\n---\ngroups:\n- name: h\n  rules: [{alert: B, expr: "up == 0"}]\n',
  ],
  [
    'flow rules over lines',
    'groups:\n- {name: g, rules: [\n    {alert: A, expr: "up\n      == 0", labels: {s: x}}]}\n',
  ],
  [
    "flow map closed at its key's indentation",
    rule('    expr: x\n    labels: {\n      a: b,\n      c: d,\n    }\n'),
  ],
  [
    "flow sequence of rules closed at its key's indentation",
    'groups:\n- name: g\n  rules: [\n    {alert: A, expr: x}\n  ]\n',
  ],
  ['tab after a value', rule('    expr: up == 0\t\n    for: 1m\n')],
];

/** Files the fast path leaves to the positional parse; loadRuleText still gives the positional result. */
const positionalOnly: [string, string][] = [
  ['anchors and aliases', rule('    expr: &e up == 0\n  - alert: B\n    expr: *e\n')],
  ['literal block, keep', rule('    expr: |+\n      sum(x) > 1\n\n  \n    for: 5m\n')],
  ['literal block, keep, at the end', rule('    expr: |+\n      sum(x) > 1\n\n')],
  ['tabs in indentation', rule('    expr: x\n    labels:\n    \t  a: b\n')],
  ['a lone CR', rule('    expr: x\r    for: 1m\n')],
  ['a line of a flow scalar not indented past its key', rule("    expr: 'up\n    == 0'\n")],
  ['a line of a flow map not indented past its key', rule('    expr: x\n    labels: {a: b,\n    c: d}\n')],
  ['a %YAML 1.1 directive', `%YAML 1.1\n---\n${rule('    expr: x\n    labels: {a: yes}\n')}`],
  ['an implicit key over 1024 characters', rule(`    expr: x\n    labels:\n      ${'k'.repeat(1100)}: v\n`)],
  ['tags', rule('    expr: !!str up == 0\n')],
  ['keys the core schema makes equal', rule('    expr: x\n    labels: {1: a, 01: b}\n')],
  ['BOM', `\ufeff${rule('    expr: up == 0\n')}`],
  ['YAML error', rule('    expr: "up\n')],
  ['duplicate key', rule('    expr: up\n    expr: down\n')],
  ['shape problem', rule('    expr: up\n    for: soon\n')],
];

function targetsOf(r: LoadedRule): Target[] {
  const targets: Target[] = ['rule', 'name', 'expr', 'for', { labels: 'absent' }, { annotations: 'absent' }];
  for (const name of r.labels.keys()) targets.push({ labels: name }, { labels: name, key: true });
  for (const name of r.annotations.keys())
    targets.push({ annotations: name }, { annotations: name, key: true });
  return targets;
}

function valueLength(r: LoadedRule, target: Target): number {
  if (target === 'expr') return r.expr.length;
  if (typeof target === 'string') return 0;
  if ('labels' in target)
    return target.key ? target.labels.length : (r.labels.get(target.labels) ?? '').length;
  return target.key ? target.annotations.length : (r.annotations.get(target.annotations) ?? '').length;
}

/** Every rule's data, and the position of every target at every offset (plus one past the end). */
function snapshot(loaded: LoadedRuleFile): unknown {
  return {
    problems: loaded.problems,
    rules: loaded.rules.map((r) => {
      const { locate, labels, annotations, ...data } = r;
      const positions: Record<string, SourcePosition[]> = {};
      for (const target of targetsOf(r)) {
        const offsets = Array.from({ length: valueLength(r, target) + 2 }, (_, i) => i);
        positions[JSON.stringify(target)] = [locate(target), ...offsets.map((o) => locate(target, o))];
      }
      return { ...data, labels: [...labels], annotations: [...annotations], positions };
    }),
  };
}

function expectSameAsPositional(file: string, text: string): LoadedRuleFile | null {
  const fast = loadRuleTextFast(file, text);
  const positional = loadRuleTextPositional(file, text);
  expect(snapshot(loadRuleText(file, text))).toEqual(snapshot(positional));
  if (fast) expect(snapshot(fast)).toEqual(snapshot(positional));
  return fast;
}

describe('the fast rule-file loader equals the positional one', () => {
  it.each(styles)('%s', (_name, text) => {
    expect(expectSameAsPositional('r.yaml', text)).not.toBeNull();
  });

  it.each(positionalOnly)('%s: left to the positional parse', (_name, text) => {
    expect(loadRuleTextFast('r.yaml', text)).toBeNull();
    expectSameAsPositional('r.yaml', text);
  });

  it('on every prefix of those files (cut mid-scalar, mid-key, mid-line)', () => {
    let fastCount = 0;
    for (const [, text] of [...styles, ...positionalOnly]) {
      for (let end = 0; end <= text.length; end++) {
        if (expectSameAsPositional('r.yaml', text.slice(0, end))) fastCount++;
      }
    }
    expect(fastCount).toBeGreaterThan(100);
  });

  it('on small edits of those files (a character inserted, deleted or replaced)', () => {
    // Deterministic: the same edits every run. Most edits break the YAML; both loaders must agree anyway.
    const random = seededRandom(1);
    const next = (n: number): number => Math.floor(random() * n);
    const texts = [...styles, ...positionalOnly].map(([, text]) => text);
    const chars = ' \n:-"\'#|>{}[],\t\\+?&*!x1.';
    let fastCount = 0;
    for (let k = 0; k < 3000; k++) {
      let text = texts[next(texts.length)] ?? '';
      for (let edit = 0; edit <= next(3); edit++) {
        const at = next(text.length + 1);
        const c = chars[next(chars.length)] ?? ' ';
        const kind = next(3);
        text = text.slice(0, at) + (kind === 0 ? '' : c) + text.slice(kind === 1 ? at : at + 1);
      }
      if (expectSameAsPositional('r.yaml', text)) fastCount++;
    }
    expect(fastCount).toBeGreaterThan(300);
  });

  it('on the bench file', () => {
    expect(expectSameAsPositional('bench.yaml', syntheticRuleFile(60))).not.toBeNull();
  });

  it.each(yamlFilesUnder(path.join(root, 'generated')).map((f) => [path.relative(root, f)]))(
    'on %s',
    (file) => {
      expect(expectSameAsPositional(file, readFileSync(path.join(root, file), 'utf8'))).not.toBeNull();
    },
  );

  const seeds = corpus('seeds');
  describe.skipIf(!seeds.path)('on the hand-written seeds', () => {
    const dir = path.join(seeds.path ?? '', 'hand-written');
    it.each(seeds.path ? yamlFilesUnder(dir).map((f) => [path.basename(f)]) : [])('%s', (file) => {
      expect(expectSameAsPositional(file, readFileSync(path.join(dir, file), 'utf8'))).not.toBeNull();
    });
  });

  it('gives the same lint findings as the positional loader, on the bench file and the seeds', () => {
    const files: [string, string][] = [['bench.yaml', syntheticRuleFile(300)]];
    const dir = seeds.path ? path.join(seeds.path, 'hand-written') : null;
    if (dir) for (const f of yamlFilesUnder(dir)) files.push([path.basename(f), readFileSync(f, 'utf8')]);
    for (const [file, text] of files) {
      const positional = loadRuleTextPositional(file, text);
      const expected = sortProblems([...positional.problems, ...lintRules(positional.rules)]);
      expect(expected.length).toBeGreaterThan(0);
      expect(lintRuleText(file, text)).toEqual(expected);
    }
  });
});

describe("plain scalars resolve as the yaml library's core schema resolves them", () => {
  const tags = new Schema({ schema: 'core' }).tags.filter(
    (tag): tag is ScalarTag => tag.default === true && 'test' in tag && tag.test instanceof RegExp,
  );
  const reference = (raw: string): unknown => {
    const tag = tags.find((t) => t.test?.test(raw));
    if (!tag) return raw;
    const resolved = tag.resolve(raw, () => {}, { intAsBigInt: false });
    return isScalar(resolved) ? resolved.value : resolved;
  };
  const samples = [
    ...[
      '',
      '~',
      'null',
      'Null',
      'NULL',
      'nULL',
      'true',
      'True',
      'TRUE',
      'tRUE',
      'false',
      'FALSE',
      'yes',
      'on',
    ],
    ...['0', '-0', '+0', '007', '0o17', '0o8', '0x1F', '0X1F', '0x', '1_000', '12345678901234567890', '-12'],
    ...[
      '1.0',
      '1.',
      '.5',
      '-.5',
      '1e3',
      '1E+3',
      '.5e-2',
      '1.e3',
      'e3',
      '.inf',
      '-.Inf',
      '+.INF',
      '.nan',
      '.NaN',
    ],
    ...['.NAN', '-.nan', 'inf', '5m', '1h30m', '0.05', 'critical', '+', '-', '.', '1.2.3', 'nan'],
  ];
  it.each(samples.map((s) => [s]))('%j', (raw) => {
    expect(Object.is(resolvePlain(raw), reference(raw)) || resolvePlain(raw) === reference(raw)).toBe(true);
  });

  it('on 20,000 strings over the characters that matter', () => {
    const random = seededRandom(7);
    const alphabet = '0123456789+-.eExXoOabcdfinNtTrRuUlLsSF~_ ';
    for (let k = 0; k < 20_000; k++) {
      const length = Math.floor(random() * 7);
      let raw = '';
      for (let i = 0; i < length; i++) raw += alphabet[Math.floor(random() * alphabet.length)];
      const [got, want] = [resolvePlain(raw), reference(raw)];
      if (!Object.is(got, want)) expect({ raw, got }).toEqual({ raw, got: want });
    }
  });
});
