// Which alerts obsgen generates for a service, decided by its catalog entry alone. Resolve stores the
// list on the service; the rules generator builds one alert for each entry, and the unknown-override
// check (checks/unknown-overrides.ts) accepts exactly these names in `alerts.overrides`, so the two
// cannot disagree about what an override may name.
import type { ServiceSpec } from '../catalog/schema/service.ts';
import { alertNames } from './conventions.ts';
import type { DefaultAlert } from './model.ts';

/**
 * In rule order: availability always, error ratio with a RED errors selector, latency with a RED
 * histogram and threshold, then saturation by key (the order of `Service.saturation`).
 */
export function defaultAlerts(service: ServiceSpec): DefaultAlert[] {
  const red = service.red;
  return [
    { kind: 'targetDown', name: alertNames.targetDown },
    { kind: 'serviceDown', name: alertNames.serviceDown },
    ...(red?.errors !== undefined
      ? [{ kind: 'highErrorRatio', name: alertNames.highErrorRatio } as const]
      : []),
    ...(red?.latency !== undefined && red.latencyThreshold !== undefined
      ? [{ kind: 'highLatency', name: alertNames.highLatency } as const]
      : []),
    ...Object.keys(service.saturation)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => ({ kind: 'saturated', name: alertNames.saturated(key), saturation: key }) as const),
  ];
}

/**
 * Alerts that go with catalog keys taken out of a catalog that failed the schema (see
 * catalog/repair.ts): a saturation entry takes its alert with it, RED fields theirs. An override of
 * one of them is not unknown, only unreachable until the schema error is fixed.
 */
export function alertsOfRemoved(removedNames: ReadonlySet<string>): string[] {
  return [...removedNames].flatMap((key) => [
    alertNames.saturated(key),
    ...(key === 'red' || key === 'errors' ? [alertNames.highErrorRatio] : []),
    ...(key === 'red' || key === 'latency' || key === 'latencyThreshold' ? [alertNames.highLatency] : []),
  ]);
}
