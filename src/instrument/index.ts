// The service side of the metrics contract: prom-client metrics created from a catalog entry, with
// exactly the names, types, label names and buckets the catalog declares, so what a service exposes
// is what the generated rules and dashboards query.
import { Counter, Gauge, Histogram, type Registry, Summary } from 'prom-client';
import type { Metric, Service } from '../model/model.ts';

export type ContractMetric = Counter<string> | Gauge<string> | Histogram<string> | Summary<string>;

function create(metric: Metric, registry: Registry): ContractMetric {
  const common = {
    name: metric.name,
    help: metric.help || metric.name,
    labelNames: [...metric.labels],
    registers: [registry],
  };
  switch (metric.type) {
    case 'counter':
      return new Counter(common);
    case 'gauge':
      return new Gauge(common);
    case 'histogram':
      return new Histogram({ ...common, buckets: [...metric.buckets] });
    case 'summary':
      return new Summary(common);
  }
}

/** Registers every declared metric of `service` in `registry`; keyed by the catalog's metric key. */
export function registerServiceMetrics(
  service: Service,
  registry: Registry,
): ReadonlyMap<string, ContractMetric> {
  return new Map(service.metrics.map((metric) => [metric.key, create(metric, registry)]));
}
