// dashboard/rate-interval: rate() over a fixed window shows nothing when zoomed out past the
// resolution, and over $__interval misses samples at fine steps; $__rate_interval is always at least
// four scrape intervals.
import type { Problem } from '../../problem.ts';
import type { DashboardCheck } from './context.ts';

export const id = 'dashboard/rate-interval';

const rangeFunction =
  /\b(rate|irate|increase|delta|idelta|deriv)\s*\(([^()[\]]*(?:\{[^{}]*\})?)\s*\[([^\]]+)\]/g;

export const rateInterval: DashboardCheck = {
  id,
  severity: 'warning',
  description: 'rate() and friends over $__rate_interval, not a fixed window or $__interval',
  check(ctx) {
    const problems: Problem[] = [];
    for (const target of ctx.targets) {
      if (target.expr?.kind !== 'string') continue;
      for (const match of target.expr.value.matchAll(rangeFunction)) {
        const window = (match[3] ?? '').trim();
        if (window === '$__rate_interval' || window === '${__rate_interval}') continue;
        problems.push(
          ctx.finding(
            id,
            'warning',
            `panel "${target.panel.title}": ${match[1]}() over [${window}]; use [$__rate_interval] so the window follows the scrape interval and zoom`,
            target.expr,
            match.index,
          ),
        );
      }
    }
    return problems;
  },
};
