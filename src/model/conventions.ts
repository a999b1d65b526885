// Every name obsgen generates lives here: labels, recording rules, alerts, groups, objects, links.
// Recording rules follow Prometheus's `level:metric:operations` convention.
import { createHash } from 'node:crypto';
import { formatDuration } from '../promql/duration.ts';
import { rulerAggregationLabels } from '../target.ts';
import type { Metric, Model, Service } from './model.ts';

/** Labels every generated series and alert carries; routes and dashboards rely on them. */
export const labels = {
  service: 'service',
  team: 'team',
  severity: 'severity',
  namespace: 'namespace',
  quantile: 'quantile',
} as const;

/** Labels generated rules set or keep themselves: a static catalog label of the same name would overwrite them. */
export const ruleOwnLabels: readonly string[] = [
  labels.service,
  labels.team,
  labels.severity,
  labels.quantile,
  'le',
  'slo',
  'window',
  'tier',
  'period',
];

/**
 * The labels kept by every service-level aggregation: `service` plus configured ones such as
 * `cluster`, and the ruler's tenant label where the target adds one to the series a service's
 * rules read (see rulerAggregationLabels in target.ts).
 */
export function aggregationLabels(model: Model, service?: Service): readonly string[] {
  const ruler = service ? rulerAggregationLabels(model.settings.target, service.ruler) : [];
  return [...model.settings.aggregationLabels, labels.service, ...ruler];
}

const noLabels: readonly string[] = [];

/**
 * `service` normally; `cluster_service` when rules also keep `cluster`. Asked for every recording
 * name of every service: the usual `service` is answered without a list joined.
 */
export function level(model: Model, extra: readonly string[] = noLabels): string {
  const configured = model.settings.aggregationLabels;
  if (configured.length === 0 && extra.length === 0) return labels.service;
  return [...configured, labels.service, ...extra].join('_');
}

/** Counters are recorded without `_total` (a rate is no longer a total). */
export function baseName(metric: Metric): string {
  const name = metric.name;
  return metric.type === 'counter' && name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
}

/**
 * A rate() window holds at least this many scrapes, so one missed scrape still leaves several
 * samples (the promql/rate-window lint check asks the same of hand-written rules).
 */
export const scrapesPerRateWindow = 4;
const minuteMs = 60_000;
const baseRateWindowMs = 5 * minuteMs;

/**
 * The window of a service's RED rates: 5m, or 4 scrape intervals rounded up to whole minutes when
 * that is longer (5m at a 15s to 75s scrape, 6m at 90s, 8m at 2m). The recording names carry it.
 */
export function rateWindowMs(service: Service): number {
  const scrapes = Math.ceil((scrapesPerRateWindow * service.scrape.intervalMs) / minuteMs) * minuteMs;
  return Math.max(baseRateWindowMs, scrapes);
}

/** `rate5m`, `rate8m`: the operation part of a RED recording's name. */
function rateOp(service: Service): string {
  return `rate${formatDuration(rateWindowMs(service))}`;
}

export const recording = {
  requestRate: (model: Model, service: Service, requests: Metric) =>
    `${level(model)}:${baseName(requests)}:${rateOp(service)}`,
  errorRate: (model: Model, service: Service, requests: Metric) =>
    `${level(model)}:${baseName(requests)}_errors:${rateOp(service)}`,
  errorRatio: (model: Model, service: Service, requests: Metric) =>
    `${level(model)}:${baseName(requests)}_errors:ratio_${rateOp(service)}`,
  bucketRate: (model: Model, service: Service, histogram: Metric) =>
    `${level(model, ['le'])}:${histogram.name}_bucket:${rateOp(service)}`,
  latencyQuantile: (model: Model, service: Service, histogram: Metric) =>
    `${level(model)}:${histogram.name}:histogram_quantile_${rateOp(service)}`,
  saturation: (model: Model, used: Metric, hasCapacity: boolean) =>
    `${level(model)}:${used.name}:${hasCapacity ? 'max_ratio' : 'max'}`,
} as const;

/** Quantiles recorded for every request-duration histogram. */
export const latencyQuantiles = [0.5, 0.9, 0.99] as const;

export const alertNames = {
  targetDown: 'TargetDown',
  serviceDown: 'ServiceDown',
  highErrorRatio: 'HighErrorRatio',
  highLatency: 'HighLatency',
  saturated: (key: string) => `${pascalCase(key)}Saturated`,
} as const;

/**
 * Fields of `alerts.overrides.<alert>` a generated alert cannot honour: ServiceDown fires when no
 * target answers, a condition with no threshold to tune. A catalog check rejects them.
 */
export const ignoredOverrideFields: Readonly<Record<string, readonly string[]>> = {
  [alertNames.serviceDown]: ['threshold'],
};

/**
 * Saturation keys are asked for in every service's rules, tests and overrides, and a catalog has a
 * few of them: a bounded memo of the pure function rather than a split, map and join each time.
 */
const pascalCases = new Map<string, string>();
const maxPascalCases = 1024;

export function pascalCase(text: string): string {
  let cased = pascalCases.get(text);
  if (cased === undefined) {
    cased = text
      .split(/[^a-zA-Z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]?.toUpperCase() + word.slice(1))
      .join('');
    if (pascalCases.size >= maxPascalCases) pascalCases.clear();
    pascalCases.set(text, cased);
  }
  return cased;
}

export const groupNames = {
  recording: (service: Service) => `obsgen-${service.name}-recording`,
  alerts: (service: Service) => `obsgen-${service.name}-alerts`,
  extra: (service: Service) => `obsgen-${service.name}-extra`,
} as const;

export const objectNames = {
  prometheusRule: (service: Service) => `obsgen-${service.name}`,
} as const;

export const paths = {
  prometheusRule: (service: string) => `prometheus/rules/${service}.yaml`,
  ruleFile: (service: string) => `prometheus/rule-files/${service}.rules.yaml`,
  /** Target mimir: mimirtool's format, `namespace: <service>` plus `groups:`. */
  mimirRules: (service: string) => `mimir/rules/${service}.yaml`,
  /** Target thanos: a plain rule file whose groups carry Thanos's own fields. */
  thanosRuleFile: (service: string) => `thanos/rules/${service}.rules.yaml`,
} as const;

/** Page describing how to handle an alert of a service; null when the service has no runbook. */
export function runbookUrl(service: Service, alert: string): string | null {
  return service.runbook === null ? null : `${service.runbook.replace(/\/$/, '')}#${alert.toLowerCase()}`;
}

/** The `runbook_url` annotation, left out when there is no runbook to link. */
export function runbookAnnotation(url: string | null): Record<string, string> {
  return url === null ? {} : { runbook_url: url };
}

/**
 * Default runbook of a service when the catalog gives none: team base, else the catalog-wide base;
 * none without a base, rather than a placeholder link that would reach whoever is paged.
 */
export function defaultRunbook(baseUrl: string | null, service: string): string | null {
  return baseUrl === null ? null : `${baseUrl.replace(/\/$/, '')}/${service}`;
}

/** The dashboards obsgen generates per service, by the `kind` part of their uid. */
export const dashboardKinds = { service: 'svc', slo: 'slo' } as const;

/** Grafana dashboard uid: `<service>-<kind>`, shortened with a hash beyond Grafana's 40 characters. */
export function dashboardUid(service: string, kind: string): string {
  const uid = `${service}-${kind}`;
  if (uid.length <= 40) return uid;
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 8);
  return `${uid.slice(0, 31)}-${hash}`;
}

export function dashboardUrl(model: Model, service: string, kind: string): string | null {
  const base = model.settings.grafanaUrl;
  return base ? `${base.replace(/\/$/, '')}/d/${dashboardUid(service, kind)}` : null;
}
