// Reads a plain Alertmanager configuration (the YAML amtool reads) into a routing tree, applying the
// defaults and inheritance of Alertmanager 0.25's config package: `matchers` strings, the deprecated
// `match` / `match_re` maps, group_by `...`, and timings inherited from the parent route.
import { parse } from 'yaml';
import { durationMs } from '../promql/duration.ts';
import { compileAnchored, type Matcher, newMatcher, type Parsed, parseMatchers } from './matchers.ts';
import type { Route, RouteOptions } from './route.ts';

export interface AlertmanagerTree {
  readonly route: Route;
  readonly receivers: readonly string[];
  readonly timeIntervals: readonly string[];
}

/** Alertmanager's defaults for the root route. */
const rootDefaults: RouteOptions = {
  receiver: '',
  groupBy: [],
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  repeatIntervalMs: 4 * 3600_000,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
};

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, what: string): Parsed<string[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    return { ok: false, error: `${what} must be a list of strings` };
  return { ok: true, value: value as string[] };
}

function durationField(raw: Raw, field: string, inherited: number): Parsed<number> {
  const value = raw[field];
  if (value === undefined || value === null) return { ok: true, value: inherited };
  const ms = typeof value === 'string' ? durationMs(value) : null;
  if (ms === null) return { ok: false, error: `${field}: not a duration: ${JSON.stringify(value)}` };
  return { ok: true, value: ms };
}

function routeMatchers(raw: Raw, key: string): Parsed<Matcher[]> {
  const matchers: Matcher[] = [];
  const match = raw.match;
  if (isRecord(match)) {
    for (const [name, value] of Object.entries(match)) {
      const m = newMatcher(name, '=', String(value));
      if (!m.ok) return m;
      matchers.push(m.value);
    }
  }
  const matchRe = raw.match_re;
  if (isRecord(matchRe)) {
    for (const [name, value] of Object.entries(matchRe)) {
      const re = compileAnchored(String(value));
      if (!re.ok) return { ok: false, error: `${key}: match_re ${name}: ${re.error}` };
      const m = newMatcher(name, '=~', String(value));
      if (!m.ok) return m;
      matchers.push(m.value);
    }
  }
  const lines = stringList(raw.matchers, `${key}: matchers`);
  if (!lines.ok) return lines;
  for (const line of lines.value) {
    const parsed = parseMatchers(line);
    if (!parsed.ok) return { ok: false, error: `${key}: ${parsed.error}` };
    matchers.push(...parsed.value);
  }
  return { ok: true, value: matchers };
}

function buildRoute(raw: Raw, parent: RouteOptions, key: string, isRoot: boolean): Parsed<Route> {
  const receiver = raw.receiver === undefined || raw.receiver === '' ? parent.receiver : String(raw.receiver);
  if (isRoot && receiver === '') return { ok: false, error: 'root route must specify a default receiver' };
  const groupByRaw = stringList(raw.group_by, `${key}: group_by`);
  if (!groupByRaw.ok) return groupByRaw;
  const allLabels = groupByRaw.value.includes('...');
  if (allLabels && groupByRaw.value.length > 1)
    return {
      ok: false,
      error: `${key}: cannot have wildcard group_by (\`...\`) and other labels at the same time`,
    };
  const groupBy =
    raw.group_by === undefined ? parent.groupBy : allLabels ? null : [...new Set(groupByRaw.value)].sort();
  const groupWait = durationField(raw, 'group_wait', parent.groupWaitMs);
  const groupInterval = durationField(raw, 'group_interval', parent.groupIntervalMs);
  const repeatInterval = durationField(raw, 'repeat_interval', parent.repeatIntervalMs);
  for (const d of [groupWait, groupInterval, repeatInterval])
    if (!d.ok) return { ok: false, error: `${key}: ${d.error}` };
  const mute = stringList(raw.mute_time_intervals, `${key}: mute_time_intervals`);
  const active = stringList(raw.active_time_intervals, `${key}: active_time_intervals`);
  if (!mute.ok) return mute;
  if (!active.ok) return active;
  const matchers = routeMatchers(raw, key);
  if (!matchers.ok) return matchers;
  if (isRoot && matchers.value.length > 0)
    return { ok: false, error: 'root route must not have any matchers' };
  if (isRoot && raw.continue === true) return { ok: false, error: 'cannot have continue in root route' };
  const options: RouteOptions = {
    receiver,
    groupBy,
    groupWaitMs: groupWait.ok ? groupWait.value : 0,
    groupIntervalMs: groupInterval.ok ? groupInterval.value : 0,
    repeatIntervalMs: repeatInterval.ok ? repeatInterval.value : 0,
    // Time intervals are not inherited (Alertmanager 0.25).
    muteTimeIntervals: mute.value,
    activeTimeIntervals: active.value,
  };
  const children: Route[] = [];
  const rawChildren = raw.routes ?? [];
  if (!Array.isArray(rawChildren)) return { ok: false, error: `${key}: routes must be a list` };
  for (const [index, child] of rawChildren.entries()) {
    if (!isRecord(child)) return { ok: false, error: `${key}/${index}: a route must be a map` };
    const built = buildRoute(child, options, `${key}/${index}`, false);
    if (!built.ok) return built;
    children.push(built.value);
  }
  return {
    ok: true,
    value: { options, matchers: matchers.value, continue: raw.continue === true, routes: children, key },
  };
}

function receiversOf(route: Route): string[] {
  return [route.options.receiver, ...route.routes.flatMap(receiversOf)];
}

function timeIntervalsOf(route: Route): string[] {
  return [
    ...route.options.muteTimeIntervals,
    ...route.options.activeTimeIntervals,
    ...route.routes.flatMap(timeIntervalsOf),
  ];
}

function namesOf(list: unknown): string[] {
  return Array.isArray(list) ? list.filter(isRecord).map((r) => String(r.name ?? '')) : [];
}

/** Builds the tree from the text of a config and checks what amtool checks about routing. */
export function readAlertmanagerConfig(text: string): Parsed<AlertmanagerTree> {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    return { ok: false, error: `not YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  return alertmanagerTree(raw);
}

/** The same from an already parsed config: known receivers and time intervals, root-route rules. */
export function alertmanagerTree(raw: unknown): Parsed<AlertmanagerTree> {
  if (!isRecord(raw)) return { ok: false, error: 'the configuration must be a map' };
  if (!isRecord(raw.route)) return { ok: false, error: 'no routes provided' };
  const route = buildRoute(raw.route, rootDefaults, '{}', true);
  if (!route.ok) return route;
  const receivers = namesOf(raw.receivers);
  const timeIntervals = [...namesOf(raw.time_intervals), ...namesOf(raw.mute_time_intervals)];
  for (const name of receiversOf(route.value)) {
    if (!receivers.includes(name)) return { ok: false, error: `undefined receiver "${name}" used in route` };
  }
  for (const name of timeIntervalsOf(route.value)) {
    if (!timeIntervals.includes(name))
      return { ok: false, error: `undefined time interval "${name}" used in route` };
  }
  return { ok: true, value: { route: route.value, receivers, timeIntervals } };
}
