// Catalog-wide Alertmanager settings, converted once: durations in milliseconds, receiver references
// resolved, time intervals sorted by name, and the inhibit rules the `inhibitions` switch stands for.
import type { AlertmanagerSpec } from '../catalog/schema/alertmanager.ts';
import { durationMs } from '../promql/duration.ts';
import { alertNames, labels } from './conventions.ts';
import type { AlertmanagerSettings, Inhibition } from './model.ts';
import { resolveRef, secretRef } from './receivers.ts';

/** A duration the schema has already validated. */
function ms(text: string): number {
  return durationMs(text) ?? 0;
}

const eq = (name: string, value: string) => ({ name, type: '=', value }) as const;

/** Critical inhibits warning of the same alert; ServiceDown inhibits the other alerts of its service. */
function inhibitions(on: boolean): Inhibition[] {
  if (!on) return [];
  return [
    {
      source: [eq(labels.severity, 'critical')],
      target: [eq(labels.severity, 'warning')],
      equal: ['alertname', labels.service],
    },
    {
      source: [eq('alertname', alertNames.serviceDown)],
      target: [{ name: 'alertname', type: '!=', value: alertNames.serviceDown }],
      equal: [labels.service],
    },
  ];
}

export function alertmanagerSettings(spec: AlertmanagerSpec): AlertmanagerSettings {
  const { watchdog, smtp } = spec;
  return {
    groupBy: spec.groupBy,
    groupWaitMs: ms(spec.groupWait),
    groupIntervalMs: ms(spec.groupInterval),
    repeatIntervalMs: ms(spec.repeatInterval),
    // The schema requires `team/receiver` here.
    defaultReceiver: spec.defaultReceiver === undefined ? null : resolveRef('', spec.defaultReceiver),
    watchdog: watchdog
      ? {
          receiver: resolveRef('', watchdog.receiver),
          alertname: watchdog.alertname,
          repeatIntervalMs: ms(watchdog.repeatInterval),
          namespace: watchdog.namespace,
        }
      : null,
    smtp: smtp
      ? {
          smarthost: smtp.smarthost,
          from: smtp.from,
          authUsername: smtp.authUsername ?? null,
          authPassword: smtp.authPassword === undefined ? null : secretRef(smtp.authPassword),
          requireTLS: smtp.requireTLS,
        }
      : null,
    // By name, so output does not depend on the order of the catalog.
    timeIntervals: Object.entries(spec.timeIntervals)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, entries]) => ({ name, entries })),
    configSelectorLabels: spec.configSelectorLabels,
    inhibitions: inhibitions(spec.inhibitions),
  };
}
