// A minute-by-minute model of what Prometheus 2.42 computes from the SLO rules on synthetic traffic,
// used to predict the minute each generated test expects an alert to fire or resolve. Assumes one
// sample per minute from minute 0 and an evaluation every minute (sloEvalMs), as the generated tests use.
import { type BurnTier, type NormalizedSlo, shortRateMs, sloEvalMs } from '../../../model/slo.ts';

const minuteMs = 60_000;

/** Events per minute over a stretch of minutes. */
export interface TrafficPhase {
  readonly minutes: number;
  readonly totalPerMinute: number;
  readonly errorsPerMinute: number;
}

export interface Traffic {
  /** Counter values at minutes 0..n (0 at minute 0). */
  readonly total: readonly number[];
  readonly errors: readonly number[];
}

export function counters(phases: readonly TrafficPhase[]): Traffic {
  const total = [0];
  const errors = [0];
  for (const phase of phases) {
    for (let i = 0; i < phase.minutes; i++) {
      total.push((total.at(-1) ?? 0) + phase.totalPerMinute);
      errors.push((errors.at(-1) ?? 0) + phase.errorsPerMinute);
    }
  }
  return { total, errors };
}

/**
 * rate(x[5m]) at minute t: the samples in [t-5m, t]; with the counter starting at 0 at minute 0,
 * Prometheus's extrapolation stops at the zero point, so the result is the increase over 300s.
 */
function rate5m(values: readonly number[], t: number): number | null {
  if (t < 1) return null;
  const from = Math.max(0, t - shortRateMs / minuteMs);
  return ((values[t] ?? 0) - (values[from] ?? 0)) / (shortRateMs / 1000);
}

export interface Simulation {
  readonly minutes: number;
  /** Burn rate over a window at minute t (null before the first rate sample). */
  burn(windowMs: number, t: number): number | null;
  /** Mean total rate over a window at minute t. */
  meanTotalRate(windowMs: number, t: number): number | null;
  /** Long windows (as labels) of the window pairs of a tier that hold at minute t. */
  conditions(tier: BurnTier, t: number): number[];
  /** Whether some comparison of the tier at minute t is too close to call (float noise could flip it). */
  knifeEdge(tier: BurnTier, t: number): boolean;
  /** Long windows of the alerts of a tier firing at minute t (the `for` delay applied). */
  firing(tier: BurnTier, t: number): number[];
}

export function simulate(slo: NormalizedSlo, traffic: Traffic): Simulation {
  const minutes = traffic.total.length - 1;
  const errRate: (number | null)[] = [];
  const totRate: (number | null)[] = [];
  for (let t = 0; t <= minutes; t++) {
    errRate.push(rate5m(traffic.errors, t));
    totRate.push(rate5m(traffic.total, t));
  }
  /** The samples of minutes [from, to], both ends included as in a 2.42 range selector. */
  const sumBetween = (
    series: readonly (number | null)[],
    from: number,
    to: number,
  ): { sum: number; count: number } => {
    let sum = 0;
    let count = 0;
    for (let s = Math.max(0, from); s <= to; s++) {
      const v = series[s];
      if (v !== null && v !== undefined) {
        sum += v;
        count++;
      }
    }
    return { sum, count };
  };
  const sumOver = (series: readonly (number | null)[], windowMs: number, t: number) =>
    sumBetween(series, t - windowMs / minuteMs, t);
  /** rules.ts windowEvents: the newest 5m rate weighted as 5 samples, plus older samples offset 2m30s. */
  const windowEvents = (series: readonly (number | null)[], windowMs: number, t: number): number | null => {
    const head = series[t];
    if (head === null || head === undefined) return null;
    if (windowMs === shortRateMs) return head;
    const endMs = t * minuteMs - shortRateMs / 2;
    const tail = sumBetween(
      series,
      Math.ceil((endMs - (windowMs - shortRateMs)) / minuteMs),
      Math.floor(endMs / minuteMs),
    );
    return tail.count === 0 ? null : head * (shortRateMs / sloEvalMs) + tail.sum;
  };
  const burn = (windowMs: number, t: number): number | null => {
    const e = windowEvents(errRate, windowMs, t);
    const n = windowEvents(totRate, windowMs, t);
    if (e === null || n === null) return null;
    return (n > 0 ? e / n : 0) / slo.budget;
  };
  const meanTotalRate = (windowMs: number, t: number): number | null => {
    const n = sumOver(totRate, windowMs, t);
    return n.count === 0 ? null : n.sum / n.count;
  };
  const memo = new Map<BurnTier, Map<number, number[]>>();
  const conditions = (tier: BurnTier, t: number): number[] => {
    const cache = memo.get(tier) ?? new Map<number, number[]>();
    memo.set(tier, cache);
    const known = cache.get(t);
    if (known) return known;
    const result = holding(tier, t);
    cache.set(t, result);
    return result;
  };
  const holding = (tier: BurnTier, t: number): number[] =>
    tier.windows
      .filter((w) => {
        const long = burn(w.longMs, t);
        const short = burn(w.shortMs, t);
        const traffic = meanTotalRate(w.longMs, t);
        return (
          long !== null &&
          short !== null &&
          long > w.factor &&
          short > w.factor &&
          (slo.minRate <= 0 || (traffic ?? 0) > slo.minRate)
        );
      })
      .map((w) => w.longMs);
  const firing = (tier: BurnTier, t: number): number[] =>
    conditions(tier, t).filter((longMs) => {
      // Active since the first minute of the current unbroken stretch of this window pair's condition.
      let since = t;
      while (since > 0 && conditions(tier, since - 1).includes(longMs)) since--;
      return (t - since) * minuteMs >= tier.forMs;
    });
  const close = (value: number | null, threshold: number): boolean =>
    value !== null && Math.abs(value - threshold) <= 1e-6 * Math.max(1, threshold);
  const knifeEdge = (tier: BurnTier, t: number): boolean =>
    tier.windows.some(
      (w) =>
        close(burn(w.longMs, t), w.factor) ||
        close(burn(w.shortMs, t), w.factor) ||
        (slo.minRate > 0 && close(meanTotalRate(w.longMs, t), slo.minRate)),
    );
  return { minutes, burn, meanTotalRate, conditions, knifeEdge, firing };
}
