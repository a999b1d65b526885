// Loads plain Prometheus rule files (`groups:`) for unit tests, validated as Prometheus 2.42's
// rulefmt does, with every expression parsed; problems point at file:line:column.
import { readFileSync } from 'node:fs';
import { type Problem, problem } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';
import type { PromVersion } from '../promql/functions.ts';
import { parse } from '../promql/index.ts';
import { parseAlertTemplate } from '../template/index.ts';
import { readYaml, type YamlReader } from './strict.ts';
import type { TreeNode } from './yaml-tree.ts';

export interface LoadedRule {
  readonly kind: 'record' | 'alert';
  readonly name: string;
  readonly exprText: string;
  readonly expr: Expr;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  /** Sorted by name, as Prometheus keeps them. */
  readonly labels: readonly (readonly [string, string])[];
  readonly annotations: readonly (readonly [string, string])[];
  readonly line: number;
}

export interface LoadedGroup {
  readonly file: string;
  readonly name: string;
  readonly intervalMs: number;
  /** Max alerts or series per rule (0: none); exceeding it is a rule error. */
  readonly limit: number;
  readonly rules: readonly LoadedRule[];
}

export type RuleFileResult =
  | { readonly ok: true; readonly groups: readonly LoadedGroup[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const CHECK = 'unittest/rule-file';
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function sortedEntries(m: Map<string, string>): (readonly [string, string])[] {
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function loadRuleFile(file: string, displayName = file, promql: PromVersion = '2.42'): RuleFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const at = { file: displayName, line: 1, column: 1 };
    return {
      ok: false,
      problems: [problem(CHECK, 'error', `cannot read rule file: ${(e as Error).message}`, at)],
    };
  }
  return parseRuleFile(text, displayName, promql);
}

/** Parses rule file text (also used for inline rules in the vitest API). */
export function parseRuleFile(
  text: string,
  displayName: string,
  promql: PromVersion = '2.42',
): RuleFileResult {
  return readYaml(text, displayName, CHECK, (r, root) => readRuleFile(r, root, displayName, promql));
}

function readRuleFile(
  r: YamlReader,
  root: TreeNode | null,
  displayName: string,
  promql: PromVersion,
): RuleFileResult {
  const groups: LoadedGroup[] = [];
  if (root !== null) {
    const top = r.fields(root, 'rule file', ['groups']);
    const groupNodes = r.list(top?.get('groups'), 'groups') ?? [];
    const seen = new Set<string>();
    for (const gNode of groupNodes) {
      const group = readGroup(r, gNode, displayName, seen, promql);
      if (group) groups.push(group);
    }
  }
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return { ok: true, groups };
}

function readGroup(
  r: YamlReader,
  node: TreeNode | null,
  file: string,
  seen: Set<string>,
  promql: PromVersion,
): LoadedGroup | null {
  const f = r.fields(node, 'rule group', ['name', 'interval', 'limit', 'rules']);
  if (f === null) return null;
  const name = r.string(f.get('name'), 'name') ?? '';
  if (name === '') r.error(node, 'Groupname must not be empty');
  else if (seen.has(name)) r.error(f.get('name'), `groupname: "${name}" is repeated in the same file`);
  seen.add(name);
  const intervalMs = r.duration(f.get('interval'), 'interval') ?? 0;
  const limit = f.has('limit') ? (r.number(f.get('limit'), 'limit') ?? 0) : 0;
  const rules: LoadedRule[] = [];
  for (const ruleNode of r.list(f.get('rules'), 'rules') ?? []) {
    const rule = readRule(r, ruleNode, promql);
    if (rule) rules.push(rule);
  }
  return { file, name, intervalMs, limit, rules };
}

function readRule(r: YamlReader, node: TreeNode | null, promql: PromVersion): LoadedRule | null {
  const f = r.fields(node, 'rule', [
    'record',
    'alert',
    'expr',
    'for',
    'keep_firing_for',
    'labels',
    'annotations',
  ]);
  if (f === null) return null;
  const record = r.string(f.get('record'), 'record') ?? '';
  const alert = r.string(f.get('alert'), 'alert') ?? '';
  const exprNode = f.get('expr');
  const exprText = r.string(exprNode, 'expr') ?? '';
  const forMs = r.duration(f.get('for'), 'for') ?? 0;
  const keepFiringForMs = r.duration(f.get('keep_firing_for'), 'keep_firing_for') ?? 0;
  const labels = r.stringMap(f.get('labels'), 'labels') ?? new Map<string, string>();
  const annotations = r.stringMap(f.get('annotations'), 'annotations') ?? new Map<string, string>();
  const before = r.problems.length;
  if (record !== '' && alert !== '') r.error(node, "only one of 'record' and 'alert' must be set");
  if (record === '' && alert === '') r.error(node, "one of 'record' or 'alert' must be set");
  if (record !== '') {
    if (f.has('annotations')) r.error(f.get('annotations'), "invalid field 'annotations' in recording rule");
    if (f.has('for')) r.error(f.get('for'), "invalid field 'for' in recording rule");
    if (f.has('keep_firing_for'))
      r.error(f.get('keep_firing_for'), "invalid field 'keep_firing_for' in recording rule");
    if (!METRIC_NAME.test(record)) r.error(f.get('record'), `invalid recording rule name: ${record}`);
  }
  for (const name of labels.keys()) {
    if (!LABEL_NAME.test(name)) r.error(f.get('labels'), `invalid label name: ${name}`);
    if (name === '__name__') r.error(f.get('labels'), 'invalid label name: __name__');
  }
  for (const name of annotations.keys())
    if (!LABEL_NAME.test(name)) r.error(f.get('annotations'), `invalid annotation name: ${name}`);
  if (alert !== '') {
    // rulefmt parses every label and annotation template up front.
    for (const [kind, m, fieldNode] of [
      ['label', labels, f.get('labels')],
      ['annotation', annotations, f.get('annotations')],
    ] as const) {
      for (const [k, v] of m) {
        const t = parseAlertTemplate(v);
        if (!t.ok)
          r.error(
            fieldNode,
            `${kind} ${JSON.stringify(k)}: template: __alert_${alert}:1: ${t.errors[0]?.message ?? ''}`,
          );
      }
    }
  }
  let expr: Expr | null = null;
  if (exprText.trim() === '') r.error(exprNode ?? node, "field 'expr' must be set in rule");
  else {
    const parsed = parse(exprText, { version: promql });
    if (parsed.ok) expr = parsed.expr;
    else {
      const e = parsed.errors[0];
      const at = exprNode ? r.atInside(exprNode, e?.start ?? 0) : r.at(node);
      r.errorAt(at, `could not parse expression: ${e?.message ?? 'syntax error'}`);
    }
  }
  if (r.problems.length > before || expr === null) return null;
  return {
    kind: record !== '' ? 'record' : 'alert',
    name: record !== '' ? record : alert,
    exprText,
    expr,
    forMs,
    keepFiringForMs,
    labels: sortedEntries(labels),
    annotations: sortedEntries(annotations),
    line: r.at(node).line,
  };
}
