// The burn alerts a set of SLOs shows at a minute of some traffic, as exp_alerts: every SLO reading
// the series is simulated on the same phases, so a test can name an alert that several SLOs share.
import type { NormalizedSlo } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { type AlertRuleTest, at, type ExpectedAlert } from '../../test-case.ts';
import { burnAlert } from '../instance.ts';
import { counters, simulate, type Traffic, type TrafficPhase } from '../simulate.ts';

/** Share of the budget the traffic up to minute t spent: all errors over all events, over the budget. */
function budgetConsumed(slo: NormalizedSlo, traffic: Traffic, t: number): number {
  const errors = traffic.errors[t] ?? 0;
  const total = traffic.total[t] ?? 0;
  return total > 0 ? errors / total / slo.budget : 0;
}

/** exp_alerts of the burn alert of tier `tierName` at minute `t` over every reader SLO. */
export function burnAlertTest(
  readers: readonly NormalizedSlo[],
  phases: readonly TrafficPhase[],
  tierName: string,
  t: number,
): AlertRuleTest {
  const traffic = counters(phases);
  const alerts: ExpectedAlert[] = readers.flatMap((slo) => {
    const tier = slo.alerting ? slo.tiers.find((x) => x.name === tierName) : undefined;
    if (!tier) return [];
    const sim = simulate(slo, traffic);
    const consumed = budgetConsumed(slo, traffic, t);
    return sim
      .firing(tier, t)
      .map((longMs) => burnAlert(slo, tier, longMs, sim.burn(longMs, t) ?? 0, 1 - consumed));
  });
  return { alertname: sloAlertNames.burn(tierName), eval_time: at(t), exp_alerts: alerts };
}
