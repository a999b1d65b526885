// Fires: on the minute the rules' semantics predict, with exactly the expected labels and rendered
// annotations; not the minute before (its `for`); and it resolves when the condition stops.
import { expectedAlert, type GeneratedAlert } from '../expected.ts';
import { type AlertRuleTest, at, firstMinute, type TestCase } from '../test-case.ts';
import { notYetFiring } from './for-delay.ts';
import { resolved, resolveMinute } from './resolves.ts';
import type { Curve, Firing, Scenario } from './scenario.ts';

export interface FiringSpec {
  readonly name: string;
  /** The alert expected at a firing minute, with its annotations for the condition's value then. */
  readonly alert: GeneratedAlert;
  readonly scenario: Scenario;
}

/** When the alert fires and resolves on the curve; null when it never fires or too close to call. */
export function firing(s: Curve, forMinutes: number): Firing | null {
  const fire = firstMinute(0, s.minutes, (t) => s.firesAt(forMinutes, t));
  if (fire === null) return null;
  if (s.knifeEdge(fire) || s.knifeEdge(fire - 1)) return null;
  const end = resolveMinute(s, forMinutes, fire);
  const clear = end !== null && !s.knifeEdge(end) && !s.knifeEdge(end - 1);
  return { fire, value: s.value(fire) ?? 0, end: clear ? end : null };
}

export function firesCase(spec: FiringSpec): TestCase | null {
  const { name: alertname, forMinutes } = spec.alert;
  const s = spec.scenario.curve;
  const f = s.firings.get(forMinutes, () => firing(s, forMinutes));
  if (f === null) return null;
  const tests: AlertRuleTest[] = [];
  if (f.fire > 0) tests.push(notYetFiring(alertname, f.fire));
  tests.push({ alertname, eval_time: at(f.fire), exp_alerts: [expectedAlert(spec.alert, f.value)] });
  if (f.end !== null) tests.push(resolved(alertname, f.end));
  return { name: spec.name, input_series: spec.scenario.series, alert_rule_test: tests };
}
