// Checks on every generated monitor: the operator's JSON schema, plus what that schema lets through
// (a scrape timeout not below the interval, port names Kubernetes would refuse, unknown fields).
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { Service } from '../../model/model.ts';
import { formatDurationInDays } from '../../promql/duration.ts';
import type { Monitor } from './build.ts';

export interface MonitorIssue {
  /** Catalog path below `services.<name>` the issue is about. */
  readonly field: readonly string[];
  readonly message: string;
}

/** IANA_SVC_NAME (what Kubernetes accepts as a port name): 1-15 of a-z0-9-, a letter, no `--`, no edge `-`. */
export function portNameProblem(port: string): string | null {
  if (port.length === 0 || port.length > 15) return `port name "${port}" must be 1-15 characters`;
  if (!/^[a-z0-9-]+$/.test(port)) return `port name "${port}" may contain only a-z, 0-9 and "-"`;
  if (!/[a-z]/.test(port))
    return `port name "${port}" must contain a letter (a number is a port number, not a name)`;
  if (port.includes('--') || port.startsWith('-') || port.endsWith('-'))
    return `port name "${port}" must not start or end with "-" or contain "--"`;
  return null;
}

/** Fields each emitted object may have; anything else is a typo the operator would drop silently. */
const knownFields: Readonly<Record<string, readonly string[]>> = {
  root: ['apiVersion', 'kind', 'metadata', 'spec'],
  metadata: ['name', 'namespace', 'labels', 'annotations'],
  spec: [
    'selector',
    'namespaceSelector',
    'endpoints',
    'podMetricsEndpoints',
    'sampleLimit',
    'targetLimit',
    'jobLabel',
  ],
  endpoint: [
    'port',
    'path',
    'scheme',
    'interval',
    'scrapeTimeout',
    'relabelings',
    'metricRelabelings',
    'honorLabels',
  ],
  relabeling: ['action', 'sourceLabels', 'targetLabel', 'replacement', 'regex', 'separator', 'modulus'],
};

function unknownKeys(object: object, kind: string, where: string): string[] {
  const known = knownFields[kind] ?? [];
  return Object.keys(object)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown field ${where}.${k}`);
}

function fieldProblems(monitor: Monitor): string[] {
  const endpoints =
    monitor.kind === 'PodMonitor' ? (monitor.spec.podMetricsEndpoints ?? []) : (monitor.spec.endpoints ?? []);
  return [
    ...unknownKeys(monitor, 'root', monitor.kind),
    ...unknownKeys(monitor.metadata ?? {}, 'metadata', 'metadata'),
    ...unknownKeys(monitor.spec, 'spec', 'spec'),
    ...endpoints.flatMap((e, i) => [
      ...unknownKeys(e, 'endpoint', `spec.endpoints[${i}]`),
      ...(e.relabelings ?? []).flatMap((r, j) =>
        unknownKeys(r, 'relabeling', `spec.endpoints[${i}].relabelings[${j}]`),
      ),
    ]),
  ];
}

function schemaProblem(monitor: Monitor): string | null {
  try {
    if (monitor.kind === 'PodMonitor') new PodMonitor(monitor).validate();
    else new ServiceMonitor(monitor).validate();
    return null;
  } catch (error) {
    return `${monitor.kind} fails the prometheus-operator schema: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function validateMonitor(service: Service, monitor: Monitor): MonitorIssue[] {
  const issues: MonitorIssue[] = [];
  const s = service.scrape;
  if (s.timeoutMs >= s.intervalMs) {
    issues.push({
      field: ['scrape', 'timeout'],
      message: `scrape timeout ${formatDurationInDays(s.timeoutMs)} must be below the interval ${formatDurationInDays(s.intervalMs)}`,
    });
  }
  const port = portNameProblem(s.port);
  if (port) issues.push({ field: ['scrape', 'port'], message: port });
  const schema = schemaProblem(monitor);
  if (schema) issues.push({ field: ['scrape'], message: schema });
  for (const message of fieldProblems(monitor)) issues.push({ field: ['scrape'], message });
  return issues;
}
