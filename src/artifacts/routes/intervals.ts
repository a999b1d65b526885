// Named time intervals (business hours, maintenance windows), defined once in the catalog.
import type { AlertmanagerSpec, TimeIntervalSpec } from '../../catalog/schema/alertmanager.ts';

type Json = Record<string, unknown>;

function lower(list: readonly string[] | undefined): string[] | undefined {
  return list?.map((s) => s.toLowerCase());
}

export function plainTimeInterval(name: string, entries: readonly TimeIntervalSpec[]): Json {
  return {
    name,
    time_intervals: entries.map((e) =>
      Object.fromEntries(
        Object.entries({
          times: e.times?.map((t) => ({ start_time: t.start, end_time: t.end })),
          weekdays: lower(e.weekdays),
          days_of_month: e.daysOfMonth,
          months: lower(e.months),
          years: e.years,
          location: e.location,
        }).filter(([, v]) => v !== undefined),
      ),
    ),
  };
}

function dayRange(text: string): { start: number; end: number } {
  const [start = '0', end = start] = text.split(':');
  return { start: Number(start), end: Number(end) };
}

/** v1alpha1 has no `location`: the caller rejects intervals whose location is not UTC (crd.ts). */
export function crdTimeInterval(name: string, entries: readonly TimeIntervalSpec[]): Json {
  return {
    name,
    timeIntervals: entries.map((e) =>
      Object.fromEntries(
        Object.entries({
          times: e.times?.map((t) => ({ startTime: t.start, endTime: t.end })),
          weekdays: lower(e.weekdays),
          daysOfMonth: e.daysOfMonth?.map(dayRange),
          months: lower(e.months),
          years: e.years,
        }).filter(([, v]) => v !== undefined),
      ),
    ),
  };
}

/** By name, so output does not depend on the order of the catalog. */
export function sortedIntervals(settings: AlertmanagerSpec): [string, TimeIntervalSpec[]][] {
  return Object.entries(settings.timeIntervals).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
