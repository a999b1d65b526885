// Named time intervals (business hours, maintenance windows), defined once in the catalog; render.ts
// writes them in either key style.
import type { AlertmanagerSpec, TimeIntervalSpec } from '../../catalog/schema/alertmanager.ts';

/** By name, so output does not depend on the order of the catalog. */
export function sortedIntervals(settings: AlertmanagerSpec): [string, TimeIntervalSpec[]][] {
  return Object.entries(settings.timeIntervals).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
