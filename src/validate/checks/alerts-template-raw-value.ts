// `{{ $value }}` prints Go's float64 in full (0.004166666666666667, 1.2345e+06) and says nothing of
// what it counts: the reader of a page cannot tell seconds from a ratio. Format it (humanize,
// humanizePercentage, humanizeDuration, printf "%.2f") or follow it with its unit.
import { type Check, type Finding, noFindings, templateTarget, withFinding } from '../check.ts';
import { valuePrints } from '../template-refs.ts';

export const alertsTemplateRawValue: Check = {
  id: 'alerts/template-raw-value',
  severity: 'warning',
  kind: 'alert',
  description: 'an annotation prints $value unformatted and without a unit',
  check: (rule) => {
    if (rule.kind !== 'alert') return noFindings;
    let findings: Finding[] | null = null;
    for (const [key, template] of rule.templates) {
      if (!key.startsWith('annotations.')) continue;
      for (const print of valuePrints(template)) {
        if (print.formatted || print.unitFollows) continue;
        findings = withFinding(findings, {
          message:
            '$value is printed unformatted and without a unit (Go prints e.g. 0.004166666666666667): use humanize, humanizePercentage, humanizeDuration or printf "%.2f", and say what it counts',
          target: templateTarget(key),
          offset: print.offset,
        });
      }
    }
    return findings ?? noFindings;
  },
};
