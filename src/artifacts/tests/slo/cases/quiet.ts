// Burns that must not page: exactly the budget (1x), and every request failing below the traffic
// floor. Where every SLO reading the series can be simulated, the expectation is an alert_rule_test
// (silence of this SLO's alerts, and whatever the siblings on the same series do).
import type { BurnTier } from '../../../../model/slo.ts';
import { sloAlertNames } from '../../../../model/slo.ts';
import { num } from '../../series.ts';
import { at, type TestCase } from '../../test-case.ts';
import { alertsQuery } from '../instance.ts';
import type { TrafficPhase } from '../simulate.ts';
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
    return {
      name,
      input_series: series,
      alert_rule_test: tiers.flatMap((tier) =>
        times.map((t) => burnAlertTest(readers, phases, tier.name, t)),
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

export function budgetRateStaysQuiet(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  const tiers = slo.tiers.filter((t) => t.windows.every((w) => w.factor > 1.5));
  return quiet(
    ctx,
    'a steady burn at exactly the budget (1x) never pages',
    [burnPhase(slo, 90, 1)],
    tiers,
    [30, 90],
  );
}

export function lowTrafficStaysQuiet(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  if (slo.minRate <= 0) return null;
  const perMinute = (slo.minRate * 60) / 2;
  const tiers = tiersBelow(slo, 1 / slo.budget);
  return quiet(
    ctx,
    `every request failing at ${num(perMinute / 60)}/s (half the ${slo.minRate}/s floor) stays quiet`,
    [{ minutes: 90, totalPerMinute: perMinute, errorsPerMinute: perMinute }],
    tiers,
    [30, 90],
  );
}
