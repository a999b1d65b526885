// Two identical rules in one file evaluate the same thing twice and, for alerts, page twice. Only one
// file is compared: the same rules as a plain file and as a PrometheusRule are meant for different loaders.
import type { Check, LintRule } from '../check.ts';

const identities = new WeakMap<LintRule, string>();

function identity(rule: LintRule): string {
  let key = identities.get(rule);
  if (key === undefined) {
    const labels = [...rule.labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const expr = rule.expr.replace(/\s+/g, ' ').trim();
    key = JSON.stringify([rule.file, rule.kind, rule.name, expr, labels]);
    identities.set(rule, key);
  }
  return key;
}

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

export const rulesDuplicate: Check = {
  id: 'rules/duplicate',
  severity: 'warning',
  description: 'the same rule (name, expression, labels) appears twice in a file',
  check: (rule, context) => {
    const candidates = sameName(context.rules, rule.name);
    if (candidates.length < 2) return [];
    // The first rule, in file order, of the same identity (the name is part of it).
    const key = identity(rule);
    const first = candidates.find((other) => identity(other) === key);
    if (!first || first === rule) return [];
    const at = first.locate('name');
    return [{ message: `duplicate of the rule at ${at.file}:${at.line}:${at.column}`, target: 'name' }];
  },
};
