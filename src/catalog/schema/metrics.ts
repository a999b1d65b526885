// The metrics contract: what a service exposes (through prom-client or any client library).
import { z } from 'zod';
import { labelName, prometheusName } from './common.ts';

export const metricType = z.enum(['counter', 'gauge', 'histogram', 'summary']);

export const metric = z
  .strictObject({
    name: prometheusName.describe('exposed metric name, e.g. http_requests_total'),
    type: metricType,
    help: z
      .string()
      .optional()
      .describe(
        "HELP text: what registerServiceMetrics (prom-client) exposes, and the title of the metric's own panel on the service dashboard",
      ),
    unit: z
      .enum(['seconds', 'bytes', 'ratio', 'requests', 'none'])
      .optional()
      .describe('base unit of the value'),
    labels: z
      .array(labelName)
      .default([])
      .describe('label names the service attaches (besides target labels)'),
    buckets: z
      .array(z.number().positive())
      .optional()
      .describe('histogram bucket upper bounds (le), ascending'),
  })
  .superRefine((m, ctx) => {
    if (m.type === 'histogram' && !m.buckets) {
      ctx.addIssue({
        code: 'custom',
        path: ['buckets'],
        message: 'a histogram must declare its buckets (the le boundaries), e.g. [0.1, 0.25, 0.5, 1]',
      });
    }
    if (m.type !== 'histogram' && m.buckets) {
      ctx.addIssue({
        code: 'custom',
        path: ['buckets'],
        message: `only histograms have buckets; "${m.name}" is a ${m.type}`,
      });
    }
    if (m.buckets?.some((b, i, all) => i > 0 && b <= (all[i - 1] ?? 0))) {
      ctx.addIssue({ code: 'custom', path: ['buckets'], message: 'buckets must be strictly ascending' });
    }
    if (m.type === 'counter' && !m.name.endsWith('_total')) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `counter names end in "_total" (Prometheus naming), e.g. "${m.name}_total"`,
      });
    }
    if (m.type !== 'counter' && m.name.endsWith('_total')) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `"${m.name}" ends in "_total", which marks a counter; declare type: counter or rename it`,
      });
    }
    if ((m.type === 'histogram' || m.type === 'summary') && /_(bucket|count|sum)$/.test(m.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `declare the ${m.type} by its base name, without the _bucket/_count/_sum suffix`,
      });
    }
    const reserved = m.type === 'histogram' ? 'le' : m.type === 'summary' ? 'quantile' : null;
    if (reserved && m.labels.includes(reserved)) {
      ctx.addIssue({
        code: 'custom',
        path: ['labels'],
        message: `"${reserved}" is added by the ${m.type} itself; do not declare it`,
      });
    }
  });
export type MetricSpec = z.infer<typeof metric>;
