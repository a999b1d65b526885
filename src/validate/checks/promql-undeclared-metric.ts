// A selector of a metric the catalog does not declare selects nothing on a Prometheus that scrapes
// only what the catalog describes: a typo, a renamed metric, or a metric the catalog should list.
// Needs the catalog (`obsgen lint --catalog`). Recorded series (level:metric:operations, or any name
// a rule of the run records) and the series Prometheus writes itself are known.
import { type Check, type Finding, noFindings, withFinding } from '../check.ts';
import { isRecordedName, selectedName, selectors } from '../expr-tools.ts';

/** Written by Prometheus for its alerting rules. */
const alertSeries = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

export const promqlUndeclaredMetric: Check = {
  id: 'promql/undeclared-metric',
  severity: 'warning',
  description: 'a metric the catalog does not declare',
  check: (rule, context) => {
    const contract = context.contract;
    if (!rule.ast || !contract) return noFindings;
    const reported = new Set<string>();
    let findings: Finding[] | null = null;
    for (const selector of selectors(rule.ast)) {
      const name = selectedName(selector);
      if (name === null || reported.has(name) || contract.series.has(name)) continue;
      if (isRecordedName(name) || context.recordedNames.has(name) || alertSeries.has(name)) continue;
      reported.add(name);
      findings = withFinding(findings, {
        message: `${name} is not a metric the catalog declares (nor a series a rule here records): fix the name, or declare it under the service's metrics`,
        target: 'expr',
        offset: selector.start,
      });
    }
    return findings ?? noFindings;
  },
};
