// A recording rule that pastes a constant `service`/`job`/`instance` label replaces what the series
// carried from its scrape target: aggregate by the label instead, so the value stays true for every target.
// The constant is harmless when every selector already pins the label to that same value, or when the
// expression reads no series at all (a constant such as an SLO objective, labelled to say what it is about).
import { type Check, type Finding, type LintRule, noFindings, withFinding } from '../check.ts';
import { selectors } from '../expr-tools.ts';

export const targetLabels = ['service', 'job', 'instance', 'namespace', 'pod'];

function backedBySelectors(rule: LintRule, name: string, value: string): boolean {
  if (!rule.ast) return true; // unparsable: promql/syntax reports it
  const all = selectors(rule.ast);
  return all.every((s) => s.matchers.some((m) => m.name === name && m.type === '=' && m.value === value));
}

export const rulesStaticTargetLabel: Check = {
  id: 'rules/static-target-label',
  severity: 'warning',
  kind: 'record',
  description:
    'a recording rule sets a target label (service, job, instance...) to a constant the data does not back',
  check: (rule) => {
    if (rule.kind !== 'record' || rule.labels.size === 0) return noFindings;
    let findings: Finding[] | null = null;
    for (const name of targetLabels) {
      const value = rule.labels.get(name);
      if (value === undefined || backedBySelectors(rule, name, value)) continue;
      findings = withFinding(findings, {
        message: `recording rule sets ${name}="${value}" statically: keep the label from the series (aggregate by ${name}) instead`,
        target: { labels: name },
      });
    }
    return findings ?? noFindings;
  },
};
