// The complete plain Alertmanager configuration, the file `amtool check-config` reads.
import { formatMatcher } from '../../alertmanager/matchers.ts';
import { formatDurationInDays } from '../../promql/duration.ts';
import { plainTimeInterval, sortedIntervals } from './intervals.ts';
import { type PlanRoute, type RoutingPlan, unroutedReceiver } from './plan.ts';
import { plainReceiver } from './receivers.ts';

type Json = Record<string, unknown>;

function duration(ms: number | null): string | undefined {
  return ms === null ? undefined : formatDurationInDays(ms);
}

function plainRoute(r: PlanRoute): Json {
  const fields: Json = {
    receiver: r.receiver,
    matchers: r.matchers.length > 0 ? r.matchers.map(formatMatcher) : undefined,
    continue: r.continue || undefined,
    group_by: r.groupBy ?? undefined,
    group_wait: duration(r.groupWaitMs),
    group_interval: duration(r.groupIntervalMs),
    repeat_interval: duration(r.repeatIntervalMs),
    mute_time_intervals: r.muteTimeIntervals.length > 0 ? r.muteTimeIntervals : undefined,
    active_time_intervals: r.activeTimeIntervals.length > 0 ? r.activeTimeIntervals : undefined,
    routes: r.routes.length > 0 ? r.routes.map(plainRoute) : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function usesUnrouted(r: PlanRoute): boolean {
  return r.receiver === unroutedReceiver || r.routes.some(usesUnrouted);
}

export function plainConfig(plan: RoutingPlan): Json {
  const receivers = plan.receivers.map((r) => plainReceiver(r, plan.settings));
  // A receiver without integrations drops what reaches it: the explicit "nobody claims this alert".
  if (usesUnrouted(plan.root)) receivers.push({ name: unroutedReceiver });
  const intervals = sortedIntervals(plan.settings).map(([name, entries]) => plainTimeInterval(name, entries));
  const config: Json = {
    route: plainRoute(plan.root),
    receivers: receivers.sort((a, b) => String(a.name).localeCompare(String(b.name))),
    inhibit_rules: plan.inhibitions.map((i) => ({
      source_matchers: i.source.map(formatMatcher),
      target_matchers: i.target.map(formatMatcher),
      equal: i.equal,
    })),
  };
  if (intervals.length > 0) config.time_intervals = intervals;
  return config;
}
