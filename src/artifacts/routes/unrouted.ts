// Alerts that reach the "unrouted" receiver notify nobody: it has no integrations. The tree sends
// alerts there only where the catalog names no receiver, so gen says where, and what to set.
import type { Model } from '../../model/model.ts';
import { type Problem, problem } from '../../problem.ts';
import { type RoutingPlan, unroutedReceiver } from './plan.ts';

const check = 'routes/unrouted';

/** One warning per place the tree drops alerts: a team with no receiver to take them, and the root. */
export function unroutedWarnings(model: Model, plan: RoutingPlan): Problem[] {
  const teams = plan.teams
    .filter((t) => t.route.receiver === unroutedReceiver)
    .map((t) =>
      problem(
        check,
        'warning',
        `alerts of team "${t.team}" go to receiver "${unroutedReceiver}", which notifies nobody: give teams.${t.team} a receiver (a single receiver takes every alert of the team) or set teams.${t.team}.routing.default`,
        model.locate(['teams', t.team]),
      ),
    );
  if (plan.root.receiver !== unroutedReceiver) return teams;
  return [
    ...teams,
    problem(
      check,
      'warning',
      `alerts whose team label names no team of the catalog, or that carry none (such as the alerts other rules of the cluster send to this Alertmanager), go to receiver "${unroutedReceiver}", which notifies nobody: set alertmanager.defaultReceiver${exampleReceiver(model)}`,
      model.locate(['alertmanager']),
    ),
  ];
}

/** `, e.g. platform/chat`: the first receiver the catalog declares, as a reference to copy. */
function exampleReceiver(model: Model): string {
  for (const team of model.teams) {
    const [receiver] = team.receivers;
    if (receiver !== undefined) return ` to a team's receiver, e.g. ${team.name}/${receiver.key}`;
  }
  return " to a team's receiver (team/receiver)";
}
