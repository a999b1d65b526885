// The routing table: for every team and severity (plus overrides, the Watchdog and alerts of no known
// team), the receivers the catalog says an alert must reach. It is derived from the catalog's routing
// spec directly, not from the generated route tree, so checking the tree against it (with obsgen's
// matcher and with amtool) tests the generator.
import { type LabelSet, matchesAll, parseMatchers } from '../../alertmanager/matchers.ts';
import { labels } from '../../model/conventions.ts';
import type { Model, Team } from '../../model/model.ts';
import { resolveRef, severities, teamDefault, unroutedReceiver } from './plan.ts';

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

function severityReceivers(team: Team, severity: string): string[] {
  const refs = (severities as readonly string[]).includes(severity)
    ? team.spec.routing[severity as 'critical' | 'warning' | 'info']
    : undefined;
  if (refs) return refs.map((ref) => resolveRef(team.name, ref).name);
  return [teamDefault(team.name, team.spec.routing) ?? unroutedReceiver];
}

/** Receivers of an alert of this team, following overrides (in order) then the severity routes. */
function expected(team: Team, alert: LabelSet): string[] {
  const found: string[] = [];
  for (const override of team.spec.routing.overrides) {
    const matchers = override.matchers.flatMap((m) => {
      const parsed = parseMatchers(m);
      return parsed.ok ? parsed.value : [];
    });
    if (!matchesAll(matchers, alert)) continue;
    found.push(...override.receivers.map((ref) => resolveRef(team.name, ref).name));
    if (!override.continue) return found;
  }
  return [...found, ...severityReceivers(team, alert[labels.severity] ?? '')];
}

/** Labels that satisfy an override's equality matchers, or null when it has other kinds. */
function overrideProbe(
  base: Record<string, string>,
  matcherTexts: readonly string[],
): Record<string, string> | null {
  const probe: Record<string, string> = { ...base, [labels.severity]: 'warning' };
  for (const text of matcherTexts) {
    const parsed = parseMatchers(text);
    if (!parsed.ok || parsed.value.some((m) => m.type !== '=')) return null;
    for (const m of parsed.value) probe[m.name] = m.value;
  }
  return probe;
}

export function routingTable(model: Model): RoutingRow[] {
  return sourcedRoutingTable(model).map((r) => r.row);
}

export function sourcedRoutingTable(model: Model): SourcedRow[] {
  const settings = model.alertmanager;
  const fallback = settings.defaultReceiver
    ? resolveRef('', settings.defaultReceiver).name
    : unroutedReceiver;
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
    team.spec.routing.overrides.forEach((override, index) => {
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
    add(['alertmanager', 'watchdog'], 'watchdog', alert, [resolveRef('', settings.watchdog.receiver).name]);
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
