// A service's rule groups as a prometheus-operator PrometheusRule and as a plain Prometheus rule file.
import { toYaml, withHeader } from '../../emit/yaml.ts';
import { labels as labelNames, objectNames, paths } from '../../model/conventions.ts';
import type { Model, Service } from '../../model/model.ts';
import { formatDurationInDays } from '../../promql/duration.ts';
import type { GeneratedFile } from '../types.ts';
import type { Rule, RuleGroup } from './types.ts';

/** Kubernetes objects are capped at ~1.5 MiB by etcd; split well below it. */
export const maxPrometheusRuleBytes = 1024 * 1024;

export function ruleToYaml(rule: Rule): Record<string, unknown> {
  if (rule.kind === 'record') {
    return {
      record: rule.record,
      expr: rule.expr,
      ...(Object.keys(rule.labels).length > 0 ? { labels: rule.labels } : {}),
    };
  }
  return {
    alert: rule.alert,
    expr: rule.expr,
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

/**
 * A service's groups, each serialized once as a YAML list item. The plain rule file and the
 * PrometheusRule embed the same text at different depths, so the two can never disagree.
 */
export function serializeGroups(groups: readonly RuleGroup[], rulerFields: RulerGroupFields = {}): string[] {
  return groups.map((group) => toYaml([rulerGroupToYaml(group, rulerFields)], { header: false }));
}

function indent(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

function groupsBlock(items: readonly string[], prefix: string): string {
  return items.length === 0 ? ' []\n' : `\n${items.map((item) => indent(item, prefix)).join('')}`;
}

export function ruleFile(service: Service, items: readonly string[]): GeneratedFile {
  return {
    path: paths.ruleFile(service.name),
    content: withHeader(`groups:${groupsBlock(items, '  ')}`),
    kubernetes: false,
  };
}

/** The Mimir ruler's file for a service, one namespace per service, as `mimirtool rules load` reads it. */
export function mimirRulesFile(service: Service, items: readonly string[]): GeneratedFile {
  return {
    path: paths.mimirRules(service.name),
    content: withHeader(`namespace: ${service.name}\ngroups:${groupsBlock(items, '  ')}`),
    kubernetes: false,
  };
}

/** A Thanos Ruler rule file (`--rule-file`): Prometheus's format plus Thanos's group fields. */
export function thanosRuleFile(service: Service, items: readonly string[]): GeneratedFile {
  return {
    path: paths.thanosRuleFile(service.name),
    content: withHeader(`groups:${groupsBlock(items, '  ')}`),
    kubernetes: false,
  };
}

function prometheusRuleText(model: Model, service: Service, items: readonly string[], part: number): string {
  const name =
    part === 1 ? objectNames.prometheusRule(service) : `${objectNames.prometheusRule(service)}-${part}`;
  const envelope = toYaml({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name,
      namespace: service.namespace,
      labels: {
        ...model.settings.ruleSelectorLabels,
        'app.kubernetes.io/managed-by': 'obsgen',
        [labelNames.service]: service.name,
        [labelNames.team]: service.team,
      },
    },
  });
  return `${envelope}spec:\n  groups:${groupsBlock(items, '    ')}`;
}

/** One PrometheusRule per service; `-2`, `-3`... only when one object would exceed the size cap. */
export function prometheusRuleFiles(
  model: Model,
  service: Service,
  items: readonly string[],
): GeneratedFile[] {
  const envelope = prometheusRuleText(model, service, [], 1).length;
  const parts: string[][] = [[]];
  let size = envelope;
  for (const item of items) {
    // Each line gains four spaces of indentation inside the object.
    const itemSize = item.length + 4 * (item.split('\n').length - 1);
    const current = parts[parts.length - 1] ?? [];
    if (current.length > 0 && size + itemSize > maxPrometheusRuleBytes) {
      parts.push([item]);
      size = envelope + itemSize;
    } else {
      current.push(item);
      size += itemSize;
    }
  }
  return parts.map((part, index) => {
    const number = index + 1;
    const base = paths.prometheusRule(service.name);
    const path = number === 1 ? base : base.replace(/\.yaml$/, `-${number}.yaml`);
    return { path, content: prometheusRuleText(model, service, part, number), kubernetes: true };
  });
}
