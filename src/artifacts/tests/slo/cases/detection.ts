// Detection time: a burn starting after an hour of health fires the tier on the minute the
// simulation of the rules predicts, and not a minute earlier. The burn (and the minute it starts,
// within a few minutes of the hour) is chosen so that 2.x's and 3.x's ranges agree on that minute;
// only when none does the test follow the target's semantics.
import type { BurnTier } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { at, firstMinute, minuteMs, type TestCase } from '../../test-case.ts';
import { alertsQuery, firingSamples } from '../instance.ts';
import type { DetectionPlan } from '../plans.ts';
import { counters, simulateAgreed, sloShape, targetWindows, tierShape } from '../simulate.ts';
import { burnPhase, inputSeries, type SloContext } from '../traffic.ts';

/** Minutes of health before the burn: the hour, and a few later starts to find an agreeing one. */
const healthyStarts = [60, 61, 62, 63, 64];

type Found = DetectionPlan | 'never fires' | null;

/** Whether a burn of `burn` after `healthy` minutes fires the tier on a minute worth asserting. */
function detectionCase(
  ctx: SloContext,
  tier: BurnTier,
  healthy: number,
  burn: number,
  agree: boolean,
): Found {
  const { slo } = ctx;
  const longest = Math.max(...tier.windows.map((w) => w.longMs)) / minuteMs;
  const probe = [burnPhase(slo, healthy, 0), burnPhase(slo, longest + tier.forMs / minuteMs + 10, burn)];
  const sim = simulateAgreed(slo, counters(probe), targetWindows(ctx.model.settings.target.promql));
  const fires = firstMinute(healthy, sim.minutes, (t) => sim.primary.firing(tier, t).length > 0);
  if (fires === null) return 'never fires';
  if (sim.knifeEdge(tier, fires) || sim.knifeEdge(tier, fires - 1)) return null;
  const firing = agree ? sim.agreed(tier, fires) : sim.primary.firing(tier, fires);
  const before = agree ? sim.agreed(tier, fires - 1) : sim.primary.firing(tier, fires - 1);
  if (firing === null || before?.length !== 0) return null;
  return { healthy, burn, fires, firing };
}

/** Burn rates to try: from 2.5x the factor up to every event failing, then down towards the factor. */
function burnCandidates(factor: number, most: number): number[] {
  const start = Math.min(most, Math.ceil(factor * 2.5));
  const up: number[] = [];
  for (let burn = start; burn > factor && burn <= most; burn++) up.push(burn);
  const down: number[] = [];
  for (let burn = start - 1; burn > factor; burn--) down.push(burn);
  return [...up, ...down];
}

/** The first burn (and healthy start) worth asserting; null when none is, or the tier never fires. */
function detectionPlan(ctx: SloContext, tier: BurnTier): DetectionPlan | null {
  const { slo } = ctx;
  const factor = Math.max(...tier.windows.map((w) => w.factor));
  const burns = burnCandidates(factor, 1 / slo.budget);
  // A burn rate whose firing minute is not on a knife edge (a window exactly at the factor).
  for (const agree of [true, false])
    for (const healthy of healthyStarts)
      for (const burn of burns) {
        const found = detectionCase(ctx, tier, healthy, burn, agree);
        if (found === 'never fires') return null;
        if (found) return found;
      }
  return null;
}

export function detection(ctx: SloContext, tier: BurnTier): TestCase | null {
  const { slo } = ctx;
  const key = `${sloShape(slo)}|${tierShape(tier)}|${ctx.model.settings.target.promql}`;
  const plan = ctx.series.detections.get(key, () => detectionPlan(ctx, tier));
  if (!plan) return null;
  const { healthy, burn, fires, firing } = plan;
  const phases = [burnPhase(slo, healthy, 0), burnPhase(slo, fires - healthy + 2, burn)];
  const series = inputSeries(ctx, slo, phases);
  if (!series) return null;
  const query = alertsQuery(slo, sloAlertNames.burn(tier.name));
  return {
    name: `${tier.name}: a ${burn}x burn starting at ${at(healthy)} fires after ${fires - healthy} minutes, not before`,
    input_series: series,
    promql_expr_test: [
      { expr: query, eval_time: at(fires - 1), exp_samples: [] },
      { expr: query, eval_time: at(fires), exp_samples: firingSamples(slo, tier, firing) },
    ],
  };
}
