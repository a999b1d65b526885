// The routing table: for every team and severity (plus overrides, the Watchdog and alerts of no known
// team), the receivers the catalog says an alert must reach. Why it exists: it is a cross-check of the
// route tree. It reads the model's routing (what each team asks for: overrides in order, then its
// severity receivers, then its default) and follows it directly, never through plan.ts, which turns
// the same routing into a tree (one route per receiver, `continue` flags, nesting under the root).
// The generated config is read back and each row resolved through the tree with Alertmanager's
// dispatch rules (index.ts, and amtool in the tests): a mistake in building or rendering the tree
// shows as a row the tree does not honour.
import { type LabelSet, type MatcherFields, matchesAll } from '../../alertmanager/matchers.ts';
import { labels } from '../../model/conventions.ts';
import type { Model, Severity, Team } from '../../model/model.ts';
import { severities } from '../../model/routing.ts';
import { unroutedReceiver } from './plan.ts';

export interface RoutingRow {
  readonly description: string;
  readonly labels: LabelSet;
  readonly receivers: readonly string[];
}

/** A row with the catalog path it comes from, to report a row the route tree does not honour. */
export interface SourcedRow {
  readonly row: RoutingRow;
  readonly origin: readonly (string | number)[];
}

export const probeAlert = 'ObsgenRoutingProbe';

function probeLabels(model: Model, team: Team): Record<string, string> {
  const service = model.services.find((s) => s.team === team.name);
  return {
    alertname: probeAlert,
    [labels.team]: team.name,
    ...(service ? { [labels.service]: service.name, [labels.namespace]: service.namespace } : {}),
  };
}

function severityReceivers(team: Team, severity: string): readonly string[] {
  const listed = (severities as readonly string[]).includes(severity)
    ? team.routing.bySeverity[severity as Severity]
    : undefined;
  return listed ?? [team.routing.default ?? unroutedReceiver];
}

/** Receivers of an alert of this team, following overrides (in order) then the severity routes. */
function expected(team: Team, alert: LabelSet): string[] {
  const found: string[] = [];
  for (const override of team.routing.overrides) {
    if (!matchesAll(override.matchers, alert)) continue;
    found.push(...override.receivers);
    if (!override.continue) return found;
  }
  return [...found, ...severityReceivers(team, alert[labels.severity] ?? '')];
}

/** Labels that satisfy an override's equality matchers, or null when it has other kinds. */
function overrideProbe(
  base: Record<string, string>,
  matchers: readonly MatcherFields[],
): Record<string, string> | null {
  if (matchers.some((m) => m.type !== '=')) return null;
  const probe: Record<string, string> = { ...base, [labels.severity]: 'warning' };
  for (const m of matchers) probe[m.name] = m.value;
  return probe;
}

export function routingTable(model: Model): RoutingRow[] {
  return sourcedRoutingTable(model).map((r) => r.row);
}

export function sourcedRoutingTable(model: Model): SourcedRow[] {
  const settings = model.alertmanager;
  const fallback = settings.defaultReceiver ?? unroutedReceiver;
  const rows: SourcedRow[] = [];
  const add = (
    origin: readonly (string | number)[],
    description: string,
    alert: LabelSet,
    receivers: readonly string[],
  ) => rows.push({ row: { description, labels: alert, receivers }, origin });
  for (const team of model.teams) {
    const base = probeLabels(model, team);
    const routing = ['teams', team.name, 'routing'];
    for (const severity of severities) {
      const alert = { ...base, [labels.severity]: severity };
      add(routing, `team ${team.name}, ${severity}`, alert, expected(team, alert));
    }
    add(routing, `team ${team.name}, no severity`, base, expected(team, base));
    team.routing.overrides.forEach((override, index) => {
      const probe = overrideProbe(base, override.matchers);
      if (probe)
        add(
          [...routing, 'overrides', index],
          `team ${team.name}, override ${index}`,
          probe,
          expected(team, probe),
        );
    });
  }
  if (settings.watchdog) {
    const alert = { alertname: settings.watchdog.alertname, [labels.severity]: 'none' };
    add(['alertmanager', 'watchdog'], 'watchdog', alert, [settings.watchdog.receiver]);
  }
  const unknown = ['alertmanager', 'defaultReceiver'];
  add(
    unknown,
    'unknown team',
    { alertname: probeAlert, [labels.team]: 'no-such-team', [labels.severity]: 'critical' },
    [fallback],
  );
  add(unknown, 'no team label', { alertname: probeAlert, [labels.severity]: 'critical' }, [fallback]);
  return rows;
}
