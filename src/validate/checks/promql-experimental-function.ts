// Prometheus 3's experimental functions exist only behind
// `--enable-feature=promql-experimental-functions` (3.x functions docs: "This function has to be
// enabled via the feature flag"); without it the rule group fails to load. Which ones are is the
// `experimental` column of src/promql/functions.ts. Under 2.42 they do not parse at all, which
// promql/syntax reports: this check sees 3.x trees only. (The experimental limitk and limit_ratio
// aggregations are still rejected by the parser, naming themselves.)
import { functions } from '../../promql/functions.ts';
import { type Check, type Finding, noFindings, withFinding } from '../check.ts';
import { readCalls } from '../expr-tools.ts';

export const promqlExperimentalFunction: Check = {
  id: 'promql/experimental-function',
  severity: 'warning',
  description: 'a Prometheus 3 function that needs --enable-feature=promql-experimental-functions',
  check: (rule) => {
    if (!rule.ast) return noFindings;
    let findings: Finding[] | null = null;
    for (const call of readCalls(rule.ast)) {
      if (functions[call.func]?.experimental)
        findings = withFinding(findings, {
          message: `function ${call.func}() is experimental in Prometheus 3: the server needs --enable-feature=promql-experimental-functions, or the rule group fails to load`,
          target: 'expr',
          offset: call.start,
        });
    }
    return findings ?? noFindings;
  },
};
