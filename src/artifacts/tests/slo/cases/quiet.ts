// Burns that must not page: exactly the budget (1x), and every request failing below the traffic
// floor. Where every SLO reading the series can be simulated, the expectation is an alert_rule_test
// (silence of this SLO's alerts, and whatever the siblings on the same series do). The traffic is
// steady from minute 0, so every window reads the same ratio and mean rate once the 5m rate is
// whole: checking past the 5m rate and the tiers' `for` (a condition holding from the start would
// have fired by then) proves as much as waiting for the long windows to fill.
import type { BurnTier } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { num } from '../../series.ts';
import { at, minuteMs, type TestCase } from '../../test-case.ts';
import { alertsQuery } from '../instance.ts';
import { type TrafficPhase, targetWindows } from '../simulate.ts';
import { burnPhase, inputSeries, type SloContext, sloReaders, tiersBelow } from '../traffic.ts';
import { burnAlertTest } from './burn-alerts.ts';

function quiet(
  ctx: SloContext,
  name: string,
  phases: readonly TrafficPhase[],
  tiers: readonly BurnTier[],
  times: readonly number[],
): TestCase | null {
  const series = inputSeries(ctx, ctx.slo, phases);
  if (!series || tiers.length === 0) return null;
  const readers = sloReaders(ctx, series, phases);
  if (readers) {
    const windows = targetWindows(ctx.model.settings.target.promql);
    return {
      name,
      input_series: series,
      alert_rule_test: tiers.flatMap((tier) =>
        times.map((t) => burnAlertTest(readers, phases, tier.name, t, windows)),
      ),
    };
  }
  return {
    name,
    input_series: series,
    promql_expr_test: tiers.flatMap((tier) =>
      times.map((t) => ({
        expr: alertsQuery(ctx.slo, sloAlertNames.burn(tier.name)),
        eval_time: at(t),
        exp_samples: [],
      })),
    ),
  };
}

/** Minutes to check silence at: past the 5m rate and the longest `for`, twice. */
function quietTimes(tiers: readonly BurnTier[]): number[] {
  const settled = 5 + Math.max(0, ...tiers.map((t) => t.forMs / minuteMs)) + 5;
  return [settled, settled + 10];
}

export function budgetRateStaysQuiet(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  const tiers = slo.tiers.filter((t) => t.windows.every((w) => w.factor > 1.5));
  const times = quietTimes(tiers);
  return quiet(
    ctx,
    'a steady burn at exactly the budget (1x) never pages',
    [burnPhase(slo, Math.max(...times), 1)],
    tiers,
    times,
  );
}

export function lowTrafficStaysQuiet(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  if (slo.minRate <= 0) return null;
  const perMinute = (slo.minRate * 60) / 2;
  const tiers = tiersBelow(slo, 1 / slo.budget);
  const times = quietTimes(tiers);
  return quiet(
    ctx,
    `every request failing at ${num(perMinute / 60)}/s (half the ${slo.minRate}/s floor) stays quiet`,
    [{ minutes: Math.max(...times), totalPerMinute: perMinute, errorsPerMinute: perMinute }],
    tiers,
    times,
  );
}
