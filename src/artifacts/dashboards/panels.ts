// Panel recipes shared by the generated dashboards and the authoring helpers: each reads declared
// metrics from the model, so a panel can only show what the catalog says a service exposes.
import { latencyQuantiles } from '../../model/conventions.ts';
import type { Metric, Red, Saturation, Service, SignalSelector } from '../../model/model.ts';
import { serviceMatchers, signal } from '../../model/series.ts';
import * as q from '../../promql/construct.ts';
import { builtQuery, histogramQuantile, metricOf, rate } from './queries.ts';
import type { PanelSpec, QuerySpec } from './spec.ts';

const half = 12;
const third = 8;
const height = 8;

/** Grafana unit of a metric's value, from the catalog's `unit`. */
export function valueUnit(metric: Metric): string {
  switch (metric.unit) {
    case 'seconds':
      return 's';
    case 'bytes':
      return 'bytes';
    case 'ratio':
      return 'percentunit';
    default:
      return 'short';
  }
}

/** Grafana unit of a counter's per-second rate. */
export function rateUnit(metric: Metric): string {
  switch (metric.unit) {
    case 'seconds':
      return 's';
    case 'bytes':
      return 'Bps';
    case 'requests':
      return 'reqps';
    default:
      return metric.name.includes('request') ? 'reqps' : 'ops';
  }
}

export function trafficPanel(service: Service, red: Red): PanelSpec {
  const requests = red.requests.metric;
  return {
    kind: 'timeseries',
    title: 'Traffic',
    description: `Requests per second served by ${service.name} (${requests.name}), summed over all instances.`,
    unit: 'reqps',
    width: third,
    height,
    min: 0,
    queries: [builtQuery(q.aggregate('sum', rate(signal(service, red.requests))), { legend: 'requests/s' })],
  };
}

export function errorRatioPanel(service: Service, red: Red): PanelSpec | null {
  if (!red.errors) return null;
  const errors = rate(signal(service, red.errors));
  const requests = rate(signal(service, red.requests));
  return {
    kind: 'timeseries',
    title: 'Error ratio',
    description: `Share of requests that failed (${red.errors.metric.name} over ${red.requests.metric.name}); the dashed line is the HighErrorRatio threshold.`,
    unit: 'percentunit',
    width: third,
    height,
    min: 0,
    thresholds: [{ value: red.errorRatioThreshold, color: 'red' }],
    queries: [
      builtQuery(q.binary('/', q.aggregate('sum', errors), q.aggregate('sum', requests)), {
        legend: 'error ratio',
      }),
    ],
  };
}

export function latencyPanel(service: Service, latency: SignalSelector, threshold: number | null): PanelSpec {
  const histogram = latency.metric;
  return {
    kind: 'timeseries',
    title: 'Latency',
    description: `Quantiles of ${histogram.name} across all instances (histogram_quantile over the summed bucket rates).${threshold === null ? '' : ' The dashed line is the HighLatency threshold.'}`,
    unit: valueUnit(histogram) === 'short' ? 's' : valueUnit(histogram),
    width: third,
    height,
    min: 0,
    ...(threshold === null ? {} : { thresholds: [{ value: threshold, color: 'red' as const }] }),
    queries: latencyQuantiles.map((quantile) =>
      // The catalog's selector (e.g. route!="/health") narrows the panel as it narrows the alert.
      builtQuery(histogramQuantile(quantile, signal(service, latency, '_bucket')), {
        legend: `p${Math.round(quantile * 100)}`,
      }),
    ),
  };
}

export function saturationPanel(service: Service, saturation: Saturation): PanelSpec {
  const used = metricOf(service, saturation.used);
  const withCapacity = saturation.capacity;
  const expr = withCapacity
    ? q.aggregate('max', q.binary('/', used, metricOf(service, withCapacity)))
    : q.aggregate('max', used);
  const what =
    saturation.description ?? `${saturation.used.name}${withCapacity ? ` / ${withCapacity.name}` : ''}`;
  return {
    kind: 'timeseries',
    title: `Saturation: ${saturation.name}`,
    description: `${what.replace(/\.?$/, '.')} Highest instance shown; the dashed line is the ${saturation.name} alert threshold.`,
    unit: withCapacity ? 'percentunit' : valueUnit(saturation.used),
    width: third,
    height,
    min: 0,
    ...(withCapacity ? { max: 1 } : {}),
    thresholds: [{ value: saturation.threshold, color: 'red' }],
    queries: [builtQuery(expr, { legend: withCapacity ? 'used / capacity' : saturation.used.name })],
  };
}

export function targetsUpPanel(service: Service): PanelSpec {
  const up = q.selector('up', serviceMatchers(service));
  return {
    kind: 'timeseries',
    title: 'Targets up',
    description: `Scrape targets of ${service.name} that answered the last scrape, against all targets Prometheus knows of.`,
    unit: 'short',
    width: third,
    height,
    min: 0,
    queries: [
      builtQuery(q.aggregate('sum', up), { legend: 'up' }),
      builtQuery(q.aggregate('count', up), { legend: 'targets' }),
    ],
  };
}

/** A panel for any declared metric, shaped by its type (counter rate, gauge, histogram quantiles). */
export function metricPanel(service: Service, metric: Metric, by: readonly string[] = []): PanelSpec {
  const legend = by.length === 0 ? metric.name : by.map((label) => `{{${label}}}`).join(' ');
  const base = {
    kind: 'timeseries' as const,
    title: metric.help ? metric.help.replace(/\.$/, '') : metric.name,
    width: half,
    height,
  };
  switch (metric.type) {
    case 'counter':
      return {
        ...base,
        description: `Per-second rate of ${metric.name}${by.length ? ` by ${by.join(', ')}` : ''}.`,
        unit: rateUnit(metric),
        queries: [builtQuery(q.aggregate('sum', rate(metricOf(service, metric)), by), { legend })],
      };
    case 'gauge':
      return {
        ...base,
        description: `${metric.name}${by.length ? ` by ${by.join(', ')}` : ', summed over instances'}.`,
        unit: valueUnit(metric),
        queries: [builtQuery(q.aggregate('sum', metricOf(service, metric), by), { legend })],
      };
    case 'histogram':
      return {
        ...base,
        description: `Quantiles of ${metric.name}${by.length ? ` by ${by.join(', ')}` : ''}.`,
        unit: valueUnit(metric),
        queries: latencyQuantiles.map(
          (quantile): QuerySpec =>
            builtQuery(histogramQuantile(quantile, metricOf(service, metric, '_bucket'), by), {
              legend: `p${Math.round(quantile * 100)}${by.length ? ` ${legend}` : ''}`,
            }),
        ),
      };
    case 'summary':
      return {
        ...base,
        description: `Average of ${metric.name} (sum over count).`,
        unit: valueUnit(metric),
        queries: [
          builtQuery(
            q.binary(
              '/',
              q.aggregate('sum', rate(metricOf(service, metric, '_sum')), by),
              q.aggregate('sum', rate(metricOf(service, metric, '_count')), by),
            ),
            { legend },
          ),
        ],
      };
  }
}

/** The RED row of a service: traffic, error ratio, latency. Empty when the catalog declares no RED. */
export function redPanels(service: Service): PanelSpec[] {
  const red = service.red;
  if (!red) return [];
  const errors = errorRatioPanel(service, red);
  return [
    trafficPanel(service, red),
    ...(errors ? [errors] : []),
    ...(red.latency ? [latencyPanel(service, red.latency, red.latencyThresholdSeconds)] : []),
  ];
}
