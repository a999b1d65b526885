// A template that reads `$labels.x` when the expression aggregated `x` away prints an empty string.
import { type Check, type Finding, noFindings, templateTarget, withFinding } from '../check.ts';
import { hasLabel, type LabelSet, outputLabels, readCalls } from '../expr-tools.ts';
import { labelRefs } from '../template-refs.ts';
import { absentFunctions } from './promql-absent.ts';

export const alertsTemplateLabelDropped: Check = {
  id: 'alerts/template-label-dropped',
  severity: 'warning',
  kind: 'alert',
  description: 'a template reads a label that the expression does not keep',
  check: (rule) => {
    const ast = rule.ast;
    if (rule.kind !== 'alert' || !ast) return noFindings;
    // Most templates read only labels the rule sets: the expression's labels are worked out when one does not.
    let labels: LabelSet | null = null;
    let findings: Finding[] | null = null;
    for (const [key, template] of rule.templates) {
      for (const ref of labelRefs(template)) {
        if (rule.labels.has(ref.name)) continue;
        labels ??= outputLabels(ast);
        if (hasLabel(labels, ref.name)) continue;
        findings = withFinding(findings, {
          message: `template reads $labels.${ref.name} but the expression does not keep the label ${ref.name}: it prints as empty`,
          target: templateTarget(key),
          offset: ref.offset,
        });
      }
    }
    // absent() label loss is promql/absent's finding, not this one.
    if (findings === null || readCalls(ast, absentFunctions).length > 0) return noFindings;
    return findings;
  },
};
