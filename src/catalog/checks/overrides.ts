// An override field the named alert ignores (a threshold for ServiceDown) would silently do nothing.
import { ignoredOverrideFields } from '../../model/conventions.ts';
import type { Problem } from '../../problem.ts';
import { catalogProblem } from '../issues.ts';
import { alertOverride } from '../schema/alerts.ts';
import type { CheckContext } from './types.ts';

const overrideFields = Object.keys(alertOverride.shape);

export function ignoredOverrides({ source, spec }: CheckContext): Problem[] {
  return Object.entries(spec.services).flatMap(([serviceName, service]) =>
    Object.entries(service.alerts.overrides).flatMap(([alert, override]) => {
      const ignored = ignoredOverrideFields[alert] ?? [];
      const accepted = overrideFields.filter((field) => !ignored.includes(field));
      return Object.entries(override)
        .filter(([field, value]) => value !== undefined && ignored.includes(field))
        .map(([field]) =>
          catalogProblem(
            source,
            ['services', serviceName, 'alerts', 'overrides', alert, field],
            `${alert} has no "${field}" to override; ${alert} accepts: ${accepted.join(', ')}`,
            'key',
          ),
        );
    }),
  );
}
