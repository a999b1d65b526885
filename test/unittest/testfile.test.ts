import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestFile } from '../../src/unittest/runner.ts';
import { parseTestFile } from '../../src/unittest/testfile.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

function firstFailure(file: string): string {
  const r = runTestFile(path.join(fixtures, file), { displayName: file });
  expect(r.ok).toBe(false);
  const f = r.failures[0];
  return f?.kind === 'file' ? `${f.file}:${f.line}:${f.column}: ${f.message}` : (f?.message ?? '');
}

describe('malformed test files fail with file:line:col', () => {
  it.each([
    ['bad-yaml.yml', /^bad-yaml\.yml:5:\d+: yaml: /],
    ['unknown-field.yml', /^unknown-field\.yml:4:5: field input_serie not found in test group$/],
    ['bad-series.yml', /^bad-series\.yml:6:2\d: bad series values "1 2 x3": /],
    ['bad-expr.yml', /^bad-expr\.yml:8:\d+: could not parse expression "sum\(up": /],
    [
      'missing-rule-file.yml',
      /^missing-rule-file\.yml:3:1\d: no rule file matches "rules\/does-not-exist\.yml"$/,
    ],
  ])('%s', (file, pattern) => {
    expect(firstFailure(file)).toMatch(pattern);
  });

  it('rejects a missing test file without throwing', () => {
    expect(firstFailure('nope.yml')).toMatch(/cannot read test file/);
  });

  it('reads defaults as promtool does', () => {
    const r = parseTestFile('tests:\n  - input_series: []\n', path.join(fixtures, 'x.yml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.testFile.evaluationIntervalMs).toBe(60_000);
    expect(r.testFile.tests[0]?.intervalMs).toBe(0);
  });

  it('fails a repeated group in group_eval_order and a missing alertname', () => {
    const r = parseTestFile(
      'group_eval_order: [a, a]\ntests:\n  - alert_rule_test:\n      - eval_time: 1m\n',
      path.join(fixtures, 'x.yml'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '1: group name repeated in evaluation order: a',
      '4: an item under alert_rule_test misses required attribute alertname',
    ]);
  });
});
