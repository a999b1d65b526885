// Loads Prometheus rule files for lint: plain `groups:` files and PrometheusRule CRDs, several YAML
// documents per file, keeping the source position of every field so findings point into the file.
// Shape errors that promtool rejects become `rules/format` problems; the rest is left to the checks.
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { parseDuration } from '../model/duration.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import { fileOffset, type ScalarOffsets, scalarOffsets } from './scalar-offsets.ts';

/** A place in a rule: the whole rule, one of its fields, or one label / annotation (key or value). */
export type Target =
  | 'rule'
  | 'name'
  | 'expr'
  | 'for'
  | { readonly labels: string; readonly key?: boolean }
  | { readonly annotations: string; readonly key?: boolean };

export interface RuleGroupInfo {
  readonly name: string;
  /** Evaluation interval in ms, null when the group uses the global one. */
  readonly intervalMs: number | null;
}

export interface LoadedRule {
  readonly file: string;
  readonly kind: 'alert' | 'record';
  readonly name: string;
  readonly expr: string;
  /** `for:` in ms, 0 when absent. */
  readonly forMs: number;
  readonly labels: ReadonlyMap<string, string>;
  readonly annotations: ReadonlyMap<string, string>;
  readonly group: RuleGroupInfo;
  /** Source position of a target; `offset` is a character offset inside that target's value. */
  locate(target: Target, offset?: number): SourcePosition;
}

export interface LoadedRuleFile {
  readonly rules: readonly LoadedRule[];
  readonly problems: readonly Problem[];
}

const formatCheck = 'rules/format';
const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ruleKeys = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const groupKeys = new Set(['name', 'interval', 'rules', 'limit']);

export function loadRuleText(file: string, text: string): LoadedRuleFile {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  const rules: LoadedRule[] = [];
  const at = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const report = (message: string, offset: number): void => {
    problems.push(problem(formatCheck, 'error', message, at(offset)));
  };
  const docs = Array.isArray(documents) ? documents : [documents];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) report(`invalid YAML: ${firstLine(error.message)}`, error.pos[0]);
      continue;
    }
    const groups = groupsOf(doc.contents);
    if (groups === undefined) continue; // not a rule document (e.g. a ServiceMonitor next to it)
    if (!isSeq(groups)) {
      report('groups must be a list', offsetOf(groups, 0));
      continue;
    }
    const seenGroups = new Map<string, number>();
    for (const groupNode of groups.items) {
      if (!isMap(groupNode)) {
        report('a group must be a mapping', offsetOf(groupNode, 0));
        continue;
      }
      const group = loadGroup(groupNode, report);
      if (!group) continue;
      const previous = seenGroups.get(group.info.name);
      if (previous !== undefined) {
        report(
          `group name "${group.info.name}" is repeated in the same file`,
          offsetOf(groupNode.get('name', true), 0),
        );
      }
      seenGroups.set(group.info.name, 1);
      for (const ruleNode of group.rules) {
        const rule = loadRule(file, text, at, ruleNode, group.info, report);
        if (rule) rules.push(rule);
      }
    }
  }
  return { rules, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** `groups` of a plain rule file or of a PrometheusRule's spec; undefined for other documents. */
function groupsOf(contents: unknown): unknown {
  if (!isMap(contents)) return undefined;
  if (contents.has('groups')) return contents.get('groups', true) ?? null;
  const kind = contents.get('kind');
  if (kind !== 'PrometheusRule') return undefined;
  const spec = contents.get('spec', true);
  if (!isMap(spec)) return null;
  return spec.get('groups', true) ?? null;
}

function offsetOf(node: unknown, fallback: number): number {
  if ((isScalar(node) || isMap(node) || isSeq(node)) && node.range) return node.range[0];
  return fallback;
}

type Report = (message: string, offset: number) => void;

function loadGroup(node: YAMLMap, report: Report): { info: RuleGroupInfo; rules: YAMLMap[] } | null {
  const start = offsetOf(node, 0);
  for (const key of keysOf(node)) {
    if (!groupKeys.has(key.text)) report(`unknown group field "${key.text}"`, key.offset);
  }
  const name = node.get('name');
  if (typeof name !== 'string' || name === '') {
    report('group has no name', start);
    return null;
  }
  const intervalText = node.get('interval');
  let intervalMs: number | null = null;
  if (intervalText !== undefined) {
    intervalMs = typeof intervalText === 'string' ? parseDuration(intervalText) : null;
    if (intervalMs === null)
      report(`invalid interval "${String(intervalText)}"`, offsetOf(node.get('interval', true), start));
  }
  const rulesNode = node.get('rules', true);
  const rules: YAMLMap[] = [];
  if (rulesNode !== undefined && rulesNode !== null) {
    if (!isSeq(rulesNode)) report('rules must be a list', offsetOf(rulesNode, start));
    else
      for (const item of rulesNode.items) {
        if (isMap(item)) rules.push(item);
        else report('a rule must be a mapping', offsetOf(item, start));
      }
  }
  return { info: { name, intervalMs }, rules };
}

function keysOf(node: YAMLMap): { text: string; offset: number }[] {
  const keys: { text: string; offset: number }[] = [];
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key))
      keys.push({ text: String(item.key.value), offset: offsetOf(item.key, 0) });
  }
  return keys;
}

interface Field {
  readonly node: Node | null;
  /** Computed on first use: most fields are never pointed into. */
  offsets(): ScalarOffsets | null;
}

function loadRule(
  file: string,
  text: string,
  at: (offset: number) => SourcePosition,
  node: YAMLMap,
  group: RuleGroupInfo,
  report: Report,
): LoadedRule | null {
  const start = offsetOf(node, 0);
  for (const key of keysOf(node)) {
    if (!ruleKeys.has(key.text)) report(`unknown rule field "${key.text}"`, key.offset);
  }
  const record = node.get('record', true);
  const alert = node.get('alert', true);
  if ((record === undefined) === (alert === undefined)) {
    report('a rule needs exactly one of "record" or "alert"', start);
    return null;
  }
  const kind = record !== undefined ? 'record' : 'alert';
  const nameNode = record ?? alert;
  const name = isScalar(nameNode) ? String(nameNode.value ?? '') : '';
  if (name === '') {
    report(`${kind} name is empty`, offsetOf(nameNode, start));
    return null;
  }
  if (kind === 'record' && !metricName.test(name)) {
    report(`recording rule name "${name}" is not a valid metric name`, offsetOf(nameNode, start));
  }
  const exprNode = node.get('expr', true);
  if (!isScalar(exprNode) || typeof exprNode.value !== 'string' || exprNode.value.trim() === '') {
    report('rule has no expr', offsetOf(exprNode, start));
    return null;
  }
  if (kind === 'record') {
    for (const field of ['for', 'keep_firing_for', 'annotations']) {
      if (node.has(field))
        report(`a recording rule cannot have "${field}"`, offsetOf(node.get(field, true), start));
    }
  }
  let forMs = 0;
  const forNode = node.get('for', true);
  if (forNode !== undefined) {
    const parsed =
      isScalar(forNode) && typeof forNode.value === 'string' ? parseDuration(forNode.value) : null;
    if (parsed === null)
      report(
        `invalid for duration "${String(isScalar(forNode) ? forNode.value : '')}"`,
        offsetOf(forNode, start),
      );
    forMs = parsed ?? 0;
  }
  const labels = stringMap(node, 'labels', report, start);
  const annotations = stringMap(node, 'annotations', report, start);
  const fields = new Map<string, Field>();
  const field = (n: unknown): Field => ({
    node: isScalar(n) || isMap(n) || isSeq(n) ? n : null,
    offsets: lazy(() => (isScalar(n) ? scalarOffsets(text, n as Scalar) : null)),
  });
  fields.set('rule', field(node));
  fields.set('name', field(nameNode));
  fields.set('expr', field(exprNode));
  fields.set('for', field(forNode));
  for (const section of ['labels', 'annotations'] as const) {
    const map = node.get(section, true);
    if (!isMap(map)) continue;
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      fields.set(`${section}.${key}`, field(item.value));
      fields.set(`${section}.${key}:key`, field(item.key));
    }
  }
  const locate = (target: Target, offset?: number): SourcePosition => {
    const f = fields.get(targetKey(target)) ?? fields.get('rule');
    const base = offsetOf(f?.node, start);
    if (offset === undefined || !f) return at(base);
    const offsets = f.offsets();
    return at(offsets ? fileOffset(offsets, offset) : contentStart(text, f.node, base));
  };
  return { file, kind, name, expr: exprNode.value, forMs, labels, annotations, group, locate };
}

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

function targetKey(target: Target): string {
  if (typeof target === 'string') return target;
  if ('labels' in target) return `labels.${target.labels}${target.key ? ':key' : ''}`;
  return `annotations.${target.annotations}${target.key ? ':key' : ''}`;
}

/** Without an offset map, point at the first value line of a block scalar rather than its `|`. */
function contentStart(text: string, node: Node | null, base: number): number {
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    const lineEnd = text.indexOf('\n', base);
    if (lineEnd >= 0) {
      let i = lineEnd + 1;
      while (text[i] === ' ') i++;
      return i;
    }
  }
  return base;
}

function stringMap(node: YAMLMap, section: string, report: Report, start: number): Map<string, string> {
  const result = new Map<string, string>();
  const map = node.get(section, true);
  if (map === undefined || map === null) return result;
  if (!isMap(map)) {
    report(`${section} must be a mapping`, offsetOf(map, start));
    return result;
  }
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = String(item.key.value);
    if (!labelName.test(key)) report(`invalid ${section} name "${key}"`, offsetOf(item.key, start));
    const value = isScalar(item.value) ? item.value.value : undefined;
    if (isMap(item.value) || isSeq(item.value)) {
      report(`${section} "${key}" must be a string`, offsetOf(item.value, start));
      continue;
    }
    result.set(key, value === null || value === undefined ? '' : String(value));
  }
  return result;
}
