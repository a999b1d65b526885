// Broken input never crashes the runner: mutated fixtures either run or fail with positions.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandAlertTemplate, parseTemplate } from '../../src/template/index.ts';
import { runTestFile } from '../../src/unittest/runner.ts';
import { seededRandom as rng } from '../support/random.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

const noise = [
  '{',
  '}',
  '[',
  ']',
  ':',
  '-',
  ' ',
  '\n',
  '"',
  "'",
  'x',
  '5',
  '_',
  '{{',
  '}}',
  '|',
  '$',
  '.',
  'NaN',
  'stale',
];

function mutate(text: string, r: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(r() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * out.length);
    const len = Math.floor(r() * 4);
    out =
      out.slice(0, at) +
      (r() < 0.5 ? (noise[Math.floor(r() * noise.length)] ?? '') : '') +
      out.slice(at + len);
  }
  return out;
}

describe('malformed input never crashes', () => {
  it('mutated test and rule files yield a verdict, never an exception', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-mut-'));
    writeFileSync(path.join(dir, 'rules.yml'), '');
    const sources = readdirSync(fixtures).filter((f) => f.endsWith('.yml'));
    const ruleText = readFileSync(path.join(fixtures, 'rules/alerts.yml'), 'utf8');
    const r = rng(42);
    for (let i = 0; i < 150; i++) {
      const name = sources[i % sources.length] ?? '';
      const text = readFileSync(path.join(fixtures, name), 'utf8').replaceAll('rules/*.yml', 'rules.yml');
      writeFileSync(path.join(dir, 'rules.yml'), i % 2 === 0 ? mutate(ruleText, r) : ruleText);
      writeFileSync(path.join(dir, 'test.yml'), mutate(text, r));
      const result = runTestFile(path.join(dir, 'test.yml'));
      for (const f of result.failures) if (f.kind === 'file') expect(f.line).toBeGreaterThan(0);
    }
  });

  it('mutated templates parse or fail with an offset, and always expand to a string', () => {
    const r = rng(7);
    const base =
      '{{ if gt $value 1.0 }}{{ $labels.job | toUpper }} {{ printf "%.2f" $value }}{{ else }}{{ range $k, $v := $labels }}{{ $k }}{{ end }}{{ end }}';
    for (let i = 0; i < 500; i++) {
      const t = mutate(base, r);
      const parsed = parseTemplate(t);
      if (!parsed.ok) expect(parsed.errors[0]?.offset).toBeGreaterThanOrEqual(0);
      const out = expandAlertTemplate(t, 'A', {
        labels: new Map([['job', 'x']]),
        externalLabels: new Map(),
        externalURL: '',
        value: 2,
      });
      expect(typeof out).toBe('string');
    }
  });
});
