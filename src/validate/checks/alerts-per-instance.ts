// An alert over raw series with no aggregation fires once per instance (pod, replica): ten replicas with
// the same problem page ten times. Per-target alerts are fine when the templates name the target.
import { type Check, noFindings } from '../check.ts';
import { hasLabel, isRecordedName, outputLabels, selectors } from '../expr-tools.ts';
import { labelRefs } from '../template-refs.ts';

/** Labels that tell targets apart; a template naming one shows the per-target firing is deliberate. */
export const instanceLabels = ['instance', 'pod', 'container', 'node', 'pod_name', 'host', 'hostname'];

export const alertsPerInstance: Check = {
  id: 'alerts/per-instance',
  severity: 'warning',
  kind: 'alert',
  description: 'an alert without aggregation fires once per instance',
  check: (rule) => {
    if (rule.kind !== 'alert' || !rule.ast) return noFindings;
    const raw = selectors(rule.ast).some((s) => s.name !== '' && !isRecordedName(s.name));
    if (!raw) return noFindings;
    // Only an expression that keeps every source label is "not aggregated"; by (instance) is deliberate.
    const labels = outputLabels(rule.ast);
    if (labels.kind !== 'all' || !hasLabel(labels, 'instance')) return noFindings;
    for (const template of rule.templates.values())
      if (labelRefs(template).some((r) => instanceLabels.includes(r.name))) return noFindings;
    return [
      {
        message:
          'no aggregation: the alert fires once per instance; aggregate (e.g. sum by (job)) or name the instance in the annotations',
        target: 'expr',
        offset: 0,
      },
    ];
  },
};
