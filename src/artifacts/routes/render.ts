// One renderer of the route plan for both outputs: the AlertmanagerConfig CRD spells its keys in
// camelCase with matchers as objects, alertmanager.yml in snake_case with matchers as strings. The tree
// is walked here only, so the two files cannot drift apart field by field.
import { formatMatcher, type MatcherFields } from '../../alertmanager/matchers.ts';
import type { Inhibition, TimeIntervalEntry } from '../../model/model.ts';
import { formatDurationInDays } from '../../promql/duration.ts';
import type { PlanRoute } from './plan.ts';

type Json = Record<string, unknown>;

export interface KeyStyle {
  /** The output key for a field named in camelCase. */
  readonly key: (camel: string) => string;
  readonly matcher: (m: MatcherFields) => unknown;
  /** The keys of an inhibit rule's two matcher lists. */
  readonly inhibitSource: string;
  readonly inhibitTarget: string;
  /** A `daysOfMonth` entry (`1:7` in the catalog). */
  readonly dayRange: (text: string) => unknown;
  /** v1alpha1 time intervals have no `location` (crd.ts rejects any but UTC before it is dropped). */
  readonly location: boolean;
}

function dayRangeObject(text: string): { start: number; end: number } {
  const [start = '0', end = start] = text.split(':');
  return { start: Number(start), end: Number(end) };
}

/** AlertmanagerConfig (monitoring.coreos.com/v1alpha1). */
export const crdKeys: KeyStyle = {
  key: (camel) => camel,
  matcher: (m) => ({ name: m.name, value: m.value, matchType: m.type }),
  inhibitSource: 'sourceMatch',
  inhibitTarget: 'targetMatch',
  dayRange: dayRangeObject,
  location: false,
};

/** alertmanager.yml, as amtool reads it. */
export const plainKeys: KeyStyle = {
  // A run of capitals is one word: `apiURL` is `api_url`, `requireTLS` is `require_tls`.
  key: (camel) =>
    camel.replace(/([a-z0-9])([A-Z]+)/g, (_, last: string, word: string) => `${last}_${word.toLowerCase()}`),
  matcher: formatMatcher,
  inhibitSource: 'source_matchers',
  inhibitTarget: 'target_matchers',
  dayRange: (text) => text,
  location: true,
};

function duration(ms: number | null): string | undefined {
  return ms === null ? undefined : formatDurationInDays(ms);
}

function lower(list: readonly string[] | undefined): string[] | undefined {
  return list?.map((s) => s.toLowerCase());
}

function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** Fields in output order, left out when unset, keys in the given style. */
function styled(style: KeyStyle, fields: readonly (readonly [string, unknown])[]): Json {
  return Object.fromEntries(
    fields.filter(([, value]) => value !== undefined).map(([name, value]) => [style.key(name), value]),
  );
}

export function renderRoute(route: PlanRoute, style: KeyStyle): Json {
  return styled(style, [
    ['receiver', route.receiver],
    ['matchers', nonEmpty(route.matchers)?.map(style.matcher)],
    ['continue', route.continue || undefined],
    ['groupBy', route.groupBy ?? undefined],
    ['groupWait', duration(route.groupWaitMs)],
    ['groupInterval', duration(route.groupIntervalMs)],
    ['repeatInterval', duration(route.repeatIntervalMs)],
    ['muteTimeIntervals', nonEmpty(route.muteTimeIntervals)],
    ['activeTimeIntervals', nonEmpty(route.activeTimeIntervals)],
    ['routes', nonEmpty(route.routes)?.map((child) => renderRoute(child, style))],
  ]);
}

export function renderInhibitions(inhibitions: readonly Inhibition[], style: KeyStyle): Json[] {
  return inhibitions.map((i) => ({
    [style.inhibitSource]: i.source.map(style.matcher),
    [style.inhibitTarget]: i.target.map(style.matcher),
    equal: i.equal,
  }));
}

/** A named time interval (business hours, a maintenance window) as defined once in the catalog. */
export function renderTimeInterval(
  name: string,
  entries: readonly TimeIntervalEntry[],
  style: KeyStyle,
): Json {
  return styled(style, [
    ['name', name],
    [
      'timeIntervals',
      entries.map((e) =>
        styled(style, [
          [
            'times',
            e.times?.map((t) =>
              styled(style, [
                ['startTime', t.start],
                ['endTime', t.end],
              ]),
            ),
          ],
          ['weekdays', lower(e.weekdays)],
          ['daysOfMonth', e.daysOfMonth?.map(style.dayRange)],
          ['months', lower(e.months)],
          ['years', e.years],
          ['location', style.location ? e.location : undefined],
        ]),
      ),
    ],
  ]);
}
