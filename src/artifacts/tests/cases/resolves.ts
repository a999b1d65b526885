// Resolves: once the condition stops holding the alert is gone at that very evaluation.
import { type AlertRuleTest, at, firstMinute } from '../test-case.ts';
import type { Curve } from './scenario.ts';

/** The minute after `from` when the alert no longer fires, or null within the scenario. */
export function resolveMinute(s: Curve, forMinutes: number, from: number): number | null {
  return firstMinute(from, s.minutes, (t) => !s.firesAt(forMinutes, t));
}

export function resolved(alertname: string, minute: number): AlertRuleTest {
  return { alertname, eval_time: at(minute), exp_alerts: [] };
}
