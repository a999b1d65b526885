// rate() needs at least two samples in its window, and several to survive a missed scrape: a window
// shorter than four scrape intervals gives gaps and noisy values.
import { formatDurationInDays } from '../../promql/duration.ts';
import { type Check, type Finding, noFindings, withFinding } from '../check.ts';
import { readCalls } from '../expr-tools.ts';

const rateFunctions = ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv'];
const minimumScrapes = 4;

export const promqlRateWindow: Check = {
  id: 'promql/rate-window',
  severity: 'warning',
  description: 'rate window shorter than 4 scrape intervals',
  check: (rule, context) => {
    if (!rule.ast) return noFindings;
    const minimum = minimumScrapes * context.scrapeIntervalMs;
    let findings: Finding[] | null = null;
    const found = readCalls(rule.ast, rateFunctions);
    // The shared empty list is frozen, which for-of would walk with an iterator object.
    if (found.length === 0) return noFindings;
    for (const call of found) {
      const arg = call.args[0];
      if (arg?.type !== 'MatrixSelector' || arg.rangeMs >= minimum) continue;
      findings = withFinding(findings, {
        message: `${call.func}() window ${formatDurationInDays(arg.rangeMs)} is shorter than ${minimumScrapes} scrape intervals (${formatDurationInDays(minimum)} at a ${formatDurationInDays(context.scrapeIntervalMs)} scrape interval)`,
        target: 'expr',
        offset: arg.start,
      });
    }
    return findings ?? noFindings;
  },
};
