// The burn alerts a set of SLOs shows at a minute of some traffic, as exp_alerts: every SLO reading
// the series is simulated on the same phases, so a test can name an alert that several SLOs share.
// Values follow the target's ranges; the cases pick minutes where 2.x's and 3.x's agree where they can.
import type { NormalizedSlo } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { type AlertRuleTest, at, type ExpectedAlert } from '../../test-case.ts';
import { burnAlert } from '../instance.ts';
import { counters, type RangeWindows, simulate, type Traffic, type TrafficPhase } from '../simulate.ts';

/** Share of the budget the traffic up to minute t spent: all errors over all events, over the budget. */
function budgetConsumed(slo: NormalizedSlo, traffic: Traffic, t: number): number {
  const errors = traffic.errors[t] ?? 0;
  const total = traffic.total[t] ?? 0;
  return total > 0 ? errors / total / slo.budget : 0;
}

function expectedAlerts(
  readers: readonly NormalizedSlo[],
  traffic: Traffic,
  tierName: string,
  t: number,
  windows: RangeWindows,
): ExpectedAlert[] {
  return readers.flatMap((slo) => {
    const tier = slo.alerting ? slo.tiers.find((x) => x.name === tierName) : undefined;
    if (!tier) return [];
    const sim = simulate(slo, traffic, windows);
    const consumed = budgetConsumed(slo, traffic, t);
    return sim
      .firing(tier, t)
      .map((longMs) => burnAlert(slo, tier, longMs, sim.burn(longMs, t) ?? 0, 1 - consumed));
  });
}

/** exp_alerts of the burn alert of tier `tierName` at minute `t` over every reader SLO, as `primary` ranges give them. */
export function burnAlertTest(
  readers: readonly NormalizedSlo[],
  phases: readonly TrafficPhase[],
  tierName: string,
  t: number,
  primary: RangeWindows,
): AlertRuleTest {
  const alerts = expectedAlerts(readers, counters(phases), tierName, t, primary);
  return { alertname: sloAlertNames.burn(tierName), eval_time: at(t), exp_alerts: alerts };
}
