// Detection time: a burn starting after an hour of health fires the tier on the minute the
// simulation of the rules predicts, and not a minute earlier.
import type { BurnTier } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { at, firstMinute, minuteMs, type TestCase } from '../../test-case.ts';
import { alertsQuery, firingSamples } from '../instance.ts';
import { counters, simulate } from '../simulate.ts';
import { burnPhase, inputSeries, type SloContext } from '../traffic.ts';

export function detection(ctx: SloContext, tier: BurnTier): TestCase | null {
  const { slo } = ctx;
  const factor = Math.max(...tier.windows.map((w) => w.factor));
  const healthy = 60;
  const longest = Math.max(...tier.windows.map((w) => w.longMs)) / minuteMs;
  // A burn rate whose firing minute is not on a knife edge (a window exactly at the factor).
  for (
    let burn = Math.min(1 / slo.budget, Math.ceil(factor * 2.5));
    burn > factor && burn <= 1 / slo.budget;
    burn++
  ) {
    const probe = [burnPhase(slo, healthy, 0), burnPhase(slo, longest + tier.forMs / minuteMs + 10, burn)];
    const sim = simulate(slo, counters(probe));
    const fires = firstMinute(healthy, sim.minutes, (t) => sim.firing(tier, t).length > 0);
    if (fires === null) return null;
    if (sim.knifeEdge(tier, fires) || sim.knifeEdge(tier, fires - 1)) continue;
    const phases = [burnPhase(slo, healthy, 0), burnPhase(slo, fires - healthy + 2, burn)];
    const series = inputSeries(ctx, slo, phases);
    if (!series) return null;
    const query = alertsQuery(slo, sloAlertNames.burn(tier.name));
    return {
      name: `${tier.name}: a ${burn}x burn starting at ${at(healthy)} fires after ${fires - healthy} minutes, not before`,
      input_series: series,
      promql_expr_test: [
        { expr: query, eval_time: at(fires - 1), exp_samples: [] },
        { expr: query, eval_time: at(fires), exp_samples: firingSamples(slo, tier, sim.firing(tier, fires)) },
      ],
    };
  }
  return null;
}
