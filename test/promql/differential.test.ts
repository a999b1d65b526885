// Differential test: the corpus plus tricky expressions of our own go through `promtool check rules`
// (one rule file, one recording rule per expression) and through our parser; verdicts, error
// positions and messages must agree. The only intended difference: 3.x-only functions name the
// version they need instead of being "unknown".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/promql/index.ts';
import { seededRandom as random } from '../support/random.ts';
import { corpus, tool } from '../support/tools.ts';

const promtool = tool('promtool');
const promql = corpus('promql');

function readJsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

function expressions(): string[] {
  const own = readJsonLines(path.join(import.meta.dirname, 'fixtures/tricky-expressions.jsonl')) as string[];
  const cases = promql.path
    ? (readJsonLines(path.join(promql.path, 'parser-cases.jsonl')) as { expr: string }[]).map((c) => c.expr)
    : [];
  return [...new Set([...own, ...cases])].filter((expr) => expr.trim() !== '');
}

/** promtool's first error per rule index: `L:C: message`, or absent when the rule is valid. */
function promtoolVerdicts(binary: string, exprs: readonly string[]): Map<number, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-promql-'));
  const file = path.join(dir, 'rules.yaml');
  const rules = exprs.map((expr, i) => `  - record: r${i}\n    expr: ${JSON.stringify(expr)}\n`).join('');
  writeFileSync(file, `groups:\n- name: g\n  rules:\n${rules}`);
  let output = '';
  try {
    output = execFileSync(binary, ['check', 'rules', file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const verdicts = new Map<number, string>();
  for (const match of output.matchAll(
    /rule (\d+), "r\d+": could not parse expression: (\d+:\d+): parse error: (.*)/g,
  )) {
    const index = Number(match[1]) - 1;
    if (!verdicts.has(index)) verdicts.set(index, `${match[2]}: ${match[3]}`);
  }
  return verdicts;
}

const fragments = [
  '(',
  ')',
  '[5m]',
  '[5m:]',
  '[1h:5m]',
  ' offset 5m',
  ' offset -1m',
  ' @ 1',
  ' @ start()',
  '{a="b"}',
  '{a=~"x"}',
  ',',
  ' by (a)',
  ' without (a)',
  ' bool ',
  ' on(a) ',
  ' ignoring(a) ',
  ' group_left ',
  ' group_right(b) ',
  '-',
  '+',
  '*',
  '/',
  '^',
  ' and ',
  ' or ',
  ' unless ',
  '==',
  '>',
  '1',
  '0x1',
  '.5',
  '1e3',
  '"s"',
  "'s'",
  'sum',
  'rate',
  'foo',
  'topk',
  'count_values',
  'time()',
  'abs',
  ':',
  ']',
  '}',
  '{',
  ' ',
  '\n',
  '#c\n',
  '5m',
  'inf',
  'start',
  'by',
  'offset',
  'le',
  '__name__',
  '=',
  '!=',
  '=~',
  '!~',
];

/** Expressions made by inserting, deleting and splicing pieces of valid ones. */
function mutations(seeds: readonly string[], count: number): string[] {
  const next = random(20260101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out = new Set<string>();
  while (out.size < count) {
    let expr = pick(seeds);
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * (expr.length + 1));
      const choice = next();
      if (choice < 0.4) expr = expr.slice(0, at) + pick(fragments) + expr.slice(at);
      else if (choice < 0.7) expr = expr.slice(0, at) + expr.slice(at + 1 + Math.floor(next() * 4));
      else {
        const donor = pick(seeds);
        const from = Math.floor(next() * donor.length);
        expr = expr.slice(0, at) + donor.slice(from, from + 1 + Math.floor(next() * 10)) + expr.slice(at);
      }
    }
    if (expr.trim() !== '') out.add(expr);
  }
  return [...out];
}

function ours(expr: string): string | undefined {
  const result = parse(expr);
  if (result.ok) return undefined;
  const first = result.errors[0];
  if (first === undefined) return 'error without message';
  // The one intended difference from promtool 2.42: name the version a newer function needs.
  const message = first.message.replace(
    /^function ("[^"]+") requires Prometheus 3\.0 \(target is 2\.42\)$/,
    'unknown function with name $1',
  );
  // promtool 2.42 describes the @ token as `"<Item 57385>" <op:@>`; we print the readable part only.
  if (message.includes('unexpected <op:@>'))
    return `${first.line}:${first.column}: ${message.replace('<op:@>', '"<Item 57385>" <op:@>')}`;
  return `${first.line}:${first.column}: ${message}`;
}

describe.skipIf(!promtool.path)('parser vs promtool check rules', () => {
  it('gives the same verdict, position and message on every expression', () => {
    const exprs = expressions();
    const theirs = promtoolVerdicts(promtool.path ?? 'promtool', exprs);
    const differences = exprs
      .map((expr, i) => ({ expr, promtool: theirs.get(i), ours: ours(expr) }))
      .filter((d) => d.promtool !== d.ours && !(d.promtool && d.ours?.startsWith(d.promtool.slice(0, 300))));
    expect(
      differences.map(
        (d) => `${JSON.stringify(d.expr).slice(0, 100)}: promtool ${d.promtool} / ours ${d.ours}`,
      ),
    ).toEqual([]);
    // Without the corpus (a user's clone) only our own tricky expressions run: 197, 110 of them invalid.
    const least = promql.path ? { exprs: 300, invalid: 150 } : { exprs: 150, invalid: 80 };
    expect(exprs.length).toBeGreaterThan(least.exprs);
    expect(theirs.size).toBeGreaterThan(least.invalid);
  });

  it('gives the same verdict, position and message on 1,500 fuzzed expressions', () => {
    const seeds = expressions().filter((expr) => expr.length < 200);
    const exprs = mutations(seeds, 1500);
    const theirs = promtoolVerdicts(promtool.path ?? 'promtool', exprs);
    const differences = exprs
      .map((expr, i) => ({ expr, promtool: theirs.get(i), ours: ours(expr) }))
      .filter((d) => d.promtool !== d.ours);
    expect(
      differences.map((d) => `${JSON.stringify(d.expr)}: promtool ${d.promtool} / ours ${d.ours}`),
    ).toEqual([]);
    // A sound mix: most mutations are invalid, some stay valid.
    expect(theirs.size).toBeGreaterThan(500);
    expect(theirs.size).toBeLessThan(1500);
  });
});
