// A burn fast enough for every tier: each burn alert fires with its labels, summary, description and
// links; the no-data alert of an SLO whose series are there stays quiet past its own `for`. The burn
// is steady from minute 0, so every window reads the same ratio: the test looks at the first minute
// every tier fires (and 2.x and 3.x ranges agree), no later than needed.
import { type BurnTier, sloAlertNames } from '../../../../model/slo.ts';
import type { TestCase } from '../../test-case.ts';
import { at, firstMinute } from '../../test-case.ts';
import { alertsQuery, firingSamples } from '../instance.ts';
import type { FastBurnPlan } from '../plans.ts';
import { counters, simulateAgreed, sloShape, targetWindows, tierShape } from '../simulate.ts';
import { burnPhase, fastBurnRate, inputSeries, type SloContext, sloReaders, tiersBelow } from '../traffic.ts';
import { burnAlertTest } from './burn-alerts.ts';
import { noDataTest } from './no-data.ts';

const minuteMs = 60_000;

/** The first minute past every `for` where every tier fires, preferably one 2.x and 3.x agree on. */
function fastBurnPlan(ctx: SloContext, burn: number, tiers: readonly BurnTier[]): FastBurnPlan | null {
  const { slo } = ctx;
  const maxFor = Math.max(...tiers.map((t) => t.forMs)) / minuteMs;
  const noDataFor = slo.noDataMs === null ? 0 : slo.noDataMs / minuteMs;
  const horizon = maxFor + noDataFor + 60;
  const windows = targetWindows(ctx.model.settings.target.promql);
  const probe = simulateAgreed(slo, counters([burnPhase(slo, horizon, burn)]), windows);
  const firesEverywhere = (agree: boolean) => (t: number) =>
    !tiers.some((tier) => probe.knifeEdge(tier, t)) &&
    tiers.every((tier) => ((agree ? probe.agreed(tier, t) : probe.primary.firing(tier, t))?.length ?? 0) > 0);
  const from = Math.max(maxFor, noDataFor) + 1;
  const evalAt =
    firstMinute(from, horizon, firesEverywhere(true)) ?? firstMinute(from, horizon, firesEverywhere(false));
  return evalAt === null ? null : { evalAt, probe };
}

export function fastBurn(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  const burn = fastBurnRate(slo);
  const tiers = tiersBelow(slo, burn);
  if (tiers.length === 0) return null;
  const windows = targetWindows(ctx.model.settings.target.promql);
  // The burn and the tiers follow from the budget and every tier's shape.
  const key = `${sloShape(slo)}|${slo.noDataMs}|${slo.tiers.map(tierShape).join(';')}|${windows}`;
  const plan = ctx.series.fastBurns.get(key, () => fastBurnPlan(ctx, burn, tiers));
  if (plan === null) return null;
  const { evalAt, probe } = plan;
  const phases = [burnPhase(slo, evalAt + 1, burn)];
  const series = inputSeries(ctx, slo, phases);
  if (!series) return null;
  const readers = sloReaders(ctx, series, phases);
  if (!readers) {
    // Another SLO reads these series differently and fires under the same names: check this SLO's
    // own alerts by label.
    return {
      name: `a ${burn}x burn fires every tier (labels only: another SLO of ${slo.service} reads the same series)`,
      input_series: series,
      promql_expr_test: tiers.map((tier) => ({
        expr: alertsQuery(slo, sloAlertNames.burn(tier.name)),
        eval_time: at(evalAt),
        exp_samples: firingSamples(slo, tier, probe.primary.firing(tier, evalAt)),
      })),
    };
  }
  const shared =
    readers.length > 1
      ? ` (with ${readers
          .slice(1)
          .map((r) => r.name)
          .join(', ')}, which reads the same series)`
      : '';
  return {
    name: `a ${burn}x burn fires every tier with summary, description and links${shared}`,
    input_series: series,
    alert_rule_test: [
      ...tiers.map((tier) => burnAlertTest(readers, phases, tier.name, evalAt, windows)),
      ...(slo.noDataMs !== null ? [noDataTest(ctx, series, evalAt)] : []),
    ],
  };
}
