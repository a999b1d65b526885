// The routing plan: one description of the route tree, receivers and inhibitions, from which both
// the plain alertmanager.yaml and the per-team AlertmanagerConfig CRDs are rendered, so the two
// cannot disagree.
import { type MatchType, parseMatchers } from '../../alertmanager/matchers.ts';
import type { AlertmanagerSpec } from '../../catalog/schema/alertmanager.ts';
import type { ReceiverSpec, RoutingSpec, TeamSpec } from '../../catalog/schema/team.ts';
import { alertNames, labels } from '../../model/conventions.ts';
import type { Model, Severity, Team } from '../../model/model.ts';
import { durationMs } from '../../promql/duration.ts';

export interface PlanMatcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
}

export interface PlanRoute {
  readonly receiver: string;
  readonly matchers: readonly PlanMatcher[];
  readonly continue: boolean;
  readonly groupBy: readonly string[] | null;
  readonly groupWaitMs: number | null;
  readonly groupIntervalMs: number | null;
  readonly repeatIntervalMs: number | null;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly routes: readonly PlanRoute[];
}

export interface PlanReceiver {
  /** Alertmanager receiver name, `<team>-<receiver>`. */
  readonly name: string;
  readonly team: string;
  readonly key: string;
  readonly spec: ReceiverSpec;
}

export interface PlanInhibition {
  readonly source: readonly PlanMatcher[];
  readonly target: readonly PlanMatcher[];
  readonly equal: readonly string[];
}

export interface TeamPlan {
  readonly team: string;
  /** The route of this team below the root (matching `team="<name>"`). */
  readonly route: PlanRoute;
  /** Namespaces of the team's AlertmanagerConfigs: those of its services, or its own. */
  readonly namespaces: readonly string[];
  /** Receivers its routes use (its own and other teams' it routes to), sorted by name. */
  readonly receivers: readonly PlanReceiver[];
}

export interface RoutingPlan {
  readonly root: PlanRoute;
  readonly teams: readonly TeamPlan[];
  readonly receivers: readonly PlanReceiver[];
  readonly inhibitions: readonly PlanInhibition[];
  readonly settings: AlertmanagerSpec;
}

export const severities: readonly Severity[] = ['critical', 'warning', 'info'];

/** Receiver of alerts no team claims when the catalog names no default receiver: drops them. */
export const unroutedReceiver = 'unrouted';

export function receiverName(team: string, receiver: string): string {
  return `${team}-${receiver}`;
}

/** `pager` in team `ml` -> `ml-pager`; `platform/pager` -> `platform-pager`. */
export function resolveRef(team: string, ref: string): { team: string; key: string; name: string } {
  const slash = ref.indexOf('/');
  const owner = slash < 0 ? team : ref.slice(0, slash);
  const key = slash < 0 ? ref : ref.slice(slash + 1);
  return { team: owner, key, name: receiverName(owner, key) };
}

/** Whether the route or one below it sends to the receiver. */
export function routesTo(route: PlanRoute, receiver: string): boolean {
  return route.receiver === receiver || route.routes.some((child) => routesTo(child, receiver));
}

const eq = (name: string, value: string): PlanMatcher => ({ name, type: '=', value });

function ms(text: string | undefined): number | null {
  return text === undefined ? null : durationMs(text);
}

function route(
  receiver: string,
  matchers: readonly PlanMatcher[],
  extra: Partial<PlanRoute> = {},
): PlanRoute {
  return {
    receiver,
    matchers,
    continue: false,
    groupBy: null,
    groupWaitMs: null,
    groupIntervalMs: null,
    repeatIntervalMs: null,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    routes: [],
    ...extra,
  };
}

type Timings = Pick<
  RoutingSpec,
  'groupBy' | 'groupWait' | 'groupInterval' | 'repeatInterval' | 'muteTimeIntervals' | 'activeTimeIntervals'
>;

function timingsOf(
  spec: Timings,
  inherited: Pick<PlanRoute, 'muteTimeIntervals' | 'activeTimeIntervals'>,
): Partial<PlanRoute> {
  return {
    groupBy: spec.groupBy ?? null,
    groupWaitMs: ms(spec.groupWait),
    groupIntervalMs: ms(spec.groupInterval),
    repeatIntervalMs: ms(spec.repeatInterval),
    // Alertmanager does not pass time intervals down the tree, so every route below repeats them.
    muteTimeIntervals: [...new Set([...inherited.muteTimeIntervals, ...spec.muteTimeIntervals])],
    activeTimeIntervals: [...new Set([...inherited.activeTimeIntervals, ...spec.activeTimeIntervals])],
  };
}

/** One route per receiver: all but the last `continue`, so every receiver is notified. */
function fanOut(
  team: string,
  refs: readonly string[],
  matchers: readonly PlanMatcher[],
  lastContinues: boolean,
  extra: Partial<PlanRoute>,
): PlanRoute[] {
  return refs.map((ref, index) =>
    route(resolveRef(team, ref).name, matchers, {
      ...extra,
      continue: index < refs.length - 1 || lastContinues,
    }),
  );
}

/** The receiver of the team route itself: the explicit default, else the warning receiver. */
export function teamDefault(team: string, routing: RoutingSpec): string | null {
  const ref = routing.default ?? routing.warning?.[0] ?? routing.critical?.[0] ?? routing.info?.[0];
  return ref === undefined ? null : resolveRef(team, ref).name;
}

function overrideMatchers(texts: readonly string[]): PlanMatcher[] {
  return texts.flatMap((text) => {
    const parsed = parseMatchers(text);
    return parsed.ok ? parsed.value.map(({ name, type, value }) => ({ name, type, value })) : [];
  });
}

function teamRoute(name: string, spec: TeamSpec): PlanRoute {
  const routing = spec.routing;
  const inherited = timingsOf(routing, { muteTimeIntervals: [], activeTimeIntervals: [] });
  const intervals = {
    muteTimeIntervals: inherited.muteTimeIntervals ?? [],
    activeTimeIntervals: inherited.activeTimeIntervals ?? [],
  };
  const overrides = routing.overrides.flatMap((o) =>
    fanOut(name, o.receivers, overrideMatchers(o.matchers), o.continue, timingsOf(o, intervals)),
  );
  const bySeverity = severities.flatMap((severity) => {
    const refs = routing[severity];
    return refs ? fanOut(name, refs, [eq(labels.severity, severity)], false, intervals) : [];
  });
  return route(teamDefault(name, routing) ?? unroutedReceiver, [eq(labels.team, name)], {
    ...inherited,
    routes: [...overrides, ...bySeverity],
  });
}

function receiversUsed(r: PlanRoute): string[] {
  return [r.receiver, ...r.routes.flatMap(receiversUsed)];
}

function allReceivers(teams: readonly Team[]): PlanReceiver[] {
  return teams.flatMap((t) =>
    Object.entries(t.spec.receivers).map(([key, spec]) => ({
      name: receiverName(t.name, key),
      team: t.name,
      key,
      spec,
    })),
  );
}

function teamNamespaces(model: Model, team: Team): string[] {
  const namespaces = model.services.filter((s) => s.team === team.name).map((s) => s.namespace);
  const own = team.spec.namespace;
  return [...new Set(namespaces.length > 0 ? namespaces : own ? [own] : [])].sort();
}

function inhibitions(settings: AlertmanagerSpec): PlanInhibition[] {
  if (!settings.inhibitions) return [];
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

export function buildPlan(model: Model): RoutingPlan {
  const settings = model.alertmanager;
  const receivers = allReceivers(model.teams);
  const byName = new Map(receivers.map((r) => [r.name, r]));
  const teams = model.teams.map((team): TeamPlan => {
    const teamRouteTree = teamRoute(team.name, team.spec);
    const used = [...new Set(receiversUsed(teamRouteTree))].sort();
    return {
      team: team.name,
      route: teamRouteTree,
      namespaces: teamNamespaces(model, team),
      receivers: used.flatMap((name) => byName.get(name) ?? []),
    };
  });
  const watchdog = settings.watchdog
    ? [
        route(
          resolveRef('', settings.watchdog.receiver).name,
          [eq('alertname', settings.watchdog.alertname)],
          {
            groupWaitMs: 0,
            groupIntervalMs: durationMs(settings.watchdog.repeatInterval),
            repeatIntervalMs: durationMs(settings.watchdog.repeatInterval),
          },
        ),
      ]
    : [];
  const root = route(
    settings.defaultReceiver ? resolveRef('', settings.defaultReceiver).name : unroutedReceiver,
    [],
    {
      groupBy: settings.groupBy,
      groupWaitMs: durationMs(settings.groupWait),
      groupIntervalMs: durationMs(settings.groupInterval),
      repeatIntervalMs: durationMs(settings.repeatInterval),
      routes: [...watchdog, ...teams.map((t) => t.route)],
    },
  );
  return { root, teams, receivers, inhibitions: inhibitions(settings), settings };
}
