// Every check runs on deliberately broken input without crashing: each expression of the parser corpus
// (valid and invalid ones) as an alert and as a recording rule, and truncated or mangled rule files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRuleText } from '../../src/validate/lint.ts';
import { corpus, tool } from '../support/tools.ts';
import { ruleFile } from './support.ts';

const promql = corpus('promql');
const promtool = tool('promtool');

interface CorpusCase {
  readonly expr: string;
  readonly valid: boolean;
}

function corpusCases(): CorpusCase[] {
  if (!promql.path) return [];
  return readFileSync(path.join(promql.path, 'parser-cases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusCase);
}

const annotations = {
  summary: '{{ $labels.job }} at {{ $value | humanizePercentage }}',
  description: '{{ $value }}% on {{ .Labels.instance }} {{ index $labels "pod" }}',
};

describe.skipIf(!promql.path)('checks on every expression of the parser corpus', () => {
  const cases = corpusCases();

  it('never crash, and report promql/syntax (or rules/format) exactly where promtool rejects', () => {
    const disagreements: string[] = [];
    for (const c of cases) {
      const text = ruleFile({ expr: c.expr, annotations }, { record: 'job:x:sum', expr: c.expr });
      const problems = lintRuleText('r.yaml', text);
      const crashes = problems.filter((p) => p.message.startsWith('internal error'));
      expect(crashes, c.expr).toEqual([]);
      // An empty expression is a rule-shape error rather than a parse error; promtool rejects both.
      const syntax = problems.some((p) => p.check === 'promql/syntax' || p.check === 'rules/format');
      if (syntax === c.valid) disagreements.push(`${c.valid ? 'rejected' : 'accepted'}: ${c.expr}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('mangled rule files', () => {
  const base = ruleFile(
    { expr: 'sum by (job) (rate(x_total[5m])) / sum by (job) (rate(y_total[5m])) > 0.1', annotations },
    { record: 'job:x:rate5m', expr: 'sum by (job) (rate(x_total[5m]))' },
  );

  it('every prefix of a rule file lints without crashing', () => {
    for (let end = 0; end <= base.length; end++) {
      const problems = lintRuleText('r.yaml', base.slice(0, end));
      expect(
        problems.filter((p) => p.message.startsWith('internal error')),
        `prefix ${end}`,
      ).toEqual([]);
    }
  });

  const shapes = [
    'groups: 3',
    'groups: [3]',
    'groups: [{name: g, rules: 5}]',
    'groups: [{rules: []}]',
    'groups: [{name: g, rules: [{expr: up}]}]',
    'groups: [{name: g, rules: [{alert: A, record: b, expr: up}]}]',
    'groups: [{name: g, rules: [{alert: A, expr: [1]}]}]',
    'groups: [{name: g, rules: [{alert: A, expr: up, labels: [a]}]}]',
    'groups: [{name: g, rules: [{alert: A, expr: up, annotations: {a: {b: c}}}]}]',
    'groups: [{name: g, rules: [{alert: A, expr: up, for: soon}]}]',
    'groups: [{name: g, interval: often, rules: []}]',
    'groups: [{name: g, rules: [{record: "bad name", expr: up}]}]',
    'groups: [{name: g, rules: [{record: a:b:c, expr: up, for: 5m}]}]',
    'groups: [{name: g, rules: []}, {name: g, rules: []}]',
    'groups: [{name: g, rules: [{alert: A, expr: up, bogus: 1}]}]',
    'kind: PrometheusRule\nspec: 4',
    'groups: [{name: g, rules: [{alert: A, expr: up}]}]\n---\n: :\n',
    'groups:\n  - name: g\n  rules: {',
  ];

  it('wrong shapes are rules/format errors, not crashes', () => {
    for (const text of shapes) {
      const problems = lintRuleText('r.yaml', text);
      expect(
        problems.filter((p) => p.check === 'rules/format' && p.severity === 'error').length,
        text,
      ).toBeGreaterThan(0);
      expect(
        problems.filter((p) => p.message.startsWith('internal error')),
        text,
      ).toEqual([]);
    }
  });

  // promtool decodes only the first YAML document, so shapes are compared on single-document files.
  it.skipIf(!promtool.path)('promtool rejects every one of those shapes too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-shapes-'));
    const accepted = shapes
      .filter((text) => !text.includes('---'))
      .filter((text, i) => {
        const file = path.join(dir, `shape-${i}.yaml`);
        writeFileSync(file, text);
        return (
          spawnSync(promtool.path ?? 'promtool', ['check', 'rules', file], { stdio: 'ignore' }).status === 0
        );
      });
    expect(accepted).toEqual([]);
  });
});
