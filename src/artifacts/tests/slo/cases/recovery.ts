// Resolution: after a burn stops, the tier's alert resolves on the minute the simulation predicts.
import type { BurnTier } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { at, firstMinute, minuteMs, type TestCase } from '../../test-case.ts';
import { alertsQuery, firingSamples } from '../instance.ts';
import { counters, simulate } from '../simulate.ts';
import { burnPhase, fastBurnRate, inputSeries, type SloContext, tiersBelow } from '../traffic.ts';

export function recovery(ctx: SloContext, tier: BurnTier): TestCase | null {
  const { slo } = ctx;
  const burning = 30 + tier.forMs / minuteMs;
  for (let burn = fastBurnRate(slo); burn <= 1 / slo.budget && tiersBelow(slo, burn).includes(tier); burn++) {
    const probe = [burnPhase(slo, burning, burn), burnPhase(slo, 24 * 60, 0)];
    const sim = simulate(slo, counters(probe));
    const resolved = firstMinute(burning, sim.minutes, (t) => sim.firing(tier, t).length === 0);
    if (resolved === null) return null;
    if (sim.knifeEdge(tier, resolved) || sim.knifeEdge(tier, resolved - 1)) continue;
    const phases = [burnPhase(slo, burning, burn), burnPhase(slo, resolved - burning + 2, 0)];
    const series = inputSeries(ctx, slo, phases);
    if (!series) return null;
    const query = alertsQuery(slo, sloAlertNames.burn(tier.name));
    return {
      name: `${tier.name}: after a ${burning}-minute ${burn}x burn stops, the alert resolves ${resolved - burning} minutes later`,
      input_series: series,
      promql_expr_test: [
        {
          expr: query,
          eval_time: at(resolved - 1),
          exp_samples: firingSamples(slo, tier, sim.firing(tier, resolved - 1)),
        },
        { expr: query, eval_time: at(resolved), exp_samples: [] },
      ],
    };
  }
  return null;
}
