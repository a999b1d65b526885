// Two identical rules in one file evaluate the same thing twice and, for alerts, page twice. Only one
// file is compared: the same rules as a plain file and as a PrometheusRule are meant for different loaders.
import { type Check, type LintRule, noFindings } from '../check.ts';

/**
 * One rule's identity (file, kind, name, labels, expression up to whitespace) equals the other's.
 * Compared field by field, cheapest first: rules sharing a name mostly differ in their labels, so the
 * expression, the long part, is rarely read and whitespace is folded only when the texts differ.
 */
function sameIdentity(a: LintRule, b: LintRule): boolean {
  return (
    a.file === b.file &&
    a.kind === b.kind &&
    a.name === b.name &&
    sameLabels(a.labels, b.labels) &&
    (a.expr === b.expr || foldedWhitespace(a.expr) === foldedWhitespace(b.expr))
  );
}

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, value] of a) if (b.get(name) !== value) return false;
  return true;
}

function foldedWhitespace(expr: string): string {
  return expr.replace(/\s+/g, ' ').trim();
}

/**
 * Below this many rules (one service's in gen) a scan up to the rule costs less than an index of
 * every name; above it the index keeps a large file's run linear.
 */
const indexedFrom = 64;

/** Rules by name, computed once per lint run (the rules list is the run's): most names are unique. */
const rulesByName = new WeakMap<readonly LintRule[], Map<string, LintRule[]>>();

function sameName(rules: readonly LintRule[], name: string): readonly LintRule[] {
  let index = rulesByName.get(rules);
  if (!index) {
    index = new Map();
    for (const rule of rules) {
      const list = index.get(rule.name);
      if (list) list.push(rule);
      else index.set(rule.name, [rule]);
    }
    rulesByName.set(rules, index);
  }
  return index.get(name) ?? [];
}

/** The first rule, in file order, of the same identity (the name is part of it): maybe the rule itself. */
function firstOfIdentity(rules: readonly LintRule[], rule: LintRule): LintRule | undefined {
  if (rules.length < indexedFrom) {
    for (const other of rules)
      if (other === rule || (other.name === rule.name && sameIdentity(other, rule))) return other;
    return undefined;
  }
  const candidates = sameName(rules, rule.name);
  if (candidates.length < 2) return rule;
  return candidates.find((other) => other === rule || sameIdentity(other, rule));
}

export const rulesDuplicate: Check = {
  id: 'rules/duplicate',
  severity: 'warning',
  description: 'the same rule (name, expression, labels) appears twice in a file',
  check: (rule, context) => {
    const first = firstOfIdentity(context.rules, rule);
    if (!first || first === rule) return noFindings;
    const at = first.locate('name');
    return [{ message: `duplicate of the rule at ${at.file}:${at.line}:${at.column}`, target: 'name' }];
  },
};
