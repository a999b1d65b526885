// Service level objectives declared in the catalog (the SLO generator turns them into rules, alerts
// and promtool tests). Strict objects: a misspelt key is an error, never silently ignored.
import { z } from 'zod';
import { durationMs } from '../../promql/duration.ts';
import { duration, labelName, url } from './common.ts';

/** One alert tier, e.g. the page tier: several window pairs, any of which fires the alert. */
export const sloWindowPair = z
  .strictObject({
    long: duration.describe('long window, e.g. 1h: the burn must be sustained over it'),
    short: duration.optional().describe('short window that makes the alert reset quickly; default long / 12'),
    budget: z
      .number()
      .gt(0)
      .max(100)
      .optional()
      .describe(
        'percent of the period budget consumed over the long window, e.g. 2 (the SRE workbook page tier)',
      ),
    factor: z.number().gt(0).optional().describe('burn-rate factor instead of a budget percent, e.g. 14.4'),
  })
  .superRefine((w, ctx) => {
    if ((w.budget === undefined) === (w.factor === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'give either budget (percent consumed over the long window) or factor (burn rate), not both or neither',
      });
    }
  });

export const sloTier = z.strictObject({
  severity: z.enum(['critical', 'warning', 'info']),
  windows: z.array(sloWindowPair).min(1),
  for: duration.optional().describe('how long the burn must hold before the alert fires'),
});

export const sloAlerting = z.strictObject({
  disabled: z.boolean().default(false),
  tiers: z
    .record(z.string().regex(/^[a-z][a-z0-9]*$/, 'tier names are lowercase words, e.g. "page"'), sloTier)
    .optional()
    .describe('replaces the default page and ticket tiers (SRE workbook, scaled to the period)'),
  minRate: z
    .number()
    .nonnegative()
    .optional()
    .describe(
      'events/s over the long window below which burn alerts stay quiet (too little traffic to judge); default 0.01',
    ),
  noData: z
    .union([duration, z.literal(false)])
    .optional()
    .describe('alert when the SLI metrics are absent for this long (default 10m); false disables it'),
});

export const sloLatency = z.strictObject({
  metric: z
    .string()
    .describe(
      'a histogram declared in metrics: its key, its name, or a selector on it such as http_request_duration_seconds{route!="/health"}',
    ),
  threshold: z.number().positive().describe('seconds; must be one of the histogram buckets'),
});

export const slo = z
  .strictObject({
    description: z.string().optional(),
    objective: z
      .number()
      .gt(0, 'objective is a percentage between 0 and 100 (exclusive), e.g. 99.9')
      .lt(100, 'objective is a percentage between 0 and 100 (exclusive), e.g. 99.9')
      .superRefine((objective, ctx) => {
        const message = fractionObjectiveProblem(objective);
        if (message) ctx.addIssue({ code: 'custom', message });
      }),
    window: duration.default('30d').describe('the SLO period over which the error budget is counted'),
    reportWindows: z
      .array(duration)
      .default([])
      .describe(
        'more periods to count the error budget over for dashboards and reports, e.g. [7d] beside a 30d window; whole hours; alerts follow window',
      ),
    errors: z
      .string()
      .optional()
      .describe('selector of failed events (a counter), e.g. http_requests_total{code=~"5.."}'),
    good: z.string().optional().describe('selector of good events (a counter), instead of errors'),
    total: z.string().optional().describe('selector of all events (a counter)'),
    latency: sloLatency.optional(),
    groupBy: z.array(labelName).default([]).describe('one SLO per value of these labels, e.g. [route]'),
    runbook: url
      .optional()
      .describe("runbook page for this SLO's alerts; default <service runbook>#slo-<slo name>"),
    alerting: sloAlerting.default({ disabled: false }),
  })
  .superRefine((s, ctx) => {
    const ratio = s.errors !== undefined || s.good !== undefined || s.total !== undefined;
    if (ratio && s.latency)
      ctx.addIssue({
        code: 'custom',
        message: 'an SLO is either a ratio (errors or good, over total) or a latency SLO, not both',
      });
    if (!ratio && !s.latency)
      ctx.addIssue({
        code: 'custom',
        message: 'an SLO needs errors (or good) and total selectors, or a latency block',
      });
    if (ratio && s.total === undefined)
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'a ratio SLO needs total' });
    if (ratio && (s.errors === undefined) === (s.good === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a ratio SLO needs exactly one of errors and good' });
    }
    s.reportWindows.forEach((text, index) => {
      const message = reportWindowProblem(text, s.window, s.reportWindows.slice(0, index));
      if (message) ctx.addIssue({ code: 'custom', path: ['reportWindows', index], message });
    });
  });

/** Report periods sum hourly means, so they are whole hours; each differs from the window and the others. */
function reportWindowProblem(text: string, window: string, earlier: readonly string[]): string | null {
  const ms = durationMs(text);
  if (ms === null) return null; // the duration schema reports it
  if (ms < hourMs || ms % hourMs !== 0)
    return `report window ${text} must be a whole number of hours (the budget sums hourly means), e.g. 7d or 12h`;
  if (ms === durationMs(window))
    return `report window ${text} is the SLO window itself; list only other periods`;
  if (earlier.some((other) => durationMs(other) === ms)) return `report window ${text} is listed twice`;
  return null;
}

const hourMs = 3_600_000;

/**
 * OpenSLO and many users write targets as fractions (0.999); the catalog's objective is a percentage
 * (the Sloth and Pyrra habit), and no one means an objective of 1% or less.
 */
function fractionObjectiveProblem(objective: number): string | null {
  if (objective > 1) return null;
  const percent = Number((objective * 100).toPrecision(12));
  return `objectives are percentages: ${objective} would mean ${objective}%; write ${percent} for ${percent}%`;
}
export type SloSpec = z.infer<typeof slo>;
export type SloTierSpec = z.infer<typeof sloTier>;
