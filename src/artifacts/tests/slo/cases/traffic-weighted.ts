// Long windows are traffic-weighted: after half an hour at 0.5x and half an hour of failing
// trickle, the long burn rate is the ratio of the events, not the mean of the 5m ratios (what Sloth
// computes). The expected range holds under 2.x's and 3.x's ranges.
import type { NormalizedSlo } from '../../../../model/slo.ts';
import * as q from '../../../../promql/construct.ts';
import { printExpr } from '../../../../promql/index.ts';
import { sloLabels, sloRecords, windowLabel } from '../../../slos/names.ts';
import { eq } from '../../../slos/promql.ts';
import { sloMatchers } from '../../../slos/rules.ts';
import { num } from '../../series.ts';
import { at, minuteMs, type TestCase } from '../../test-case.ts';
import { counters, simulate, simulateAgreed, type TrafficPhase, targetWindows } from '../simulate.ts';
import { burnPhase, inputSeries, type SloContext } from '../traffic.ts';

/** What Sloth's period window computes: the plain mean of the 5m ratios. */
function naiveAverage(slo: NormalizedSlo, phases: readonly TrafficPhase[], t: number): number {
  const sim = simulate(slo, counters(phases));
  let sum = 0;
  let count = 0;
  for (let s = 1; s <= t; s++) {
    const b = sim.burn(5 * minuteMs, s);
    if (b !== null) {
      sum += b;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

export function trafficWeighted(ctx: SloContext, windows: readonly number[]): TestCase | null {
  const { slo } = ctx;
  const longest = Math.max(...windows);
  const half = 30;
  const phases = [burnPhase(slo, half, 0.5), { minutes: half, totalPerMinute: 10, errorsPerMinute: 10 }];
  const series = inputSeries(ctx, slo, phases);
  if (!series || longest < 120 * minuteMs) return null;
  const t = 2 * half;
  const sim = simulateAgreed(slo, counters(phases), targetWindows(ctx.model.settings.target.promql));
  const burns = sim.burns(longest, t);
  if (burns.some((b) => b === null)) return null;
  const expected = sim.primary.burn(longest, t) ?? 0;
  const low = Math.min(...burns.map((b) => b ?? 0));
  const high = Math.max(...burns.map((b) => b ?? 0));
  const naive = naiveAverage(slo, phases, t);
  const burn = q.selector(sloRecords.burnRate, [
    ...sloMatchers(slo),
    eq(sloLabels.window, windowLabel(longest)),
  ]);
  const within = q.binary(
    '<',
    q.binary('>', burn, q.number(Number(num(low * 0.99)))),
    q.number(Number(num(high * 1.01))),
  );
  return {
    name: `after ${at(half)} at 0.5x then ${at(half)} of failing trickle, the ${windowLabel(longest)} burn rate is ${num(expected)} (traffic-weighted); an average of 5m ratios would read ${num(naive)}`,
    input_series: series,
    promql_expr_test: [
      {
        expr: printExpr(q.aggregate('count', within)),
        eval_time: at(t),
        exp_samples: [{ labels: '{}', value: 1 }],
      },
    ],
  };
}
