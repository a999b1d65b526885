// A service's rule groups as a prometheus-operator PrometheusRule and as a plain Prometheus rule file.
import { toYaml } from '../../emit/yaml.ts';
import { labels as labelNames, objectNames, paths } from '../../model/conventions.ts';
import { formatDuration } from '../../model/duration.ts';
import type { Model, Service } from '../../model/model.ts';
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
    ...(rule.forMs > 0 ? { for: formatDuration(rule.forMs) } : {}),
    ...(rule.keepFiringForMs > 0 ? { keep_firing_for: formatDuration(rule.keepFiringForMs) } : {}),
    ...(Object.keys(rule.labels).length > 0 ? { labels: rule.labels } : {}),
    ...(Object.keys(rule.annotations).length > 0 ? { annotations: rule.annotations } : {}),
  };
}

export function groupToYaml(group: RuleGroup): Record<string, unknown> {
  return {
    name: group.name,
    ...(group.intervalMs > 0 ? { interval: formatDuration(group.intervalMs) } : {}),
    rules: group.rules.map(ruleToYaml),
  };
}

export function ruleFile(service: Service, groups: readonly RuleGroup[]): GeneratedFile {
  return {
    path: paths.ruleFile(service.name),
    content: toYaml({ groups: groups.map(groupToYaml) }),
    kubernetes: false,
  };
}

function prometheusRuleObject(
  model: Model,
  service: Service,
  groups: readonly RuleGroup[],
  part: number,
): Record<string, unknown> {
  const name =
    part === 1 ? objectNames.prometheusRule(service) : `${objectNames.prometheusRule(service)}-${part}`;
  return {
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
    spec: { groups: groups.map(groupToYaml) },
  };
}

/** One PrometheusRule per service; `-2`, `-3`... only when one object would exceed the size cap. */
export function prometheusRuleFiles(
  model: Model,
  service: Service,
  groups: readonly RuleGroup[],
): GeneratedFile[] {
  // Sizes are estimated per group (each serialized once), not by re-serializing growing objects.
  const envelope = toYaml(prometheusRuleObject(model, service, [], 1)).length;
  const parts: RuleGroup[][] = [[]];
  let size = envelope;
  for (const group of groups) {
    const groupSize = toYaml([groupToYaml(group)], { header: false }).length * 1.1;
    const current = parts[parts.length - 1] ?? [];
    if (current.length > 0 && size + groupSize > maxPrometheusRuleBytes) {
      parts.push([group]);
      size = envelope + groupSize;
    } else {
      current.push(group);
      parts[parts.length - 1] = current;
      size += groupSize;
    }
  }
  return parts.map((part, index) => {
    const number = index + 1;
    const base = paths.prometheusRule(service.name);
    const path = number === 1 ? base : base.replace(/\.yaml$/, `-${number}.yaml`);
    return { path, content: toYaml(prometheusRuleObject(model, service, part, number)), kubernetes: true };
  });
}
