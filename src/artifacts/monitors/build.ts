// A ServiceMonitor (or PodMonitor for `scrape.kind: pod`) per service. Relabelings attach the
// `service`, `team` and `job` labels that every generated rule and route selects on, whatever the
// Kubernetes Service or Pod happens to be called.
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import type { IRelabelConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RelabelConfig';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { labels } from '../../model/conventions.ts';
import type { Model, Service } from '../../model/model.ts';
import { formatDurationInDays } from '../../promql/duration.ts';

export type Monitor = IServiceMonitor | IPodMonitor;

export const monitorName = (service: Service) => `obsgen-${service.name}`;
export const monitorPath = (service: string) => `prometheus/monitors/${service}.yaml`;

/** The labels every scrape of a service attaches, whatever the target is called. */
export function scrapeTargetLabels(service: Service): [name: string, value: string][] {
  return [
    [labels.service, service.name],
    [labels.team, service.team],
    ['job', service.scrape.job],
  ];
}

/** Static target labels; `replace` with no source labels always writes the replacement. */
function targetLabels(service: Service): IRelabelConfig[] {
  return scrapeTargetLabels(service).map(([targetLabel, replacement]) => ({
    action: 'replace',
    targetLabel,
    replacement,
  }));
}

function metadata(model: Model, service: Service) {
  return {
    name: monitorName(service),
    namespace: service.namespace,
    labels: {
      ...model.settings.monitorSelectorLabels,
      'app.kubernetes.io/managed-by': 'obsgen',
      [labels.team]: service.team,
    },
  };
}

function limits(service: Service): { sampleLimit?: number; targetLimit?: number } {
  const { sampleLimit, targetLimit } = service.scrape;
  return {
    ...(sampleLimit !== null ? { sampleLimit } : {}),
    ...(targetLimit !== null ? { targetLimit } : {}),
  };
}

export function buildMonitor(model: Model, service: Service): Monitor {
  const s = service.scrape;
  const endpoint = {
    port: s.port,
    path: s.path,
    scheme: s.scheme,
    interval: formatDurationInDays(s.intervalMs),
    scrapeTimeout: formatDurationInDays(s.timeoutMs),
    relabelings: targetLabels(service),
  };
  const common = {
    selector: { matchLabels: { ...s.selector } },
    namespaceSelector: { matchNames: [service.namespace] },
    ...limits(service),
  };
  if (s.kind === 'pod') {
    return {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: metadata(model, service),
      spec: { ...common, podMetricsEndpoints: [endpoint] },
    };
  }
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: metadata(model, service),
    spec: { ...common, endpoints: [endpoint] },
  };
}
