// Two identical rules evaluate the same thing twice and, for alerts, page twice.
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
    const first = context.rules.find((other) => identity(other) === key);
    if (!first || first === rule) return [];
    const at = first.locate('name');
    return [{ message: `duplicate of the rule at ${at.file}:${at.line}:${at.column}`, target: 'name' }];
  },
};
