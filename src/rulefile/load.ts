// Loads Prometheus rule files for lint: plain `groups:` files and PrometheusRule CRDs, several YAML
// documents per file, keeping the source position of every field so findings point into the file.
// Shape errors that promtool rejects become `rules/format` problems; the rest is left to the checks.
// A clean file is read by the js-yaml fast path; a file with YAML errors or shape problems, or a finding
// the fast path cannot place, goes through the positional `yaml` parse, which stays the reference.

import { type Problem, problem, type SourcePosition } from '../problem.ts';
import { durationMs } from '../promql/duration.ts';
import { fileOffset } from '../yaml/scalar-offsets.ts';
import { fastTrees } from './fast-yaml.ts';
import {
  getPair,
  hasKey,
  linePos,
  lineStarts,
  scalarValue,
  type TreeMap,
  type TreeNode,
  type TreeScalar,
  treeFromYaml,
  unknownOffset,
  yamlLibrary,
} from './yaml-tree.ts';

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
  return loadRuleTextFast(file, text) ?? loadRuleTextPositional(file, text);
}

/** The fast path alone: null when the file needs the positional parse (YAML or shape problems). */
export function loadRuleTextFast(file: string, text: string): LoadedRuleFile | null {
  const documents = fastTrees(text);
  if (documents === null) return null;
  const lines = lineStarts(text);
  let positional: LoadedRuleFile | undefined;
  const source: Source = {
    text,
    at: (offset) => {
      const { line, col } = linePos(lines, offset);
      return { file, line, column: col };
    },
    positional: (index) => {
      positional ??= loadRuleTextPositional(file, text);
      // The same rules in the same order, unless the two parsers read the file differently after all.
      const same = positional.problems.length === 0 && positional.rules.length === loaded.rules.length;
      const rule = same ? positional.rules[index] : undefined;
      return rule?.name === loaded.rules[index]?.name ? rule : undefined;
    },
  };
  const loaded = loadDocuments(file, source, documents);
  return loaded.problems.length === 0 ? loaded : null;
}

/** The reference loader: `yaml`'s positional parse, exact for every construct and every error. */
export function loadRuleTextPositional(file: string, text: string): LoadedRuleFile {
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const source: Source = {
    text,
    at: (offset) => {
      const { line, col } = lines.linePos(offset);
      return { file, line, column: col };
    },
    positional: () => undefined,
  };
  const problems: Problem[] = [];
  const trees: (TreeNode | null)[] = [];
  for (const doc of Array.isArray(documents) ? documents : [documents]) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors)
        problems.push(
          problem(formatCheck, 'error', `invalid YAML: ${firstLine(error.message)}`, source.at(error.pos[0])),
        );
      trees.push(null);
      continue;
    }
    trees.push(treeFromYaml(text, doc.contents));
  }
  const loaded = loadDocuments(file, source, trees);
  return { rules: loaded.rules, problems: [...problems, ...loaded.problems] };
}

interface Source {
  readonly text: string;
  at(offset: number): SourcePosition;
  /** The positional parse's rule at this index, for positions the fast path does not know. */
  positional(index: number): LoadedRule | undefined;
}

function loadDocuments(
  file: string,
  source: Source,
  documents: readonly (TreeNode | null)[],
): LoadedRuleFile {
  const problems: Problem[] = [];
  const rules: LoadedRule[] = [];
  const report = (message: string, offset: number): void => {
    problems.push(problem(formatCheck, 'error', message, source.at(offset)));
  };
  for (const doc of documents) {
    const groups = groupsOf(doc);
    if (groups === undefined) continue; // not a rule document (e.g. a ServiceMonitor next to it)
    if (groups?.kind !== 'seq') {
      report('groups must be a list', offsetOf(groups, 0));
      continue;
    }
    const seenGroups = new Map<string, number>();
    for (const groupNode of groups.items) {
      if (groupNode?.kind !== 'map') {
        report('a group must be a mapping', offsetOf(groupNode, 0));
        continue;
      }
      const group = loadGroup(groupNode, report);
      if (!group) continue;
      const previous = seenGroups.get(group.info.name);
      if (previous !== undefined) {
        report(
          `group name "${group.info.name}" is repeated in the same file`,
          offsetOf(getPair(groupNode, 'name'), 0),
        );
      }
      seenGroups.set(group.info.name, 1);
      for (const ruleNode of group.rules) {
        const rule = loadRule(file, source, rules.length, ruleNode, group.info, report);
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
function groupsOf(contents: TreeNode | null): TreeNode | null | undefined {
  if (contents?.kind !== 'map') return undefined;
  if (hasKey(contents, 'groups')) return getPair(contents, 'groups') ?? null;
  const kind = scalarValue(getPair(contents, 'kind'));
  if (kind !== 'PrometheusRule') return undefined;
  const spec = getPair(contents, 'spec');
  if (spec?.kind !== 'map') return null;
  return getPair(spec, 'groups') ?? null;
}

function offsetOf(node: TreeNode | null | undefined, fallback: number): number {
  if (node && node.kind !== 'other' && node.start !== unknownOffset) return node.start;
  return fallback;
}

type Report = (message: string, offset: number) => void;

function loadGroup(node: TreeMap, report: Report): { info: RuleGroupInfo; rules: TreeMap[] } | null {
  const start = offsetOf(node, 0);
  for (const key of keysOf(node)) {
    if (!groupKeys.has(key.text)) report(`unknown group field "${key.text}"`, key.offset);
  }
  const name = scalarValue(getPair(node, 'name'));
  if (typeof name !== 'string' || name === '') {
    report('group has no name', start);
    return null;
  }
  const intervalText = scalarValue(getPair(node, 'interval'));
  let intervalMs: number | null = null;
  if (intervalText !== undefined) {
    intervalMs = typeof intervalText === 'string' ? durationMs(intervalText) : null;
    if (intervalMs === null)
      report(`invalid interval "${String(intervalText)}"`, offsetOf(getPair(node, 'interval'), start));
  }
  const rulesNode = getPair(node, 'rules');
  const rules: TreeMap[] = [];
  if (rulesNode !== undefined) {
    if (rulesNode.kind !== 'seq') report('rules must be a list', offsetOf(rulesNode, start));
    else
      for (const item of rulesNode.items) {
        if (item?.kind === 'map') rules.push(item);
        else report('a rule must be a mapping', offsetOf(item, start));
      }
  }
  return { info: { name, intervalMs }, rules };
}

function keysOf(node: TreeMap): { text: string; offset: number }[] {
  const keys: { text: string; offset: number }[] = [];
  for (const pair of node.pairs) {
    if (pair.key?.kind === 'scalar')
      keys.push({ text: String(pair.key.value), offset: offsetOf(pair.key, 0) });
  }
  return keys;
}

function loadRule(
  file: string,
  source: Source,
  index: number,
  node: TreeMap,
  group: RuleGroupInfo,
  report: Report,
): LoadedRule | null {
  const start = offsetOf(node, 0);
  for (const key of keysOf(node)) {
    if (!ruleKeys.has(key.text)) report(`unknown rule field "${key.text}"`, key.offset);
  }
  const record = getPair(node, 'record');
  const alert = getPair(node, 'alert');
  if ((record === undefined) === (alert === undefined)) {
    report('a rule needs exactly one of "record" or "alert"', start);
    return null;
  }
  const kind = record !== undefined ? 'record' : 'alert';
  const nameNode = record ?? alert;
  const name = nameNode?.kind === 'scalar' ? String(nameNode.value ?? '') : '';
  if (name === '') {
    report(`${kind} name is empty`, offsetOf(nameNode, start));
    return null;
  }
  if (kind === 'record' && !metricName.test(name)) {
    report(`recording rule name "${name}" is not a valid metric name`, offsetOf(nameNode, start));
  }
  const exprNode = getPair(node, 'expr');
  if (exprNode?.kind !== 'scalar' || typeof exprNode.value !== 'string' || exprNode.value.trim() === '') {
    report('rule has no expr', offsetOf(exprNode, start));
    return null;
  }
  if (kind === 'record') {
    for (const field of ['for', 'keep_firing_for', 'annotations']) {
      if (hasKey(node, field))
        report(`a recording rule cannot have "${field}"`, offsetOf(getPair(node, field), start));
    }
  }
  let forMs = 0;
  const forNode = getPair(node, 'for');
  if (forNode !== undefined) {
    const parsed =
      forNode.kind === 'scalar' && typeof forNode.value === 'string' ? durationMs(forNode.value) : null;
    if (parsed === null)
      report(
        `invalid for duration "${String(forNode.kind === 'scalar' ? forNode.value : '')}"`,
        offsetOf(forNode, start),
      );
    forMs = parsed ?? 0;
  }
  const labels = stringMap(node, 'labels', report, start);
  const annotations = stringMap(node, 'annotations', report, start);
  const locate = locator({ source, index, node, start, nameNode, exprNode, forNode });
  return { file, kind, name, expr: exprNode.value, forMs, labels, annotations, group, locate };
}

/** What locate needs of a rule; one object per rule, the functions below are shared. */
interface RuleSite {
  readonly source: Source;
  /** The rule's index in the file, for the positional parse's copy of it. */
  readonly index: number;
  readonly node: TreeMap;
  readonly start: number;
  readonly nameNode: TreeNode | undefined;
  readonly exprNode: TreeScalar;
  readonly forNode: TreeNode | undefined;
}

function locator(site: RuleSite): LoadedRule['locate'] {
  return (target, offset) => locateIn(site, target, offset);
}

function locateIn(site: RuleSite, target: Target, offset: number | undefined): SourcePosition {
  const { source, start } = site;
  const found = targetNode(site, target);
  const n = found === undefined ? site.node : found;
  const base = offsetOf(n, start);
  if (offset === undefined || n?.kind !== 'scalar') {
    if (n?.kind === 'scalar' && n.start === unknownOffset)
      return source.positional(site.index)?.locate(target, offset) ?? source.at(base);
    return source.at(base);
  }
  const offsets = n.start === unknownOffset ? undefined : n.offsets();
  if (offsets === undefined) return source.positional(site.index)?.locate(target, offset) ?? source.at(base);
  return source.at(offsets ? fileOffset(offsets, offset) : contentStart(source.text, n, base));
}

/** The node a target points at: null when the field has no node, undefined when there is no such field. */
function targetNode(site: RuleSite, target: Target): TreeNode | null | undefined {
  if (target === 'rule') return site.node;
  if (target === 'name') return site.nameNode ?? null;
  if (target === 'expr') return site.exprNode;
  if (target === 'for') return site.forNode ?? null;
  const [section, name] =
    'labels' in target ? ['labels', target.labels] : ['annotations', target.annotations];
  const map = getPair(site.node, section);
  if (map?.kind !== 'map') return undefined;
  let found: TreeNode | null | undefined;
  for (const pair of map.pairs) {
    // The last pair of that name wins (keys `1` and "1" are different YAML keys with one name).
    if (pair.key?.kind === 'scalar' && String(pair.key.value) === name)
      found = (target.key ? pair.key : pair.value) ?? null;
  }
  return found;
}

/** Without an offset map, point at the first value line of a block scalar rather than its `|`. */
function contentStart(text: string, node: TreeNode, base: number): number {
  if (node.kind === 'scalar' && (node.style === 'BLOCK_LITERAL' || node.style === 'BLOCK_FOLDED')) {
    const lineEnd = text.indexOf('\n', base);
    if (lineEnd >= 0) {
      let i = lineEnd + 1;
      while (text[i] === ' ') i++;
      return i;
    }
  }
  return base;
}

function stringMap(node: TreeMap, section: string, report: Report, start: number): Map<string, string> {
  const result = new Map<string, string>();
  const map = getPair(node, section);
  if (map === undefined) return result;
  if (map.kind !== 'map') {
    report(`${section} must be a mapping`, offsetOf(map, start));
    return result;
  }
  for (const pair of map.pairs) {
    if (pair.key?.kind !== 'scalar') continue;
    const key = String(pair.key.value);
    if (!labelName.test(key)) report(`invalid ${section} name "${key}"`, offsetOf(pair.key, start));
    const value = pair.value?.kind === 'scalar' ? pair.value.value : undefined;
    if (pair.value?.kind === 'map' || pair.value?.kind === 'seq') {
      report(`${section} "${key}" must be a string`, offsetOf(pair.value, start));
      continue;
    }
    result.set(key, value === null || value === undefined ? '' : String(value));
  }
  return result;
}
