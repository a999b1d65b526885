// Every reference in the catalog must name something that exists, with the right type.
import type { Problem } from '../../problem.ts';
import { catalogProblem } from '../issues.ts';
import type { MetricSpec } from '../schema/metrics.ts';
import type { CatalogCheck, CheckContext } from './types.ts';

function unknownTeamsProblems({ source, spec }: CheckContext): Problem[] {
  const teams = Object.keys(spec.teams);
  return Object.entries(spec.services)
    .filter(([, service]) => !(service.team in spec.teams))
    .map(([name, service]) =>
      catalogProblem(
        source,
        ['services', name, 'team'],
        `unknown team "${service.team}"; declared teams: ${teams.join(', ') || '(none)'}`,
      ),
    );
}

/** Two keys of one service must not declare the same exposed metric. */
function duplicateMetricNamesProblems({ source, spec }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const serviceName in spec.services) {
    const metrics = spec.services[serviceName]?.metrics ?? {};
    const seen = new Map<string, string>();
    for (const key in metrics) {
      const name = metrics[key]?.name ?? '';
      const first = seen.get(name);
      if (first === undefined) seen.set(name, key);
      else
        problems.push(
          catalogProblem(
            source,
            ['services', serviceName, 'metrics', key, 'name'],
            `metric "${name}" is already declared as "${first}"`,
          ),
        );
    }
  }
  return problems;
}

/** Saturation entries read gauges. */
function saturationMetricsProblems({ source, spec }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const serviceName in spec.services) {
    const service = spec.services[serviceName];
    if (!service) continue;
    for (const name in service.saturation) {
      const entry = service.saturation[name];
      for (const field of saturationFields) {
        const key = entry?.[field];
        if (key === undefined) continue;
        const path = ['services', serviceName, 'saturation', name, field];
        problems.push(
          ...expectMetric(service.metrics, key, gauge, (message) => catalogProblem(source, path, message)),
        );
      }
    }
  }
  return problems;
}

const saturationFields = ['used', 'capacity'] as const;
const gauge: readonly MetricSpec['type'][] = ['gauge'];

export function expectMetric(
  metrics: Readonly<Record<string, MetricSpec>>,
  keyOrName: string,
  types: readonly MetricSpec['type'][],
  report: (message: string) => Problem,
): Problem[] {
  const found = findMetric(metrics, keyOrName);
  if (!found) {
    return [
      report(
        `unknown metric "${keyOrName}"; declared metrics: ${Object.keys(metrics).join(', ') || '(none)'}`,
      ),
    ];
  }
  const [key, metric] = found;
  if (!types.includes(metric.type)) {
    return [
      report(
        `metric "${key}" (${metric.name}) is a ${metric.type}, but a ${types.join(' or ')} is required here`,
      ),
    ];
  }
  return [];
}

/** The first metric whose key or name is `keyOrName`, in declaration order. */
function findMetric(
  metrics: Readonly<Record<string, MetricSpec>>,
  keyOrName: string,
): [string, MetricSpec] | undefined {
  for (const key in metrics) {
    const metric = metrics[key];
    if (metric && (key === keyOrName || metric.name === keyOrName)) return [key, metric];
  }
  return undefined;
}

export const unknownTeams: CatalogCheck = {
  id: 'catalog/unknown-team',
  severity: 'error',
  description: 'every service names a team the catalog declares',
  check: unknownTeamsProblems,
};

export const duplicateMetricNames: CatalogCheck = {
  id: 'catalog/duplicate-metric',
  severity: 'error',
  description: 'no two metric keys of a service declare the same exposed metric',
  check: duplicateMetricNamesProblems,
};

export const saturationMetrics: CatalogCheck = {
  id: 'catalog/saturation-metric',
  severity: 'error',
  description: 'saturation entries read declared gauges',
  check: saturationMetricsProblems,
};
