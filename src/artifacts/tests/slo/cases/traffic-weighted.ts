// Long windows are traffic-weighted: after an hour at 0.5x and an hour of failing trickle, the long
// burn rate is the ratio of the events, not the mean of the 5m ratios (what Sloth computes).
import type { NormalizedSlo } from '../../../../model/slo.ts';
import * as q from '../../../../promql/construct.ts';
import { printExpr } from '../../../../promql/index.ts';
import { sloLabels, sloRecords, windowLabel } from '../../../slos/names.ts';
import { eq } from '../../../slos/promql.ts';
import { sloMatchers } from '../../../slos/rules.ts';
import { num } from '../../series.ts';
import { at, minuteMs, type TestCase } from '../../test-case.ts';
import { counters, simulate, type TrafficPhase } from '../simulate.ts';
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
  const phases = [burnPhase(slo, 60, 0.5), { minutes: 60, totalPerMinute: 10, errorsPerMinute: 10 }];
  const series = inputSeries(ctx, slo, phases);
  if (!series || longest < 120 * minuteMs) return null;
  const sim = simulate(slo, counters(phases));
  const t = 120;
  const expected = sim.burn(longest, t) ?? 0;
  const naive = naiveAverage(slo, phases, t);
  const burn = q.selector(sloRecords.burnRate, [
    ...sloMatchers(slo),
    eq(sloLabels.window, windowLabel(longest)),
  ]);
  const within = q.binary(
    '<',
    q.binary('>', burn, q.number(Number(num(expected * 0.99)))),
    q.number(Number(num(expected * 1.01))),
  );
  return {
    name: `after 1h at 0.5x then 1h of failing trickle, the ${windowLabel(longest)} burn rate is ${num(expected)} (traffic-weighted); an average of 5m ratios would read ${num(naive)}`,
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
