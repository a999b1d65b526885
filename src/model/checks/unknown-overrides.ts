// An override naming no alert obsgen generates for the service (a typo, or HighLatency without a
// latency threshold) would silently do nothing.

import type { CatalogCheck, CheckContext } from '../../catalog/checks/types.ts';
import { catalogProblem } from '../../catalog/issues.ts';
import type { Problem } from '../../problem.ts';
import { defaultAlerts } from '../default-alerts.ts';

function unknownOverridesProblems({ source, spec }: CheckContext): Problem[] {
  return Object.entries(spec.services).flatMap(([serviceName, service]) => {
    const overridden = Object.keys(service.alerts.overrides);
    // Most services override nothing: their alerts are worked out only when there is a name to check.
    if (overridden.length === 0) return [];
    const known = defaultAlerts(service).map((alert) => alert.name);
    return overridden
      .filter((name) => !known.includes(name))
      .map((name) =>
        catalogProblem(
          source,
          ['services', serviceName, 'alerts', 'overrides', name],
          `no generated alert is named "${name}"; overridable alerts: ${known.join(', ')}`,
        ),
      );
  });
}

export const unknownOverrides: CatalogCheck = {
  id: 'catalog/unknown-override',
  severity: 'error',
  description: 'alert overrides name an alert obsgen generates for the service',
  check: unknownOverridesProblems,
};
