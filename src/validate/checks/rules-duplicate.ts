// Two identical rules in one file evaluate the same thing twice and, for alerts, page twice. Only one
// file is compared: the same rules as a plain file and as a PrometheusRule are meant for different loaders.
import type { Check, LintRule } from '../check.ts';

function identity(rule: LintRule): string {
  const labels = [...rule.labels].sort(([a], [b]) => a.localeCompare(b));
  const expr = rule.expr.replace(/\s+/g, ' ').trim();
  return JSON.stringify([rule.kind, rule.name, expr, labels]);
}

export const rulesDuplicate: Check = {
  id: 'rules/duplicate',
  severity: 'warning',
  description: 'the same rule (name, expression, labels) appears twice',
  check: (rule, context) => {
    const key = identity(rule);
    const first = context.rules.find((other) => other.file === rule.file && identity(other) === key);
    if (!first || first === rule) return [];
    const at = first.locate('name');
    return [{ message: `duplicate of the rule at ${at.file}:${at.line}:${at.column}`, target: 'name' }];
  },
};
