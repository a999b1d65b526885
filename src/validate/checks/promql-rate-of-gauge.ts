// rate(), irate() and increase() assume a counter: every drop is read as a counter reset, so over a
// gauge (a queue depth, a pool size) they turn each decrease into a spike. A gauge's change is
// deriv() or delta(). The catalog says which metrics are gauges; without it, the name does (every
// counter's name ends in _total, and histogram and summary series in _bucket, _count, _sum).
import type { Check } from '../check.ts';
import { calls, isRecordedName, rangeSelector, selectedName } from '../expr-tools.ts';

const counterFunctions = ['rate', 'irate', 'increase'];
const counterSuffixes = ['_total', '_count', '_sum', '_bucket'];

export const promqlRateOfGauge: Check = {
  id: 'promql/rate-of-gauge',
  severity: 'warning',
  description: 'rate(), irate() or increase() of a gauge',
  check: (rule, context) => {
    if (!rule.ast) return [];
    return calls(rule.ast, ...counterFunctions).flatMap((call) => {
      const selector = rangeSelector(call);
      const name = selector ? selectedName(selector) : null;
      if (!selector || name === null || isRecordedName(name) || context.recordedNames.has(name)) return [];
      const declared = context.contract?.series.get(name);
      const fix = `${call.func}() reads every decrease as a counter reset; use deriv() or delta() for a gauge`;
      if (declared) {
        if (declared.kind === 'counter') return [];
        return [
          {
            message: `${call.func}() of ${name}, which the catalog declares a ${declared.type === 'summary' ? 'summary quantile (a gauge)' : 'gauge'}: ${fix}`,
            target: 'expr' as const,
            offset: selector.start,
          },
        ];
      }
      if (counterSuffixes.some((suffix) => name.endsWith(suffix))) return [];
      return [
        {
          message: `${call.func}() of ${name}, which is not named like a counter (no _total, _count, _sum or _bucket suffix): ${fix}`,
          target: 'expr' as const,
          offset: selector.start,
        },
      ];
    });
  },
};
