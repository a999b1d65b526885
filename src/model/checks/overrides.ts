// An override field the named alert ignores (a threshold for ServiceDown) would silently do nothing.

import type { CatalogCheck, CheckContext } from '../../catalog/checks/types.ts';
import { catalogProblem } from '../../catalog/issues.ts';
import { alertOverride } from '../../catalog/schema/alerts.ts';
import type { Problem } from '../../problem.ts';
import { ignoredOverrideFields } from '../conventions.ts';

const overrideFields = Object.keys(alertOverride.shape);

function ignoredOverridesProblems({ source, spec }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const serviceName in spec.services) {
    const overrides = spec.services[serviceName]?.alerts.overrides ?? {};
    for (const alert in overrides) {
      const override = overrides[alert] ?? {};
      const ignored = ignoredOverrideFields[alert] ?? [];
      const accepted = overrideFields.filter((field) => !ignored.includes(field));
      for (const [field, value] of Object.entries(override)) {
        if (value === undefined || !ignored.includes(field)) continue;
        problems.push(
          catalogProblem(
            source,
            ['services', serviceName, 'alerts', 'overrides', alert, field],
            `${alert} has no "${field}" to override; ${alert} accepts: ${accepted.join(', ')}`,
            'key',
          ),
        );
      }
    }
  }
  return problems;
}

export const ignoredOverrides: CatalogCheck = {
  id: 'catalog/ignored-override',
  severity: 'error',
  description: 'alert overrides set only fields the named alert reads',
  check: ignoredOverridesProblems,
};
