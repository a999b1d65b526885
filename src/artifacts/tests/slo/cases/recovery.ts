// Resolution: after a burn stops, the tier's alert resolves on the minute the simulation predicts.
// The burn lasts just past the tier's `for`; its rate is chosen so that 2.x's and 3.x's ranges
// agree on the minute, and only when none does the test follow the target's semantics.
import type { BurnTier } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { at, firstMinute, minuteMs, type TestCase } from '../../test-case.ts';
import { alertsQuery, firingSamples } from '../instance.ts';
import type { RecoveryPlan } from '../plans.ts';
import { counters, simulateAgreed, sloShape, targetWindows, tierShape } from '../simulate.ts';
import { burnPhase, fastBurnRate, inputSeries, type SloContext, tiersBelow } from '../traffic.ts';

type Found = RecoveryPlan | 'never resolves' | null;

/** Whether a burn of `burn` that stops resolves the tier on a minute worth asserting. */
function recoveryCase(ctx: SloContext, tier: BurnTier, burn: number, agree: boolean): Found {
  const { slo } = ctx;
  const burning = 10 + tier.forMs / minuteMs;
  const probe = [burnPhase(slo, burning, burn), burnPhase(slo, 24 * 60, 0)];
  const sim = simulateAgreed(slo, counters(probe), targetWindows(ctx.model.settings.target.promql));
  const resolved = firstMinute(burning, sim.minutes, (t) => sim.primary.firing(tier, t).length === 0);
  if (resolved === null) return 'never resolves';
  if (sim.knifeEdge(tier, resolved) || sim.knifeEdge(tier, resolved - 1)) return null;
  const firing = agree ? sim.agreed(tier, resolved - 1) : sim.primary.firing(tier, resolved - 1);
  const after = agree ? sim.agreed(tier, resolved) : sim.primary.firing(tier, resolved);
  if (!firing || firing.length === 0 || after?.length !== 0) return null;
  return { burn, burning, resolved, firing };
}

/** The first burn worth asserting the recovery of; null when none is, or the tier never resolves. */
function recoveryPlan(ctx: SloContext, tier: BurnTier): RecoveryPlan | null {
  const { slo } = ctx;
  for (const agree of [true, false])
    for (
      let burn = fastBurnRate(slo);
      burn <= 1 / slo.budget && tiersBelow(slo, burn).includes(tier);
      burn++
    ) {
      const found = recoveryCase(ctx, tier, burn, agree);
      if (found === 'never resolves') return null;
      if (found) return found;
    }
  return null;
}

export function recovery(ctx: SloContext, tier: BurnTier): TestCase | null {
  const { slo } = ctx;
  // fastBurnRate reads every tier's factors; tiersBelow(...).includes(tier) this tier's alone.
  const key = `${sloShape(slo)}|${fastBurnRate(slo)}|${tierShape(tier)}|${ctx.model.settings.target.promql}`;
  const plan = ctx.series.recoveries.get(key, () => recoveryPlan(ctx, tier));
  if (!plan) return null;
  const { burn, burning, resolved, firing } = plan;
  const phases = [burnPhase(slo, burning, burn), burnPhase(slo, resolved - burning + 2, 0)];
  const series = inputSeries(ctx, slo, phases);
  if (!series) return null;
  const query = alertsQuery(slo, sloAlertNames.burn(tier.name));
  return {
    name: `${tier.name}: after a ${burning}-minute ${burn}x burn stops, the alert resolves ${resolved - burning} minutes later`,
    input_series: series,
    promql_expr_test: [
      { expr: query, eval_time: at(resolved - 1), exp_samples: firingSamples(slo, tier, firing) },
      { expr: query, eval_time: at(resolved), exp_samples: [] },
    ],
  };
}
