// Static labels (`services.*.labels`, `alerts.overrides.*.labels`, `alerts.extra[].labels`) go on
// generated rules after the labels obsgen sets, so one named like them would overwrite them:
// `service` would detach the recordings from their alerts, dashboards and routes; an aggregation
// label would flatten it.

import type { CatalogCheck, CheckContext } from '../../catalog/checks/types.ts';
import { catalogProblem } from '../../catalog/issues.ts';
import type { Problem } from '../../problem.ts';
import { ruleOwnLabels } from '../conventions.ts';

function clashes(
  labels: Readonly<Record<string, string>> | undefined,
  aggregation: readonly string[],
): [string, string][] {
  return Object.keys(labels ?? {}).flatMap((name): [string, string][] => {
    if (ruleOwnLabels.includes(name)) return [[name, `"${name}" is set by the generated rules themselves`]];
    if (aggregation.includes(name))
      return [[name, `"${name}" is one of settings.aggregationLabels, which the rules keep from the series`]];
    return [];
  });
}

function staticLabelClashesProblems({ source, spec }: CheckContext): Problem[] {
  const aggregation = spec.settings.aggregationLabels;
  const report = (path: readonly (string | number)[], reason: string) =>
    catalogProblem(source, path, `${reason}; a static label would overwrite it: choose another name`, 'key');
  return Object.entries(spec.services).flatMap(([serviceName, service]) => [
    ...clashes(service.labels, aggregation).map(([name, reason]) =>
      report(['services', serviceName, 'labels', name], reason),
    ),
    ...Object.entries(service.alerts.overrides).flatMap(([alert, override]) =>
      clashes(override.labels, aggregation).map(([name, reason]) =>
        report(['services', serviceName, 'alerts', 'overrides', alert, 'labels', name], reason),
      ),
    ),
    ...service.alerts.extra.flatMap((extra, index) =>
      clashes(extra.labels, aggregation).map(([name, reason]) =>
        report(['services', serviceName, 'alerts', 'extra', index, 'labels', name], reason),
      ),
    ),
  ]);
}

export const staticLabelClashes: CatalogCheck = {
  id: 'catalog/static-label-clash',
  severity: 'error',
  description: 'static labels do not overwrite labels the generated rules set or keep',
  check: staticLabelClashesProblems,
};
