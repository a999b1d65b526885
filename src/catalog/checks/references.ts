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
  return Object.entries(spec.services).flatMap(([serviceName, service]) => {
    const seen = new Map<string, string>();
    return Object.entries(service.metrics).flatMap(([key, metric]) => {
      const first = seen.get(metric.name);
      seen.set(metric.name, first ?? key);
      return first === undefined
        ? []
        : [
            catalogProblem(
              source,
              ['services', serviceName, 'metrics', key, 'name'],
              `metric "${metric.name}" is already declared as "${first}"`,
            ),
          ];
    });
  });
}

/** Saturation entries read gauges. */
function saturationMetricsProblems({ source, spec }: CheckContext): Problem[] {
  return Object.entries(spec.services).flatMap(([serviceName, service]) =>
    Object.entries(service.saturation).flatMap(([name, entry]) =>
      (['used', 'capacity'] as const).flatMap((field) => {
        const key = entry[field];
        if (key === undefined) return [];
        const path = ['services', serviceName, 'saturation', name, field];
        return expectMetric(service.metrics, key, ['gauge'], (message) =>
          catalogProblem(source, path, message),
        );
      }),
    ),
  );
}

export function expectMetric(
  metrics: Readonly<Record<string, MetricSpec>>,
  keyOrName: string,
  types: readonly MetricSpec['type'][],
  report: (message: string) => Problem,
): Problem[] {
  const found = Object.entries(metrics).find(([key, m]) => key === keyOrName || m.name === keyOrName);
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
