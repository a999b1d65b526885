// Service level objectives declared in the catalog (the SLO generator turns them into rules and alerts).
import { z } from 'zod';
import { duration } from './common.ts';

export const slo = z
  .strictObject({
    description: z.string().optional(),
    objective: z.number().gt(0, 'objective is a percentage between 0 and 100 (exclusive), e.g. 99.9').lt(100, 'objective is a percentage between 0 and 100 (exclusive), e.g. 99.9'),
    window: duration.default('30d'),
    errors: z.string().optional().describe('selector of failed requests (a counter), e.g. http_requests_total{code=~"5.."}'),
    total: z.string().optional().describe('selector of all requests (a counter)'),
    latency: z
      .strictObject({
        metric: z.string().describe('a histogram declared in metrics (key or name)'),
        threshold: z.number().positive().describe('seconds; must be one of the histogram buckets'),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const ratio = s.errors !== undefined || s.total !== undefined;
    if (ratio && s.latency) ctx.addIssue({ code: 'custom', message: 'an SLO is either a ratio (errors/total) or a latency SLO, not both' });
    if (!ratio && !s.latency) ctx.addIssue({ code: 'custom', message: 'an SLO needs errors and total selectors, or a latency block' });
    if (ratio && (s.errors === undefined || s.total === undefined)) ctx.addIssue({ code: 'custom', message: 'a ratio SLO needs both errors and total' });
  });
export type SloSpec = z.infer<typeof slo>;
