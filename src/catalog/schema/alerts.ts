// Per-service alert tuning: overrides of the default alerts and extra hand-written alerts.
import { z } from 'zod';
import { duration, labelMap } from './common.ts';

export const severity = z.enum(['critical', 'warning', 'info']);

export const alertOverride = z.strictObject({
  disabled: z.boolean().optional(),
  for: duration.optional(),
  keepFiringFor: duration
    .optional()
    .describe('keep the alert firing this long after its condition clears (Prometheus keep_firing_for)'),
  severity: severity.optional(),
  threshold: z
    .number()
    .optional()
    .describe('the alert condition threshold, in the unit of the alert (ratio 0-1, seconds, ...)'),
  labels: labelMap.optional(),
  runbook: z.url().optional(),
});

export const extraAlert = z.strictObject({
  alert: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'alert names are PascalCase, e.g. "QueueBacklogGrowing"'),
  expr: z.string().min(1),
  for: duration.optional(),
  keepFiringFor: duration.optional(),
  severity,
  summary: z.string().min(1),
  description: z.string().min(1),
  runbook: z.url().optional(),
  labels: labelMap.optional(),
});

export const alerts = z.strictObject({
  overrides: z
    .record(z.string(), alertOverride)
    .default({})
    .describe('keyed by generated alert name, e.g. HighErrorRatio'),
  extra: z.array(extraAlert).default([]),
});
