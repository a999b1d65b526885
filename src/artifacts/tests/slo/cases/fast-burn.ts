// A burn fast enough for every tier: each burn alert fires with its labels, summary, description and
// links; the no-data alert of an SLO whose series are there stays quiet.
import { sloAlertNames } from '../../../../model/slo.ts';
import type { TestCase } from '../../test-case.ts';
import { at } from '../../test-case.ts';
import { alertsQuery, firingSamples } from '../instance.ts';
import { counters, simulate } from '../simulate.ts';
import { burnPhase, fastBurnRate, inputSeries, type SloContext, sloReaders, tiersBelow } from '../traffic.ts';
import { burnAlertTest } from './burn-alerts.ts';
import { noDataTest } from './no-data.ts';

const minuteMs = 60_000;

export function fastBurn(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  const burn = fastBurnRate(slo);
  const tiers = tiersBelow(slo, burn);
  if (tiers.length === 0) return null;
  const maxFor = Math.max(...tiers.map((t) => t.forMs)) / minuteMs;
  const evalAt = Math.max(65, maxFor + 10);
  const phases = [burnPhase(slo, evalAt + 5, burn)];
  const series = inputSeries(ctx, slo, phases);
  if (!series) return null;
  const readers = sloReaders(ctx, series, phases);
  if (!readers) {
    // Another SLO reads these series differently and fires under the same names: check this SLO's
    // own alerts by label.
    const sim = simulate(slo, counters(phases));
    return {
      name: `a ${burn}x burn fires every tier (labels only: another SLO of ${slo.service} reads the same series)`,
      input_series: series,
      promql_expr_test: tiers.map((tier) => ({
        expr: alertsQuery(slo, sloAlertNames.burn(tier.name)),
        eval_time: at(evalAt),
        exp_samples: firingSamples(slo, tier, sim.firing(tier, evalAt)),
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
      ...tiers.map((tier) => burnAlertTest(readers, phases, tier.name, evalAt)),
      ...(slo.noDataMs !== null ? [noDataTest(ctx, series, evalAt)] : []),
    ],
  };
}
