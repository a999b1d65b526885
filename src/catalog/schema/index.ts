// The whole catalog schema. Each part lives in its own module; this file only assembles them.
import { z } from 'zod';
import { alertmanager } from './alertmanager.ts';
import { dnsLabel, duration, labelMap, url } from './common.ts';
import { dashboardDelivery } from './dashboards.ts';
import { service } from './service.ts';
import { partialResponseStrategy, target } from './target.ts';
import { team } from './team.ts';

export const settings = z.strictObject({
  target: target
    .default('prometheus-2')
    .describe(
      'what runs the rules: prometheus-2 (default; Prometheus 2.x, checked with promtool 2.42), prometheus-3, mimir (the Mimir/Cortex ruler) or thanos (Thanos Ruler); see src/target.ts for what each changes',
    ),
  partialResponseStrategy: partialResponseStrategy
    .optional()
    .describe(
      'target thanos: partial_response_strategy of every generated group (warn: evaluate on what the reachable stores return; abort: fail the evaluation); services.*.ruler may override it',
    ),
  ruleSelectorLabels: labelMap
    .default({})
    .describe('labels the Prometheus object selects PrometheusRules by, e.g. release: kube-prometheus-stack'),
  monitorSelectorLabels: labelMap
    .default({})
    .describe('labels the Prometheus object selects ServiceMonitors/PodMonitors by'),
  runbookBaseUrl: url
    .optional()
    .describe(
      'base of runbook links: a service without its own runbook (and whose team sets no runbookBaseUrl) gets <base>/<service>; its alerts link to <that>#<alertname in lower case>. Unset (and no team or service runbook): alerts carry no runbook_url, since a made-up link would reach whoever is paged',
    ),
  grafanaUrl: url.optional().describe('base URL of Grafana, for dashboard links in alerts'),
  evaluationInterval: duration
    .optional()
    .describe(
      'interval of every generated rule group that sets none (SLO groups keep theirs: 1m, and 1h for their hourly means); default: the evaluation_interval of the Prometheus that loads them',
    ),
  aggregationLabels: z
    .array(z.string())
    .default([])
    .describe(
      'labels kept by every aggregation of the generated rules besides service, e.g. [cluster] for multi-cluster rulers (dashboard panels still sum over them)',
    ),
  staticAlertmanagers: z
    .array(z.string().regex(/^[^\s/]+:\d+$/, 'must be host:port, e.g. "alertmanager:9093"'))
    .default([])
    .describe(
      'host:port of the Alertmanagers that generated/prometheus/prometheus.yml (services with scrape.address) sends alerts to',
    ),
  dashboards: dashboardDelivery
    .prefault({})
    .describe('how dashboards are delivered: sidecar ConfigMaps (default) and/or grafana-operator objects'),
});

export const catalogSchema = z.strictObject({
  $schema: z.string().optional(),
  settings: settings.default({
    target: 'prometheus-2',
    ruleSelectorLabels: {},
    monitorSelectorLabels: {},
    aggregationLabels: [],
    staticAlertmanagers: [],
    dashboards: { configMaps: true },
  }),
  alertmanager: alertmanager.prefault({}).describe('Alertmanager routing settings shared by every team'),
  teams: z.record(dnsLabel, team),
  services: z.record(dnsLabel, service),
});
export type CatalogSpec = z.infer<typeof catalogSchema>;

/** What a person writes (defaults optional), for catalogs written in TypeScript. */
export type CatalogInput = z.input<typeof catalogSchema>;

/** Typed identity for `catalog.ts`: `export default defineCatalog({ teams: {...}, services: {...} })`. */
export function defineCatalog(catalog: CatalogInput): CatalogInput {
  return catalog;
}
