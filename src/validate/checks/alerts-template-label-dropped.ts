// A template that reads `$labels.x` when the expression aggregated `x` away prints an empty string.
import { type Check, type Finding, templateTarget } from '../check.ts';
import { calls, hasLabel, outputLabels } from '../expr-tools.ts';
import { labelRefs } from '../template-refs.ts';

export const alertsTemplateLabelDropped: Check = {
  id: 'alerts/template-label-dropped',
  severity: 'warning',
  kind: 'alert',
  description: 'a template reads a label that the expression does not keep',
  check: (rule) => {
    if (rule.kind !== 'alert' || !rule.ast) return [];
    // absent() label loss is promql/absent's finding, not this one.
    if (calls(rule.ast, 'absent', 'absent_over_time').length > 0) return [];
    const labels = outputLabels(rule.ast);
    const findings: Finding[] = [];
    for (const [key, template] of rule.templates) {
      for (const ref of labelRefs(template)) {
        if (hasLabel(labels, ref.name) || rule.labels.has(ref.name)) continue;
        findings.push({
          message: `template reads $labels.${ref.name} but the expression does not keep the label ${ref.name}: it prints as empty`,
          target: templateTarget(key),
          offset: ref.offset,
        });
      }
    }
    return findings;
  },
};
