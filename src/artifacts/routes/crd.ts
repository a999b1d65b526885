// One AlertmanagerConfig (v1alpha1) per team namespace, with the same routes as the plain config.
// The operator adds a `namespace="<its namespace>"` matcher to the top route and to the inhibit
// rules, so a team with services in several namespaces gets one object in each.
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import type { TimeInterval } from '../../model/model.ts';
import { type PlanRoute, type RoutingPlan, routesTo, type TeamPlan, unroutedReceiver } from './plan.ts';
import { crdReceiverDialect, renderReceiver } from './receivers.ts';
import { crdKeys, renderInhibitions, renderRoute, renderTimeInterval } from './render.ts';

type Json = Record<string, unknown>;

export const crdObjectName = (team: string) => `obsgen-${team}`;

function compact(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function intervalsUsed(r: PlanRoute): string[] {
  return [...r.muteTimeIntervals, ...r.activeTimeIntervals, ...r.routes.flatMap(intervalsUsed)];
}

/** Something the CRD cannot express, with the catalog path it comes from. */
export interface CrdIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface TeamCrds {
  readonly objects: readonly Json[];
  /** Messages about what the CRD cannot express (file-only secrets, validation failures). */
  readonly issues: readonly CrdIssue[];
}

/**
 * The operator hangs a team's route below the root of its own base config, whose grouping and timings
 * are not ours: what the team route would inherit from our root in the plain config is written out.
 */
function withRootDefaults(route: PlanRoute, root: PlanRoute): PlanRoute {
  return {
    ...route,
    groupBy: route.groupBy ?? root.groupBy,
    groupWaitMs: route.groupWaitMs ?? root.groupWaitMs,
    groupIntervalMs: route.groupIntervalMs ?? root.groupIntervalMs,
    repeatIntervalMs: route.repeatIntervalMs ?? root.repeatIntervalMs,
  };
}

/**
 * v1alpha1 (and v1beta1) time intervals have no `location`, and the API server prunes the unknown
 * field: the times would silently become UTC. Only an explicit UTC means the same in the CRD.
 */
function locationIssues(team: string, intervals: readonly TimeInterval[]): CrdIssue[] {
  return intervals.flatMap(({ name, entries }) =>
    entries.flatMap((entry, index) => {
      const location = entry.location;
      if (location === undefined || location === 'UTC') return [];
      const path = ['alertmanager', 'timeIntervals', name, index, 'location'];
      return [
        {
          path,
          message: `time interval "${name}" (used by team ${team}) has location ${location}, which an AlertmanagerConfig cannot express: the operator's v1alpha1 time intervals have no location and would apply the times in UTC; give the times in UTC and drop location (or set location: UTC)`,
        },
      ];
    }),
  );
}

export function teamCrds(plan: RoutingPlan, team: TeamPlan): TeamCrds {
  const issues: CrdIssue[] = [];
  const receivers = team.receivers.map((r) => {
    const result = renderReceiver(r, plan.settings, crdReceiverDialect);
    for (const field of result.fileOnlySecrets) {
      const path = field.startsWith('alertmanager.')
        ? field.split('.')
        : ['teams', r.team, 'receivers', r.key, ...field.split('.')];
      issues.push({
        path,
        message: `${path.join('.')}: a secret given only as a file cannot be used in an AlertmanagerConfig; give { secret, key }`,
      });
    }
    return result.receiver;
  });
  if (routesTo(team.route, unroutedReceiver)) receivers.push({ name: unroutedReceiver });
  const used = new Set(intervalsUsed(team.route));
  const usedIntervals = plan.settings.timeIntervals.filter(({ name }) => used.has(name));
  issues.push(...locationIssues(team.team, usedIntervals));
  const intervals = usedIntervals.map((i) => renderTimeInterval(i.name, i.entries, crdKeys));
  // The objects of a team differ in their namespace alone: they share one spec (the YAML writer
  // prints a shared object in full wherever it appears).
  const spec = compact({
    route: renderRoute(withRootDefaults(team.route, plan.root), crdKeys),
    receivers,
    inhibitRules: renderInhibitions(plan.inhibitions, crdKeys),
    muteTimeIntervals: intervals.length > 0 ? intervals : undefined,
  });
  const labels =
    Object.keys(plan.settings.configSelectorLabels).length > 0
      ? { ...plan.settings.configSelectorLabels }
      : undefined;
  const objects = team.namespaces.map((namespace) => {
    const object = {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: compact({ name: crdObjectName(team.team), namespace, labels }),
      spec,
    };
    try {
      new AlertmanagerConfig(object as ConstructorParameters<typeof AlertmanagerConfig>[0]).validate();
    } catch (error) {
      issues.push({
        path: ['teams', team.team],
        message: `AlertmanagerConfig ${namespace}/${object.metadata.name} fails the operator schema: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    return object;
  });
  return { objects, issues };
}
