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
  // Most services set no static labels.
  if (labels === undefined) return [];
  return Object.keys(labels).flatMap((name): [string, string][] => {
    if (ruleOwnLabels.includes(name)) return [[name, `"${name}" is set by the generated rules themselves`]];
    if (aggregation.includes(name))
      return [[name, `"${name}" is one of settings.aggregationLabels, which the rules keep from the series`]];
    return [];
  });
}

function staticLabelClashesProblems({ source, spec }: CheckContext): Problem[] {
  const aggregation = spec.settings.aggregationLabels;
  const problems: Problem[] = [];
  const report = (
    path: readonly (string | number)[],
    labels: Readonly<Record<string, string>> | undefined,
  ) => {
    for (const [name, reason] of clashes(labels, aggregation))
      problems.push(
        catalogProblem(
          source,
          [...path, name],
          `${reason}; a static label would overwrite it: choose another name`,
          'key',
        ),
      );
  };
  for (const serviceName in spec.services) {
    const service = spec.services[serviceName];
    if (!service) continue;
    report(['services', serviceName, 'labels'], service.labels);
    for (const alert in service.alerts.overrides)
      report(
        ['services', serviceName, 'alerts', 'overrides', alert, 'labels'],
        service.alerts.overrides[alert]?.labels,
      );
    for (const [index, extra] of service.alerts.extra.entries())
      report(['services', serviceName, 'alerts', 'extra', index, 'labels'], extra.labels);
  }
  return problems;
}

export const staticLabelClashes: CatalogCheck = {
  id: 'catalog/static-label-clash',
  severity: 'error',
  description: 'static labels do not overwrite labels the generated rules set or keep',
  check: staticLabelClashesProblems,
};
