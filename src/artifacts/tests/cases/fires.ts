// Fires: on the minute the rules' semantics predict, with exactly the expected labels and rendered
// annotations; not the minute before (its `for`); and it resolves when the condition stops.
import { expectedAlert, type GeneratedAlert } from '../expected.ts';
import { type AlertRuleTest, at, firstMinute, type TestCase } from '../test-case.ts';
import { notYetFiring } from './for-delay.ts';
import { resolved, resolveMinute } from './resolves.ts';
import type { Scenario } from './scenario.ts';

export interface FiringSpec {
  readonly name: string;
  /** The alert expected at a firing minute, with its annotations for the condition's value then. */
  readonly alert: GeneratedAlert;
  readonly scenario: Scenario;
}

export function firesCase(spec: FiringSpec): TestCase | null {
  const { name: alertname, forMinutes } = spec.alert;
  const s = spec.scenario.curve;
  const fire = firstMinute(0, s.minutes, (t) => s.firesAt(forMinutes, t));
  if (fire === null) return null;
  if (s.knifeEdge(fire) || s.knifeEdge(fire - 1)) return null;
  const value = s.value(fire) ?? 0;
  const tests: AlertRuleTest[] = [];
  if (fire > 0) tests.push(notYetFiring(alertname, fire));
  tests.push({ alertname, eval_time: at(fire), exp_alerts: [expectedAlert(spec.alert, value)] });
  const end = resolveMinute(s, forMinutes, fire);
  if (end !== null && !s.knifeEdge(end) && !s.knifeEdge(end - 1)) tests.push(resolved(alertname, end));
  return { name: spec.name, input_series: spec.scenario.series, alert_rule_test: tests };
}
