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
    expect(exprs.length).toBeGreaterThan(300);
    expect(theirs.size).toBeGreaterThan(150);
  });
});
