// A service: who owns it, how it is scraped, what it exposes, and what to watch.
import { z } from 'zod';
import { alerts } from './alerts.ts';
import { dnsLabel, duration, labelMap, url } from './common.ts';
import { metric } from './metrics.ts';
import { scrape } from './scrape.ts';
import { slo } from './slo.ts';
import { serviceRuler } from './target.ts';

const metricKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'metric keys are lowercase snake_case, e.g. "requests"');

/** Which declared metrics carry the RED signals, from which the default rules and alerts derive. */
export const red = z.strictObject({
  requests: z.string().describe('key of the request counter, or a selector on it'),
  errors: z
    .string()
    .optional()
    .describe('key of an error counter, or a selector such as http_requests_total{code=~"5.."}'),
  latency: z.string().optional().describe('key of the request-duration histogram'),
  errorRatioThreshold: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.05)
    .describe('error ratio (0-1) above which HighErrorRatio fires'),
  latencyThreshold: z
    .number()
    .positive()
    .optional()
    .describe('p99 latency in seconds above which HighLatency fires'),
  minRequestRate: z
    .number()
    .nonnegative()
    .default(0.1)
    .describe('requests/s below which ratio alerts stay quiet (too little traffic to judge)'),
});

/** A gauge that saturates: a pool, a queue. */
export const saturation = z.strictObject({
  used: metricKey.describe('key of the gauge'),
  capacity: metricKey
    .optional()
    .describe('key of the gauge holding the limit; without it the threshold is absolute'),
  threshold: z.number().positive(),
  for: duration.default('5m'),
  description: z.string().optional(),
});

export const service = z.strictObject({
  team: dnsLabel.describe('owner team, a key of teams'),
  namespace: dnsLabel,
  description: z.string().optional(),
  runbook: url
    .optional()
    .describe(
      'runbook page of this service; its alerts link to <runbook>#<alertname in lower case>, SLO alerts to <runbook>#slo-<slo>',
    ),
  labels: labelMap.optional().describe('static labels added to every generated rule'),
  scrape,
  metrics: z.record(metricKey, metric),
  red: red.optional(),
  saturation: z.record(metricKey, saturation).default({}),
  alerts: alerts.default({ overrides: {}, extra: [] }),
  slos: z.record(dnsLabel, slo).default({}),
  ruler: serviceRuler
    .optional()
    .describe("how the distributed rulers (settings.target mimir or thanos) run this service's groups"),
});
export type ServiceSpec = z.infer<typeof service>;
