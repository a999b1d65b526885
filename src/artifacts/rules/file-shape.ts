// Rule groups in the shape of Prometheus's rule-file format, as plain data (durations formatted,
// expressions as text); emit serializes them.
import { formatDurationInDays } from '../../promql/duration.ts';
import { exprText } from './expr.ts';
import type { Rule, RuleGroup } from './types.ts';

export function ruleToYaml(rule: Rule): Record<string, unknown> {
  if (rule.kind === 'record') {
    return {
      record: rule.record,
      expr: exprText(rule.expr),
      ...(Object.keys(rule.labels).length > 0 ? { labels: rule.labels } : {}),
    };
  }
  return {
    alert: rule.alert,
    expr: exprText(rule.expr),
    ...(rule.forMs > 0 ? { for: formatDurationInDays(rule.forMs) } : {}),
    ...(rule.keepFiringForMs > 0 ? { keep_firing_for: formatDurationInDays(rule.keepFiringForMs) } : {}),
    ...(Object.keys(rule.labels).length > 0 ? { labels: rule.labels } : {}),
    ...(Object.keys(rule.annotations).length > 0 ? { annotations: rule.annotations } : {}),
  };
}

/** Group fields a distributed ruler reads beyond Prometheus's format (`source_tenants`...). */
export type RulerGroupFields = Readonly<Record<string, string | readonly string[]>>;

export function groupToYaml(group: RuleGroup): Record<string, unknown> {
  return rulerGroupToYaml(group, {});
}

export function rulerGroupToYaml(group: RuleGroup, rulerFields: RulerGroupFields): Record<string, unknown> {
  return {
    name: group.name,
    ...(group.intervalMs > 0 ? { interval: formatDurationInDays(group.intervalMs) } : {}),
    ...rulerFields,
    rules: group.rules.map(ruleToYaml),
  };
}
