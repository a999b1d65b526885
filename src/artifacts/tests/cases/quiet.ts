// Stays quiet: just under the threshold, or below the traffic floor, the alert never fires.
import { at, type TestCase } from '../test-case.ts';
import type { Curve, Scenario } from './scenario.ts';

/** Whether the alert never fires on the curve and no minute is too close to call. */
export function staysQuiet(s: Curve, forMinutes: number): boolean {
  for (let t = 0; t <= s.minutes; t++) if (s.firesAt(forMinutes, t) || s.knifeEdge(t)) return false;
  return true;
}

export function quietCase(
  name: string,
  alertname: string,
  forMinutes: number,
  scenario: Scenario,
  times: readonly number[],
): TestCase | null {
  const s = scenario.curve;
  // A scenario the rules' semantics say fires is not a quiet one: leave the case out.
  if (!s.quiet.get(forMinutes, () => staysQuiet(s, forMinutes))) return null;
  return {
    name,
    input_series: scenario.series,
    alert_rule_test: times.map((t) => ({ alertname, eval_time: at(t), exp_alerts: [] })),
  };
}
