// How generated dashboards reach Grafana: sidecar ConfigMaps (kube-prometheus-stack), grafana-operator
// GrafanaDashboard objects, or both.
import { z } from 'zod';
import { kubernetesLabels } from './common.ts';

/** Go's time.Duration text (the operator parses it with Go): hours, minutes, seconds; no days. */
const goDuration = z
  .string()
  .regex(/^(\d+h)?(\d+m)?(\d+s)?$/, 'must be a Go duration in h, m and s, e.g. "10m" or "1h30m" (no days)')
  .refine((text) => /[1-9]/.test(text), 'must be greater than zero');

export const grafanaOperator = z.strictObject({
  instanceSelector: kubernetesLabels
    .refine((m) => Object.keys(m).length > 0, 'the instance selector needs at least one label')
    .describe('matchLabels of the Grafana objects that import the dashboards, e.g. dashboards: grafana'),
  allowCrossNamespaceImport: z
    .boolean()
    .default(false)
    .describe('let Grafana instances in other namespaces import the dashboards'),
  resyncPeriod: goDuration
    .optional()
    .describe('how often the operator re-applies each dashboard (operator default 10m)'),
});

export const dashboardDelivery = z.strictObject({
  configMaps: z
    .boolean()
    .default(true)
    .describe('a ConfigMap per dashboard for the Grafana sidecar of kube-prometheus-stack'),
  grafanaOperator: grafanaOperator
    .optional()
    .describe('a grafana-operator (v5) GrafanaDashboard per dashboard, besides or instead of the ConfigMaps'),
});
