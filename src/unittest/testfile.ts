// Reads a promtool rule unit-test file (the format `promtool test rules` reads), strictly and with
// positions: a malformed file yields problems naming file:line:column, never a crash or a pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem, SourcePosition } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';
import type { PromVersion } from '../promql/functions.ts';
import { parse } from '../promql/index.ts';
import { readYaml, type YamlReader } from '../rulefile/strict.ts';
import type { TreeNode } from '../rulefile/yaml-tree.ts';
import type { Labels } from './engine/labels.ts';
import { glob } from './glob.ts';
import { parseSeriesLabels, parseSeriesValues, type SeriesValue } from './notation.ts';

export interface InputSeries {
  readonly labels: Labels;
  readonly values: readonly SeriesValue[];
}

export interface ExpectedAlert {
  readonly labels: ReadonlyMap<string, string>;
  readonly annotations: ReadonlyMap<string, string>;
}

export interface AlertTest {
  readonly evalTimeMs: number;
  readonly alertname: string;
  readonly expAlerts: readonly ExpectedAlert[];
  readonly at: SourcePosition;
}

export interface ExpectedSample {
  /** The labels text as written (promtool parses it only when comparing). */
  readonly labels: string;
  readonly value: number;
  readonly at: SourcePosition;
}

export interface PromqlTest {
  readonly exprText: string;
  /** null when the expression does not parse: promtool reports that as a failure of this test. */
  readonly expr: Expr | null;
  readonly parseError: string | null;
  readonly evalTimeMs: number;
  readonly expSamples: readonly ExpectedSample[];
  readonly at: SourcePosition;
}

export interface TestGroup {
  readonly name: string;
  readonly intervalMs: number;
  readonly inputSeries: readonly InputSeries[];
  readonly alertTests: readonly AlertTest[];
  readonly promqlTests: readonly PromqlTest[];
  readonly externalLabels: ReadonlyMap<string, string>;
  readonly externalURL: string;
  readonly at: SourcePosition;
}

export interface TestFile {
  readonly file: string;
  /** Rule files after resolving against the test file's folder and globbing. */
  readonly ruleFiles: readonly string[];
  readonly evaluationIntervalMs: number;
  readonly groupEvalOrder: readonly string[];
  readonly tests: readonly TestGroup[];
  /** Notices that do not fail the file (a glob matching nothing, as promtool warns). */
  readonly warnings: readonly Problem[];
}

export type TestFileResult =
  | { readonly ok: true; readonly testFile: TestFile }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const CHECK = 'unittest/test-file';

export function loadTestFile(file: string, promql: PromVersion = '2.42'): TestFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const message = `cannot read test file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`;
    return { ok: false, problems: [{ check: CHECK, severity: 'error', message, file, line: 1, column: 1 }] };
  }
  return parseTestFile(text, file, promql);
}

export function parseTestFile(text: string, file: string, promql: PromVersion = '2.42'): TestFileResult {
  return readYaml(text, file, CHECK, (r, root) => readTestFile(r, root, file, promql));
}

function readTestFile(
  r: YamlReader,
  root: TreeNode | null,
  file: string,
  promql: PromVersion,
): TestFileResult {
  if (root === null) return { ok: false, problems: r.problems };
  const f = r.fields(root, 'unit test file', [
    'rule_files',
    'evaluation_interval',
    'group_eval_order',
    'tests',
  ]);
  if (f === null) return { ok: false, problems: r.problems };
  const warnings: Problem[] = [];
  const ruleFiles = resolveRuleFiles(r, f.get('rule_files'), path.dirname(file), warnings);
  const evaluationIntervalMs = r.duration(f.get('evaluation_interval'), 'evaluation_interval') || 60_000;
  const groupEvalOrder: string[] = [];
  for (const n of r.list(f.get('group_eval_order'), 'group_eval_order') ?? []) {
    const name = r.string(n, 'group_eval_order entry');
    if (name === null) continue;
    if (groupEvalOrder.includes(name)) r.error(n, `group name repeated in evaluation order: ${name}`);
    groupEvalOrder.push(name);
  }
  const tests: TestGroup[] = [];
  for (const n of r.list(f.get('tests'), 'tests') ?? []) {
    const t = readTestGroup(r, n, promql);
    if (t) tests.push(t);
  }
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return { ok: true, testFile: { file, ruleFiles, evaluationIntervalMs, groupEvalOrder, tests, warnings } };
}

function resolveRuleFiles(
  r: YamlReader,
  node: TreeNode | null | undefined,
  baseDir: string,
  warnings: Problem[],
): string[] {
  const out: string[] = [];
  for (const n of r.list(node, 'rule_files') ?? []) {
    const pattern = r.string(n, 'rule_files entry');
    if (pattern === null) continue;
    const full = pattern !== '' && !path.isAbsolute(pattern) ? path.join(baseDir, pattern) : pattern;
    const matches = glob(full);
    if (matches.length === 0) {
      // promtool only warns here and then tests without the rules; a typo would then pass silently,
      // so obsgen makes it an error naming the entry.
      r.error(n, `no rule file matches ${JSON.stringify(pattern)}`);
      void warnings;
    }
    out.push(...matches);
  }
  return out;
}

function readTestGroup(r: YamlReader, node: TreeNode | null, promql: PromVersion): TestGroup | null {
  const f = r.fields(node, 'test group', [
    'interval',
    'input_series',
    'alert_rule_test',
    'promql_expr_test',
    'external_labels',
    'external_url',
    'name',
  ]);
  if (f === null) return null;
  const name = r.string(f.get('name'), 'name') ?? '';
  const intervalMs = r.duration(f.get('interval'), 'interval') ?? 0;
  const inputSeries: InputSeries[] = [];
  for (const n of r.list(f.get('input_series'), 'input_series') ?? []) {
    const s = readSeries(r, n);
    if (s) inputSeries.push(s);
  }
  const alertTests: AlertTest[] = [];
  for (const n of r.list(f.get('alert_rule_test'), 'alert_rule_test') ?? []) {
    const a = readAlertTest(r, n, name);
    if (a) alertTests.push(a);
  }
  const promqlTests: PromqlTest[] = [];
  for (const n of r.list(f.get('promql_expr_test'), 'promql_expr_test') ?? []) {
    const p = readPromqlTest(r, n, promql);
    if (p) promqlTests.push(p);
  }
  const externalLabels =
    r.stringMap(f.get('external_labels'), 'external_labels') ?? new Map<string, string>();
  const externalURL = r.string(f.get('external_url'), 'external_url') ?? '';
  return {
    name,
    intervalMs,
    inputSeries,
    alertTests,
    promqlTests,
    externalLabels,
    externalURL,
    at: r.at(node),
  };
}

function readSeries(r: YamlReader, node: TreeNode | null): InputSeries | null {
  const f = r.fields(node, 'input series', ['series', 'values']);
  if (f === null) return null;
  const seriesNode = f.get('series');
  const valuesNode = f.get('values');
  const seriesText = r.string(seriesNode, 'series');
  const valuesText = r.string(valuesNode, 'values');
  if (seriesText === null || valuesText === null) return null;
  const labels = parseSeriesLabels(seriesText);
  if (!labels.ok) {
    r.errorAt(
      r.atInside(seriesNode ?? node, labels.error.column - 1),
      `bad series ${JSON.stringify(seriesText)}: ${labels.error.message}`,
    );
    return null;
  }
  const values = parseSeriesValues(valuesText);
  if (!values.ok) {
    r.errorAt(
      r.atInside(valuesNode ?? node, values.error.column - 1),
      `bad series values ${JSON.stringify(valuesText)}: ${values.error.message}`,
    );
    return null;
  }
  return { labels: labels.labels, values: values.values };
}

function readAlertTest(r: YamlReader, node: TreeNode | null, groupName: string): AlertTest | null {
  const f = r.fields(node, 'alert_rule_test item', ['eval_time', 'alertname', 'exp_alerts']);
  if (f === null) return null;
  const evalTimeMs = r.duration(f.get('eval_time'), 'eval_time') ?? 0;
  const alertname = r.string(f.get('alertname'), 'alertname') ?? '';
  if (alertname === '') {
    const where = groupName !== '' ? ` (in TestGroup ${groupName})` : '';
    r.error(node, `an item under alert_rule_test misses required attribute alertname${where}`);
  }
  const expAlerts: ExpectedAlert[] = [];
  for (const n of r.list(f.get('exp_alerts'), 'exp_alerts') ?? []) {
    const a = r.fields(n, 'exp_alerts item', ['exp_labels', 'exp_annotations']);
    if (a === null) continue;
    const labels = r.stringMap(a.get('exp_labels'), 'exp_labels');
    const annotations = r.stringMap(a.get('exp_annotations'), 'exp_annotations');
    if (labels && annotations) expAlerts.push({ labels, annotations });
  }
  return { evalTimeMs, alertname, expAlerts, at: r.at(node) };
}

function readPromqlTest(r: YamlReader, node: TreeNode | null, promql: PromVersion): PromqlTest | null {
  const f = r.fields(node, 'promql_expr_test item', ['expr', 'eval_time', 'exp_samples']);
  if (f === null) return null;
  const exprNode = f.get('expr');
  const exprText = r.string(exprNode, 'expr') ?? '';
  const evalTimeMs = r.duration(f.get('eval_time'), 'eval_time') ?? 0;
  const expSamples: ExpectedSample[] = [];
  for (const n of r.list(f.get('exp_samples'), 'exp_samples') ?? []) {
    const s = r.fields(n, 'exp_samples item', ['labels', 'value']);
    if (s === null) continue;
    const labels = r.string(s.get('labels'), 'labels');
    const value = r.number(s.get('value'), 'value');
    if (labels !== null && value !== null) expSamples.push({ labels, value, at: r.at(n) });
  }
  const parsed = parse(exprText, { version: promql });
  let expr: Expr | null = null;
  let parseError: string | null = null;
  if (parsed.ok) expr = parsed.expr;
  else {
    const e = parsed.errors[0];
    parseError = e?.message ?? 'syntax error';
    // An unparsable expression fails the file with its position (promtool fails that test too).
    r.errorAt(
      r.atInside(exprNode ?? node, e?.start ?? 0),
      `could not parse expression ${JSON.stringify(exprText)}: ${parseError}`,
    );
  }
  return { exprText, expr, parseError, evalTimeMs, expSamples, at: r.at(node) };
}
