// The complete plain Alertmanager configuration, the file `amtool check-config` reads.
import { type RoutingPlan, routesTo, unroutedReceiver } from './plan.ts';
import { plainReceiverDialect, renderReceiver } from './receivers.ts';
import { plainKeys, renderInhibitions, renderRoute, renderTimeInterval } from './render.ts';

type Json = Record<string, unknown>;

export function plainConfig(plan: RoutingPlan): Json {
  const receivers = plan.receivers.map(
    (r) => renderReceiver(r, plan.settings, plainReceiverDialect).receiver,
  );
  // A receiver without integrations drops what reaches it: the explicit "nobody claims this alert".
  if (routesTo(plan.root, unroutedReceiver)) receivers.push({ name: unroutedReceiver });
  const intervals = plan.settings.timeIntervals.map((i) => renderTimeInterval(i.name, i.entries, plainKeys));
  const config: Json = {
    route: renderRoute(plan.root, plainKeys),
    receivers: receivers.sort((a, b) => String(a.name).localeCompare(String(b.name))),
    inhibit_rules: renderInhibitions(plan.inhibitions, plainKeys),
  };
  if (intervals.length > 0) config.time_intervals = intervals;
  return config;
}
