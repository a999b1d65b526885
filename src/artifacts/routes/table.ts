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
  const settings = model.alertmanager;
  const fallback = settings.defaultReceiver
    ? resolveRef('', settings.defaultReceiver).name
    : unroutedReceiver;
  const rows: RoutingRow[] = [];
  for (const team of model.teams) {
    const base = probeLabels(model, team);
    for (const severity of severities) {
      const alert = { ...base, [labels.severity]: severity };
      rows.push({
        description: `team ${team.name}, ${severity}`,
        labels: alert,
        receivers: expected(team, alert),
      });
    }
    rows.push({
      description: `team ${team.name}, no severity`,
      labels: base,
      receivers: expected(team, base),
    });
    team.spec.routing.overrides.forEach((override, index) => {
      const probe = overrideProbe(base, override.matchers);
      if (probe)
        rows.push({
          description: `team ${team.name}, override ${index}`,
          labels: probe,
          receivers: expected(team, probe),
        });
    });
  }
  if (settings.watchdog) {
    rows.push({
      description: 'watchdog',
      labels: { alertname: settings.watchdog.alertname, [labels.severity]: 'none' },
      receivers: [resolveRef('', settings.watchdog.receiver).name],
    });
  }
  rows.push({
    description: 'unknown team',
    labels: { alertname: probeAlert, [labels.team]: 'no-such-team', [labels.severity]: 'critical' },
    receivers: [fallback],
  });
  rows.push({
    description: 'no team label',
    labels: { alertname: probeAlert, [labels.severity]: 'critical' },
    receivers: [fallback],
  });
  return rows;
}
