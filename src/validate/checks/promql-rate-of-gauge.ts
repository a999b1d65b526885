// rate(), irate() and increase() assume a counter: every drop is read as a counter reset, so over a
// gauge (a queue depth, a pool size) they turn each decrease into a spike. A gauge's change is
// deriv() or delta(). The catalog says which metrics are gauges; without it, the name does (every
// counter's name ends in _total, and histogram and summary series in _bucket, _count, _sum).
import type { Call } from '../../promql/ast.ts';
import { type Check, type CheckContext, type Finding, noFindings, withFinding } from '../check.ts';
import { isRecordedName, rangeSelector, readCalls, selectedName } from '../expr-tools.ts';

const counterFunctions = ['rate', 'irate', 'increase'];
const counterSuffixes = ['_total', '_count', '_sum', '_bucket'];

function namedLikeCounter(name: string): boolean {
  for (const suffix of counterSuffixes) if (name.endsWith(suffix)) return true;
  return false;
}

function gaugeFix(func: string): string {
  return `${func}() reads every decrease as a counter reset; use deriv() or delta() for a gauge`;
}

/** The finding about one rate()-like call, or null; its message is built only for a finding. */
function gaugeFinding(call: Call, context: CheckContext): Finding | null {
  const selector = rangeSelector(call);
  const name = selector ? selectedName(selector) : null;
  if (!selector || name === null || isRecordedName(name)) return null;
  const declared = context.contract?.series.get(name);
  // A counter's name needs no finding whether or not a rule records it: the run's recorded names
  // are asked only of the other names.
  if (!declared && namedLikeCounter(name)) return null;
  if (context.recordedNames.has(name)) return null;
  if (declared) {
    if (declared.kind === 'counter') return null;
    return {
      message: `${call.func}() of ${name}, which the catalog declares a ${declared.type === 'summary' ? 'summary quantile (a gauge)' : 'gauge'}: ${gaugeFix(call.func)}`,
      target: 'expr',
      offset: selector.start,
    };
  }
  return {
    message: `${call.func}() of ${name}, which is not named like a counter (no _total, _count, _sum or _bucket suffix): ${gaugeFix(call.func)}`,
    target: 'expr',
    offset: selector.start,
  };
}

export const promqlRateOfGauge: Check = {
  id: 'promql/rate-of-gauge',
  severity: 'warning',
  description: 'rate(), irate() or increase() of a gauge',
  check: (rule, context) => {
    if (!rule.ast) return noFindings;
    let findings: Finding[] | null = null;
    const found = readCalls(rule.ast, counterFunctions);
    // The shared empty list is frozen, which for-of would walk with an iterator object.
    if (found.length === 0) return noFindings;
    for (const call of found) {
      const finding = gaugeFinding(call, context);
      if (finding) findings = withFinding(findings, finding);
    }
    return findings ?? noFindings;
  },
};
