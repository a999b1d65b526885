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

/** First rule of each identity, computed once per lint run (the rules list is the run's). */
const firstByIdentity = new WeakMap<readonly LintRule[], Map<string, LintRule>>();

function firstRules(rules: readonly LintRule[]): Map<string, LintRule> {
  let index = firstByIdentity.get(rules);
  if (!index) {
    index = new Map();
    for (const rule of rules) {
      const key = identity(rule);
      if (!index.has(key)) index.set(key, rule);
    }
    firstByIdentity.set(rules, index);
  }
  return index;
}

export const rulesDuplicate: Check = {
  id: 'rules/duplicate',
  severity: 'warning',
  description: 'the same rule (name, expression, labels) appears twice in a file',
  check: (rule, context) => {
    const first = firstRules(context.rules).get(identity(rule));
    if (!first || first === rule) return [];
    const at = first.locate('name');
    return [{ message: `duplicate of the rule at ${at.file}:${at.line}:${at.column}`, target: 'name' }];
  },
};
