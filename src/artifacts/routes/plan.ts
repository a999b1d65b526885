// The routing plan: one description of the route tree, receivers and inhibitions, from which both
// the plain alertmanager.yaml and the per-team AlertmanagerConfig CRDs are rendered, so the two
// cannot disagree. It reads the model's converted routing: what is left here is the shape of the
// tree (one route per receiver, `continue`, time intervals repeated down the tree).
import type { MatcherFields } from '../../alertmanager/matchers.ts';
import type { RouteSettings } from '../../alertmanager/route.ts';
import { labels } from '../../model/conventions.ts';
import type { AlertmanagerSettings, Inhibition, Model, Receiver, Team } from '../../model/model.ts';
import { severities } from '../../model/routing.ts';

export interface PlanRoute extends RouteSettings {
  readonly receiver: string;
  readonly matchers: readonly MatcherFields[];
  readonly continue: boolean;
  readonly routes: readonly PlanRoute[];
}

export interface TeamPlan {
  readonly team: string;
  /** The route of this team below the root (matching `team="<name>"`). */
  readonly route: PlanRoute;
  /** Namespaces of the team's AlertmanagerConfigs: those of its services, or its own. */
  readonly namespaces: readonly string[];
  /** Receivers its routes use (its own and other teams' it routes to), sorted by name. */
  readonly receivers: readonly Receiver[];
}

export interface RoutingPlan {
  readonly root: PlanRoute;
  readonly teams: readonly TeamPlan[];
  readonly receivers: readonly Receiver[];
  readonly inhibitions: readonly Inhibition[];
  readonly settings: AlertmanagerSettings;
}

/** Receiver of alerts no team claims when the catalog names no default receiver: drops them. */
export const unroutedReceiver = 'unrouted';

/** Whether the route or one below it sends to the receiver. */
export function routesTo(route: PlanRoute, receiver: string): boolean {
  return route.receiver === receiver || route.routes.some((child) => routesTo(child, receiver));
}

const eq = (name: string, value: string): MatcherFields => ({ name, type: '=', value });

/** A parsed matcher as the tree writes it, without its compiled test. */
const fields = ({ name, type, value }: MatcherFields): MatcherFields => ({ name, type, value });

const unset: RouteSettings = {
  groupBy: null,
  groupWaitMs: null,
  groupIntervalMs: null,
  repeatIntervalMs: null,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
};

function route(
  receiver: string,
  matchers: readonly MatcherFields[],
  extra: Partial<PlanRoute> = {},
): PlanRoute {
  return { receiver, matchers, continue: false, ...unset, routes: [], ...extra };
}

/** Alertmanager does not pass time intervals down the tree, so every route below repeats them. */
function withIntervals(settings: RouteSettings, inherited: RouteSettings): RouteSettings {
  return {
    ...settings,
    muteTimeIntervals: [...new Set([...inherited.muteTimeIntervals, ...settings.muteTimeIntervals])],
    activeTimeIntervals: [...new Set([...inherited.activeTimeIntervals, ...settings.activeTimeIntervals])],
  };
}

/** One route per receiver: all but the last `continue`, so every receiver is notified. */
function fanOut(
  receivers: readonly string[],
  matchers: readonly MatcherFields[],
  lastContinues: boolean,
  extra: Partial<PlanRoute>,
): PlanRoute[] {
  return receivers.map((receiver, index) =>
    route(receiver, matchers, { ...extra, continue: index < receivers.length - 1 || lastContinues }),
  );
}

function teamRoute(team: Team): PlanRoute {
  const routing = team.routing;
  const own = withIntervals(routing.settings, unset);
  const intervals = {
    muteTimeIntervals: own.muteTimeIntervals,
    activeTimeIntervals: own.activeTimeIntervals,
  };
  const overrides = routing.overrides.flatMap((o) =>
    fanOut(o.receivers, o.matchers.map(fields), o.continue, withIntervals(o.settings, own)),
  );
  const bySeverity = severities.flatMap((severity) => {
    const receivers = routing.bySeverity[severity];
    return receivers ? fanOut(receivers, [eq(labels.severity, severity)], false, intervals) : [];
  });
  return route(routing.default ?? unroutedReceiver, [eq(labels.team, team.name)], {
    ...own,
    routes: [...overrides, ...bySeverity],
  });
}

function receiversUsed(r: PlanRoute): string[] {
  return [r.receiver, ...r.routes.flatMap(receiversUsed)];
}

export function buildPlan(model: Model): RoutingPlan {
  const settings = model.alertmanager;
  const receivers = model.teams.flatMap((team) => team.receivers);
  const byName = new Map(receivers.map((r) => [r.name, r]));
  const teams = model.teams.map((team): TeamPlan => {
    const teamRouteTree = teamRoute(team);
    const used = [...new Set(receiversUsed(teamRouteTree))].sort();
    return {
      team: team.name,
      route: teamRouteTree,
      namespaces: team.namespaces,
      receivers: used.flatMap((name) => byName.get(name) ?? []),
    };
  });
  const watchdog = settings.watchdog
    ? [
        route(settings.watchdog.receiver, [eq('alertname', settings.watchdog.alertname)], {
          groupWaitMs: 0,
          groupIntervalMs: settings.watchdog.repeatIntervalMs,
          repeatIntervalMs: settings.watchdog.repeatIntervalMs,
        }),
      ]
    : [];
  const root = route(settings.defaultReceiver ?? unroutedReceiver, [], {
    groupBy: settings.groupBy,
    groupWaitMs: settings.groupWaitMs,
    groupIntervalMs: settings.groupIntervalMs,
    repeatIntervalMs: settings.repeatIntervalMs,
    routes: [...watchdog, ...teams.map((t) => t.route)],
  });
  return { root, teams, receivers, inhibitions: settings.inhibitions, settings };
}
