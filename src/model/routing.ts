// A team's routing as the catalog states it, converted once: receiver references resolved to
// `<team>-<key>` names, the implied default receiver written out, override matchers parsed and
// durations in milliseconds. The routes generator builds the Alertmanager route tree from it.
import { parseMatchers } from '../alertmanager/matchers.ts';
import type { RouteSettings } from '../alertmanager/route.ts';
import type { RoutingSpec, TeamSpec } from '../catalog/schema/team.ts';
import { durationMs } from '../promql/duration.ts';
import type { RouteOverride, Severity, TeamRouting } from './model.ts';
import { resolveRef } from './receivers.ts';

/** The severities a team routes, in the order of its routes. */
export const severities: readonly Severity[] = ['critical', 'warning', 'info'];

type Settings = Pick<
  RoutingSpec,
  'groupBy' | 'groupWait' | 'groupInterval' | 'repeatInterval' | 'muteTimeIntervals' | 'activeTimeIntervals'
>;

function ms(text: string | undefined): number | null {
  return text === undefined ? null : durationMs(text);
}

function routeSettings(spec: Settings): RouteSettings {
  return {
    groupBy: spec.groupBy ?? null,
    groupWaitMs: ms(spec.groupWait),
    groupIntervalMs: ms(spec.groupInterval),
    repeatIntervalMs: ms(spec.repeatInterval),
    muteTimeIntervals: spec.muteTimeIntervals,
    activeTimeIntervals: spec.activeTimeIntervals,
  };
}

/**
 * The receiver of the team route itself: the explicit (or implied) default, else the warning receiver,
 * else the first critical or info one.
 */
function teamDefault(team: string, routing: RoutingSpec): string | null {
  const ref = routing.default ?? routing.warning?.[0] ?? routing.critical?.[0] ?? routing.info?.[0];
  return ref === undefined ? null : resolveRef(team, ref);
}

/** A matcher that does not parse is left out: catalog/route-matcher reports it. */
function overrideMatchers(texts: readonly string[]): RouteOverride['matchers'] {
  return texts.flatMap((text) => {
    const parsed = parseMatchers(text);
    return parsed.ok ? parsed.value : [];
  });
}

/** `spec` with the implied default receiver written out (withDefaultReceiver). */
export function teamRouting(team: string, spec: TeamSpec): TeamRouting {
  const routing = spec.routing;
  return {
    default: teamDefault(team, routing),
    bySeverity: Object.fromEntries(
      severities.flatMap((severity) => {
        const refs = routing[severity];
        return refs ? [[severity, refs.map((ref) => resolveRef(team, ref))]] : [];
      }),
    ),
    overrides: routing.overrides.map((o) => ({
      matchers: overrideMatchers(o.matchers),
      receivers: o.receivers.map((ref) => resolveRef(team, ref)),
      continue: o.continue,
      settings: routeSettings(o),
    })),
    settings: routeSettings(routing),
  };
}
