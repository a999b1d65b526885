// The metric contract the catalog declares, as the lint checks read it: which series exist, whether
// each is a counter or a gauge, and which labels it carries. `obsgen lint --catalog FILE` builds it,
// so hand-written rules are checked against what the services really expose (pint asks a live
// Prometheus for this; we have the catalog).
import type { Metric, MetricType, Model } from '../model/model.ts';

/** How a series behaves over time: a counter only grows (until a reset), a gauge goes up and down. */
export type SampleKind = 'counter' | 'gauge';

export interface DeclaredSeries {
  /** The series name (`x_bucket` of histogram `x`). */
  readonly name: string;
  /** The catalog metric it belongs to (`x`), and its declared type. */
  readonly metric: string;
  readonly type: MetricType;
  readonly kind: SampleKind;
  /** Every label the series has: the declared ones, those its type adds (`le`, `quantile`), target labels. */
  readonly labels: ReadonlySet<string>;
  /** The declared labels alone, for messages. */
  readonly declaredLabels: readonly string[];
}

export interface MetricContract {
  readonly series: ReadonlyMap<string, DeclaredSeries>;
  /** Labels every scraped series carries (job, instance, ... and the catalog's aggregation labels). */
  readonly targetLabels: readonly string[];
}

/**
 * What Prometheus and the operator attach to every scraped series: `job` and `instance` always, the
 * Kubernetes labels of a ServiceMonitor or PodMonitor target, and obsgen's own relabelings.
 */
const scrapeLabels = ['job', 'instance', 'namespace', 'service', 'pod', 'container', 'endpoint', 'team'];

/** Series Prometheus itself writes for every target and every alerting rule. */
const prometheusSeries: readonly [name: string, kind: SampleKind][] = [
  ['up', 'gauge'],
  ['scrape_duration_seconds', 'gauge'],
  ['scrape_samples_scraped', 'gauge'],
  ['scrape_samples_post_metric_relabeling', 'gauge'],
  ['scrape_series_added', 'gauge'],
];

/** Series of one metric type: a histogram is counters `_bucket` (with `le`), `_count`, `_sum`. */
function seriesOf(type: MetricType, name: string): [string, SampleKind, string[]][] {
  switch (type) {
    case 'counter':
      return [[name, 'counter', []]];
    case 'gauge':
      return [[name, 'gauge', []]];
    case 'histogram':
      return [
        [`${name}_bucket`, 'counter', ['le']],
        [`${name}_count`, 'counter', []],
        [`${name}_sum`, 'counter', []],
      ];
    case 'summary':
      return [
        [name, 'gauge', ['quantile']],
        [`${name}_count`, 'counter', []],
        [`${name}_sum`, 'counter', []],
      ];
  }
}

export function metricContract(model: Model): MetricContract {
  return contractOf(
    model.services.flatMap((service) => service.metrics),
    model.settings.aggregationLabels,
  );
}

/** The contract of these metrics, with the catalog's aggregation labels as target labels too. */
export function contractOf(
  metrics: readonly Metric[],
  aggregationLabels: readonly string[] = [],
): MetricContract {
  const targetLabels = [...new Set([...scrapeLabels, ...aggregationLabels])];
  const series = new Map<string, DeclaredSeries>();
  const add = (entry: DeclaredSeries): void => {
    const known = series.get(entry.name);
    // One name in several services (a shared library's metric): the labels of all of them.
    const labels = new Set([...(known?.labels ?? []), ...entry.labels]);
    const declaredLabels = [...new Set([...(known?.declaredLabels ?? []), ...entry.declaredLabels])];
    series.set(entry.name, { ...(known ?? entry), labels, declaredLabels });
  };
  for (const [name, kind] of prometheusSeries) {
    add({ name, metric: name, type: kind, kind, labels: new Set(targetLabels), declaredLabels: [] });
  }
  for (const metric of metrics) {
    for (const [name, kind, added] of seriesOf(metric.type, metric.name)) {
      add({
        name,
        metric: metric.name,
        type: metric.type,
        kind,
        labels: new Set([...metric.labels, ...added, ...targetLabels]),
        declaredLabels: [...metric.labels],
      });
    }
  }
  return { series, targetLabels };
}
