// The dead man's switch: an alert that always fires, so the heartbeat receiver (configured under
// alertmanager.watchdog) notices when Prometheus, its rules or Alertmanager stop working.
import { labels as labelNames } from '../../model/conventions.ts';
import type { Model } from '../../model/model.ts';
import * as q from '../../promql/construct.ts';
import type { Generator, YamlFile } from '../types.ts';
import { AlertRuleBuilder } from './builders.ts';
import { groupToYaml } from './file-shape.ts';
import type { RuleGroup } from './types.ts';

export const watchdogName = 'obsgen-watchdog';

export function watchdogGroup(model: Model, alertname: string): RuleGroup {
  const rule = new AlertRuleBuilder(alertname, q.call('vector', [q.number(1)]))
    // severity "none": routed to the heartbeat receiver only, and exempt from alerts/always-fires.
    .label(labelNames.severity, 'none')
    .summary('Always firing: proves the alerting pipeline works.')
    .description(
      "This alert fires all the time on purpose. Alertmanager sends it to a dead man's switch, which pages when it stops arriving.",
    )
    .runbook(
      model.settings.runbookBaseUrl === null
        ? null
        : `${model.settings.runbookBaseUrl.replace(/\/$/, '')}/${watchdogName}`,
    )
    .build();
  return { name: watchdogName, intervalMs: model.settings.evaluationIntervalMs, rules: [rule] };
}

export const watchdogGenerator: Generator = {
  name: 'watchdog',
  async generate(model) {
    const settings = model.alertmanager.watchdog;
    if (!settings) return { files: [], problems: [] };
    const group = groupToYaml(watchdogGroup(model, settings.alertname));
    const documents: YamlFile[] = [
      {
        path: `prometheus/rules/${watchdogName}.yaml`,
        documents: [
          {
            apiVersion: 'monitoring.coreos.com/v1',
            kind: 'PrometheusRule',
            metadata: {
              name: watchdogName,
              namespace: settings.namespace,
              labels: { ...model.settings.ruleSelectorLabels, 'app.kubernetes.io/managed-by': 'obsgen' },
            },
            spec: { groups: [group] },
          },
        ],
        kubernetes: true,
      },
      {
        path: `prometheus/rule-files/${watchdogName}.rules.yaml`,
        documents: [{ groups: [group] }],
        kubernetes: false,
      },
    ];
    return { files: [], documents, problems: [] };
  },
};
