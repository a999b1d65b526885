// How Prometheus finds and scrapes a service.
import { z } from 'zod';
import { duration, kubernetesLabels } from './common.ts';

export const scrape = z.strictObject({
  kind: z
    .enum(['service', 'pod'])
    .default('service')
    .describe('service: a ServiceMonitor on a Service port; pod: a PodMonitor on a container port'),
  port: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'must be a named port (IANA_SVC_NAME), e.g. "metrics" or "http"',
    )
    .max(15, 'port names are at most 15 characters'),
  path: z.string().startsWith('/', 'must start with "/"').default('/metrics'),
  scheme: z.enum(['http', 'https']).default('http'),
  interval: duration.default('30s'),
  timeout: duration
    .optional()
    .describe('scrape timeout; must be below the interval (default: the interval minus 20%)'),
  selector: kubernetesLabels
    .refine((m) => Object.keys(m).length > 0, 'the selector needs at least one label')
    .describe('labels of the Service (or Pods) to scrape'),
  job: z.string().optional().describe('job label value; defaults to the service name'),
  sampleLimit: z.number().int().positive().optional(),
  targetLimit: z.number().int().positive().optional(),
  address: z
    .string()
    .optional()
    .describe('host:port for plain Prometheus static configs (outside Kubernetes)'),
});
export type ScrapeSpec = z.infer<typeof scrape>;
