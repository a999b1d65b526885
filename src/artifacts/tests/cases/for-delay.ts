// Respects its `for`: the minute before the alert fires, its condition already holds but nothing fires.
import { type AlertRuleTest, at } from '../test-case.ts';

export function notYetFiring(alertname: string, fireMinute: number): AlertRuleTest {
  return { alertname, eval_time: at(fireMinute - 1), exp_alerts: [] };
}
