// Routing references must resolve: receivers (of this or another team), time intervals, matchers,
// service ownership. Each problem points at the catalog line of the reference.
import { parseMatchers } from '../../alertmanager/matchers.ts';
import type { Problem } from '../../problem.ts';
import { catalogProblem } from '../issues.ts';
import type { CatalogSpec } from '../schema/index.ts';
import { defaultReceiver } from '../schema/team.ts';
import type { ValuePath } from '../source.ts';
import type { CatalogCheck, CheckContext } from './types.ts';

interface Ref {
  readonly team: string;
  readonly ref: string;
  readonly path: ValuePath;
}

const severities = ['critical', 'warning', 'info'] as const;

function receiverRefs(spec: CatalogSpec): Ref[] {
  const refs: Ref[] = [];
  for (const [team, t] of Object.entries(spec.teams)) {
    const base = ['teams', team, 'routing'];
    for (const severity of severities) {
      for (const [i, ref] of (t.routing[severity] ?? []).entries())
        refs.push({ team, ref, path: [...base, severity, i] });
    }
    if (t.routing.default !== undefined)
      refs.push({ team, ref: t.routing.default, path: [...base, 'default'] });
    t.routing.overrides.forEach((o, i) => {
      for (const [j, ref] of o.receivers.entries())
        refs.push({ team, ref, path: [...base, 'overrides', i, 'receivers', j] });
    });
  }
  const am = spec.alertmanager;
  if (am.defaultReceiver !== undefined)
    refs.push({ team: '', ref: am.defaultReceiver, path: ['alertmanager', 'defaultReceiver'] });
  if (am.watchdog)
    refs.push({ team: '', ref: am.watchdog.receiver, path: ['alertmanager', 'watchdog', 'receiver'] });
  return refs;
}

function unknownReceiversProblems({ source, spec }: CheckContext): Problem[] {
  return receiverRefs(spec).flatMap(({ team, ref, path }) => {
    const slash = ref.indexOf('/');
    const owner = slash < 0 ? team : ref.slice(0, slash);
    const name = slash < 0 ? ref : ref.slice(slash + 1);
    const t = spec.teams[owner];
    if (!t)
      return [
        catalogProblem(
          source,
          path,
          `unknown team "${owner}"; declared teams: ${Object.keys(spec.teams).join(', ') || '(none)'}`,
        ),
      ];
    if (!(name in t.receivers)) {
      return [
        catalogProblem(
          source,
          path,
          `team "${owner}" has no receiver "${name}"; its receivers: ${Object.keys(t.receivers).join(', ') || '(none)'}`,
        ),
      ];
    }
    return [];
  });
}

function badMatchersProblems({ source, spec }: CheckContext): Problem[] {
  return Object.entries(spec.teams).flatMap(([team, t]) =>
    t.routing.overrides.flatMap((o, i) =>
      o.matchers.flatMap((text, j) => {
        const parsed = parseMatchers(text);
        const path = ['teams', team, 'routing', 'overrides', i, 'matchers', j];
        if (!parsed.ok) return [catalogProblem(source, path, `not an Alertmanager matcher: ${parsed.error}`)];
        if (parsed.value.length === 0) return [catalogProblem(source, path, 'empty matcher')];
        return [];
      }),
    ),
  );
}

function unknownTimeIntervalsProblems({ source, spec }: CheckContext): Problem[] {
  const known = Object.keys(spec.alertmanager.timeIntervals);
  const check = (names: readonly string[], path: ValuePath, field: string) =>
    names.flatMap((name, i) =>
      known.includes(name)
        ? []
        : [
            catalogProblem(
              source,
              [...path, field, i],
              `unknown time interval "${name}"; alertmanager.timeIntervals defines: ${known.join(', ') || '(none)'}`,
            ),
          ],
    );
  return Object.entries(spec.teams).flatMap(([team, t]) => {
    const base = ['teams', team, 'routing'];
    return [
      ...check(t.routing.muteTimeIntervals, base, 'muteTimeIntervals'),
      ...check(t.routing.activeTimeIntervals, base, 'activeTimeIntervals'),
      ...t.routing.overrides.flatMap((o, i) => [
        ...check(o.muteTimeIntervals, [...base, 'overrides', i], 'muteTimeIntervals'),
        ...check(o.activeTimeIntervals, [...base, 'overrides', i], 'activeTimeIntervals'),
      ]),
    ];
  });
}

/** Every team that owns services must say where each severity goes (one receiver says it alone). */
function unroutedSeveritiesProblems({ source, spec }: CheckContext): Problem[] {
  const owners = new Set(Object.values(spec.services).map((s) => s.team));
  return Object.entries(spec.teams).flatMap(([team, t]) => {
    if (!owners.has(team) || defaultReceiver(t) !== undefined) return [];
    const missing = severities.filter((s) => t.routing[s] === undefined);
    if (missing.length === 0) return [];
    return [
      catalogProblem(
        source,
        ['teams', team, 'routing'],
        `no receiver for ${missing.join(', ')} alerts of team "${team}": list receivers under routing.${missing[0]} or set routing.default (a team with a single receiver sends everything there)`,
      ),
    ];
  });
}

/** A service belongs to one team: explicit `services:` claims must not collide or contradict. */
function ownershipClaimsProblems({ source, spec }: CheckContext): Problem[] {
  const claimedBy = new Map<string, string>();
  return Object.entries(spec.teams).flatMap(([team, t]) =>
    (t.services ?? []).flatMap((service, i) => {
      const path = ['teams', team, 'services', i];
      const first = claimedBy.get(service);
      if (first !== undefined)
        return [
          catalogProblem(
            source,
            path,
            `service "${service}" is already claimed by team "${first}"; a service has one owner`,
          ),
        ];
      claimedBy.set(service, team);
      const s = spec.services[service];
      if (!s) return [catalogProblem(source, path, `unknown service "${service}"`)];
      if (s.team !== team)
        return [catalogProblem(source, path, `service "${service}" says it belongs to team "${s.team}"`)];
      return [];
    }),
  );
}

function emailNeedsSmtpProblems({ source, spec }: CheckContext): Problem[] {
  if (spec.alertmanager.smtp) return [];
  return Object.entries(spec.teams).flatMap(([team, t]) =>
    Object.entries(t.receivers)
      .filter(([, r]) => r.email !== undefined)
      .map(([name]) =>
        catalogProblem(
          source,
          ['teams', team, 'receivers', name, 'email'],
          'email receivers need alertmanager.smtp (smarthost and from)',
        ),
      ),
  );
}

export const unknownReceivers: CatalogCheck = {
  id: 'catalog/unknown-receiver',
  severity: 'error',
  description: 'every receiver a route names is declared by its team',
  check: unknownReceiversProblems,
};

export const badMatchers: CatalogCheck = {
  id: 'catalog/route-matcher',
  severity: 'error',
  description: 'route override matchers are valid Alertmanager matchers',
  check: badMatchersProblems,
};

export const unknownTimeIntervals: CatalogCheck = {
  id: 'catalog/unknown-time-interval',
  severity: 'error',
  description: 'mute and active time intervals are defined under alertmanager.timeIntervals',
  check: unknownTimeIntervalsProblems,
};

export const unroutedSeverities: CatalogCheck = {
  id: 'catalog/unrouted-severity',
  severity: 'error',
  description: 'every team that owns services routes every severity somewhere',
  check: unroutedSeveritiesProblems,
};

export const ownershipClaims: CatalogCheck = {
  id: 'catalog/ownership',
  severity: 'error',
  description: "a team's services: claim agrees with the services' team field",
  check: ownershipClaimsProblems,
};

export const emailNeedsSmtp: CatalogCheck = {
  id: 'catalog/email-smtp',
  severity: 'error',
  description: 'email receivers have alertmanager.smtp to send through',
  check: emailNeedsSmtpProblems,
};

export const routeChecks: readonly CatalogCheck[] = [
  unknownReceivers,
  badMatchers,
  unknownTimeIntervals,
  unroutedSeverities,
  ownershipClaims,
  emailNeedsSmtp,
];
