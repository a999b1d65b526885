// Resolves the route of a team AlertmanagerConfig and the plain config's subtree for that team with
// Alertmanager's inheritance, so tests can require that both route every alert alike. The operator
// hangs the CRD route below the root of its own base config, whose timings are not ours, so the CRD
// is resolved below a root that differs from ours everywhere.
import { parse } from 'yaml';
import { alertmanagerTree } from '../../src/alertmanager/config.ts';
import { formatMatcher, type MatchType } from '../../src/alertmanager/matchers.ts';
import type { Route } from '../../src/alertmanager/route.ts';

type Json = Record<string, unknown>;

interface CrdRoute {
  receiver?: string;
  matchers?: { name: string; value: string; matchType?: MatchType }[];
  continue?: boolean;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  muteTimeIntervals?: string[];
  activeTimeIntervals?: string[];
  routes?: CrdRoute[];
}

/** The CRD route in the plain dialect, so both go through the same Alertmanager reading. */
function plainFromCrd(r: CrdRoute): Json {
  return Object.fromEntries(
    Object.entries({
      receiver: r.receiver,
      matchers: r.matchers?.map((m) =>
        formatMatcher({ name: m.name, type: m.matchType ?? '=', value: m.value }),
      ),
      continue: r.continue,
      group_by: r.groupBy,
      group_wait: r.groupWait,
      group_interval: r.groupInterval,
      repeat_interval: r.repeatInterval,
      mute_time_intervals: r.muteTimeIntervals,
      active_time_intervals: r.activeTimeIntervals,
      routes: r.routes?.map(plainFromCrd),
    }).filter(([, v]) => v !== undefined),
  );
}

/** What decides where and when an alert is notified, without the tree keys. */
function routing(r: Route): Json {
  return {
    ...r.options,
    matchers: r.matchers.map(formatMatcher),
    continue: r.continue,
    routes: r.routes.map(routing),
  };
}

export function resolvedTeamRoute(plainText: string, team: string): Json {
  const tree = alertmanagerTree(parse(plainText));
  if (!tree.ok) throw new Error(tree.error);
  const route = tree.value.route.routes.find((r) =>
    r.matchers.some((m) => formatMatcher(m) === `team="${team}"`),
  );
  if (!route) throw new Error(`no route for team ${team}`);
  return routing(route);
}

/** The CRD route resolved below an operator base config whose root differs from ours everywhere. */
export function resolvedCrdRoute(crd: {
  spec: { route: CrdRoute; receivers: { name: string }[]; muteTimeIntervals?: { name: string }[] };
}): Json {
  const names = crd.spec.receivers.map((r) => r.name);
  const tree = alertmanagerTree({
    route: {
      receiver: 'operator-base',
      group_by: ['cluster'],
      group_wait: '1m',
      group_interval: '10m',
      repeat_interval: '24h',
      routes: [plainFromCrd(crd.spec.route)],
    },
    receivers: [{ name: 'operator-base' }, ...names.map((name) => ({ name }))],
    time_intervals: (crd.spec.muteTimeIntervals ?? []).map(({ name }) => ({ name })),
  });
  if (!tree.ok) throw new Error(tree.error);
  const [route] = tree.value.route.routes;
  if (!route) throw new Error('no CRD route');
  return routing(route);
}
