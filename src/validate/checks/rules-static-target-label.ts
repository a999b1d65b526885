// A recording rule that pastes a constant `service`/`job`/`instance` label replaces what the series
// carried from its scrape target: aggregate by the label instead, so the value stays true for every target.
import type { Check } from '../check.ts';

export const targetLabels = ['service', 'job', 'instance', 'namespace', 'pod'];

export const rulesStaticTargetLabel: Check = {
  id: 'rules/static-target-label',
  severity: 'warning',
  description: 'a recording rule sets a target label (service, job, instance...) to a constant',
  check: (rule) => {
    if (rule.kind !== 'record') return [];
    return targetLabels
      .filter((name) => rule.labels.has(name))
      .map((name) => ({
        message: `recording rule sets ${name}="${rule.labels.get(name) ?? ''}" statically: keep the label from the series (aggregate by ${name}) instead`,
        target: { labels: name },
      }));
  },
};
