// A minute-by-minute model of what Prometheus computes from the SLO rules on synthetic traffic,
// used to predict the minute each generated test expects an alert to fire or resolve. Assumes one
// sample per minute from minute 0 and an evaluation every minute (sloEvalMs), as the generated tests use.
// It models both range semantics: 2.x's closed windows (a 5m range holds the sample at its left end)
// and 3.x's left-open ones (Prometheus 3.0 migration guide, "Range selectors and lookback exclude
// samples coinciding with the left boundary"); the generated tests only assert what both agree on.
import { type BurnTier, type NormalizedSlo, shortRateMs, sloEvalMs } from '../../../model/slo.ts';
import type { PromVersion } from '../../../promql/functions.ts';
import { firstMinuteFrom, type RangeWindows, rangeWindows, rateOver } from '../minutes.ts';

export type { RangeWindows } from '../minutes.ts';

const minuteMs = 60_000;

/** Events per minute over a stretch of minutes. */
export interface TrafficPhase {
  readonly minutes: number;
  readonly totalPerMinute: number;
  readonly errorsPerMinute: number;
}

export interface Traffic {
  /** The phases, as text: two traffics with one key hold the same counter values. */
  readonly key: string;
  /** Counter values at minutes 0..n (0 at minute 0). */
  readonly total: readonly number[];
  readonly errors: readonly number[];
  readonly good: readonly number[];
}

/** Traffics are pure in their phases; the tests of every SLO ask for the same few. */
const traffics = new Map<string, Traffic>();
const trafficsKept = 2000;

/** The phases as text: two phase lists with one key hold the same counter values. */
export const trafficKey = (phases: readonly TrafficPhase[]): string =>
  phases.map((p) => `${p.minutes}:${p.totalPerMinute}:${p.errorsPerMinute}`).join(',');

export function counters(phases: readonly TrafficPhase[]): Traffic {
  const key = trafficKey(phases);
  const known = traffics.get(key);
  if (known) return known;
  if (traffics.size >= trafficsKept) traffics.clear();
  const traffic = countersOf(phases, key);
  traffics.set(key, traffic);
  return traffic;
}

function countersOf(phases: readonly TrafficPhase[], key: string): Traffic {
  const total = [0];
  const errors = [0];
  const good = [0];
  for (const phase of phases) {
    for (let i = 0; i < phase.minutes; i++) {
      total.push((total.at(-1) ?? 0) + phase.totalPerMinute);
      errors.push((errors.at(-1) ?? 0) + phase.errorsPerMinute);
      good.push((good.at(-1) ?? 0) + (phase.totalPerMinute - phase.errorsPerMinute));
    }
  }
  return { key, total, errors, good };
}

/** Events of a total that are not good, when the total is defined. */
function difference(total: number | null, good: number | null): number | null {
  return total === null ? null : Math.max(total - (good ?? 0), 0);
}

/**
 * The 5m error and total rates at minute t, computed from the raw series the tests write as the
 * rules compute them (rules.ts errorRateExpr): each raw counter is rated on its own, so under 3.x a
 * counter still at zero is not stretched while a growing one is. Called once a simulated minute:
 * it creates no closures.
 */
function sliRates(
  slo: NormalizedSlo,
  traffic: Traffic,
  t: number,
  windows: RangeWindows,
): { errors: number | null; total: number | null } {
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const total = rateOver(traffic.total, t, windows);
    return { errors: difference(total, rateOver(traffic.good, t, windows)), total };
  }
  const part = sli.errors ?? sli.good;
  const oneMetric = part !== null && part.metric.name === sli.total.metric.name;
  const bad = rateOver(traffic.errors, t, windows);
  const good = rateOver(traffic.good, t, windows);
  const total = oneMetric
    ? bad === null || good === null
      ? null
      : bad + good
    : rateOver(traffic.total, t, windows);
  if (sli.errors) return { errors: bad ?? (total === null ? null : 0 * total), total };
  return { errors: sli.good ? difference(total, good) : total === null ? null : 0 * total, total };
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
  /** Long windows of the alerts of a tier firing at minute t (the `for` delay applied); shared, not to be changed. */
  firing(tier: BurnTier, t: number): readonly number[];
}

/**
 * What a simulation reads of an SLO: its SLI's kind and parts, its budget and its traffic floor.
 * The SLOs of services built from one template differ only in names, so they share simulations.
 */
export function sloShape(slo: NormalizedSlo): string {
  const sli = slo.sli;
  const parts =
    sli.kind === 'latency'
      ? 'latency'
      : `${sli.errors !== null}:${sli.good !== null}:${(sli.errors ?? sli.good)?.metric.name === sli.total.metric.name}`;
  return `${parts}|${slo.budget}|${slo.minRate}`;
}

/** What a simulation reads of a tier: its `for` and window pairs (not its name). */
export function tierShape(tier: BurnTier): string {
  const known = tierShapes.get(tier);
  if (known !== undefined) return known;
  const shape = `${tier.forMs}|${tier.windows.map((w) => `${w.longMs}:${w.shortMs}:${w.factor}`).join(',')}`;
  tierShapes.set(tier, shape);
  return shape;
}

/** A simulated minute asks for a tier's shape several times: computed once a tier. */
const tierShapes = new WeakMap<BurnTier, string>();

/** Simulations are pure in their key; a bound keeps a long-lived process from holding every one. */
const simulations = new Map<string, Simulation>();
const simulationsKept = 2000;

/** The rules simulated on the traffic, shared by every SLO of one shape (see sloShape). */
export function simulate(slo: NormalizedSlo, traffic: Traffic, windows: RangeWindows = 'closed'): Simulation {
  const key = `${sloShape(slo)}|${traffic.key}|${windows}`;
  const known = simulations.get(key);
  if (known) return known;
  if (simulations.size >= simulationsKept) simulations.clear();
  const simulation = simulateOnce(slo, traffic, windows);
  simulations.set(key, simulation);
  return simulation;
}

function simulateOnce(slo: NormalizedSlo, traffic: Traffic, windows: RangeWindows): Simulation {
  const minutes = traffic.total.length - 1;
  const errRate: (number | null)[] = [];
  const totRate: (number | null)[] = [];
  for (let t = 0; t <= minutes; t++) {
    const rates = sliRates(slo, traffic, t, windows);
    errRate.push(rates.errors);
    totRate.push(rates.total);
  }
  /** The samples of minutes [from, to], both ends included. */
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
  /** The samples a range of `windowMs` ending at minute t holds. */
  const sumOver = (series: readonly (number | null)[], windowMs: number, t: number) =>
    sumBetween(series, firstMinuteFrom(t * minuteMs - windowMs, windows), t);
  /** rules.ts windowEvents: the newest 5m rate weighted as 5 samples, plus older samples offset 2m30s. */
  const windowEvents = (series: readonly (number | null)[], windowMs: number, t: number): number | null => {
    const head = series[t];
    if (head === null || head === undefined) return null;
    if (windowMs === shortRateMs) return head;
    const endMs = t * minuteMs - shortRateMs / 2;
    const tail = sumBetween(
      series,
      firstMinuteFrom(endMs - (windowMs - shortRateMs), windows),
      Math.floor(endMs / minuteMs),
    );
    return tail.count === 0 ? null : head * (shortRateMs / sloEvalMs) + tail.sum;
  };
  const burns = new Map<number, Map<number, number | null>>();
  const burnOnce = (windowMs: number, t: number): number | null => {
    const e = windowEvents(errRate, windowMs, t);
    const n = windowEvents(totRate, windowMs, t);
    if (e === null || n === null) return null;
    return (n > 0 ? e / n : 0) / slo.budget;
  };
  const burn = (windowMs: number, t: number): number | null => {
    const cache = burns.get(windowMs) ?? new Map<number, number | null>();
    burns.set(windowMs, cache);
    const known = cache.get(t);
    if (known !== undefined) return known;
    const result = burnOnce(windowMs, t);
    cache.set(t, result);
    return result;
  };
  const means = new Map<number, Map<number, number | null>>();
  const meanTotalRate = (windowMs: number, t: number): number | null => {
    const cache = means.get(windowMs) ?? new Map<number, number | null>();
    means.set(windowMs, cache);
    const known = cache.get(t);
    if (known !== undefined) return known;
    const n = sumOver(totRate, windowMs, t);
    const result = n.count === 0 ? null : n.sum / n.count;
    cache.set(t, result);
    return result;
  };
  const memo = new Map<string, Map<number, number[]>>();
  const conditionsOf = (shape: string, tier: BurnTier, t: number): number[] => {
    const cache = memo.get(shape) ?? new Map<number, number[]>();
    memo.set(shape, cache);
    const known = cache.get(t);
    if (known) return known;
    const result = holding(tier, t);
    cache.set(t, result);
    return result;
  };
  const conditions = (tier: BurnTier, t: number): number[] => conditionsOf(tierShape(tier), tier, t);
  const holding = (tier: BurnTier, t: number): number[] =>
    tier.windows
      .filter(
        (w) =>
          (burn(w.longMs, t) ?? Number.NEGATIVE_INFINITY) > w.factor &&
          (burn(w.shortMs, t) ?? Number.NEGATIVE_INFINITY) > w.factor &&
          (slo.minRate <= 0 || (meanTotalRate(w.longMs, t) ?? 0) > slo.minRate),
      )
      .map((w) => w.longMs);
  const firingOf = (shape: string, tier: BurnTier, t: number): number[] => {
    const forMinutes = tier.forMs / minuteMs;
    return conditionsOf(shape, tier, t).filter((longMs) => {
      // Active since the first minute of the current unbroken stretch of this window pair's condition;
      // the walk back stops once the stretch covers the `for`.
      let since = t;
      while (since > 0 && t - since < forMinutes && conditionsOf(shape, tier, since - 1).includes(longMs))
        since--;
      return (t - since) * minuteMs >= tier.forMs;
    });
  };
  // The cases scan minute after minute, each walking back through a `for` of up to hours: once a minute.
  const fired = new Map<string, Map<number, number[]>>();
  const firing = (tier: BurnTier, t: number): number[] => {
    const shape = tierShape(tier);
    const cache = fired.get(shape) ?? new Map<number, number[]>();
    fired.set(shape, cache);
    const known = cache.get(t);
    if (known) return known;
    const result = firingOf(shape, tier, t);
    cache.set(t, result);
    return result;
  };
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

/** The ranges of the PromQL a target runs: 2.x closed, 3.x left-open. */
export function targetWindows(promql: PromVersion): RangeWindows {
  return promql === '3' ? 'left-open' : 'closed';
}

/**
 * The rules simulated under 2.x's and 3.x's ranges at once. A generated test asserts a minute where
 * both predict the same alerts, so it holds under promtool 2.42 and a Prometheus 3 alike; where no
 * such minute is found, it follows the target's semantics (`primary`).
 */
export interface AgreedSimulation {
  /** The simulation under the target's ranges: burn values for annotations come from it. */
  readonly primary: Simulation;
  readonly minutes: number;
  /** Long windows of the tier firing at minute t, or null when the semantics disagree. */
  agreed(tier: BurnTier, t: number): readonly number[] | null;
  /** Whether some comparison is too close to call under either semantics. */
  knifeEdge(tier: BurnTier, t: number): boolean;
  /** Every simulation's burn over a window at minute t. */
  burns(windowMs: number, t: number): (number | null)[];
}

export function simulateAgreed(
  slo: NormalizedSlo,
  traffic: Traffic,
  primaryWindows: RangeWindows,
): AgreedSimulation {
  const all = rangeWindows.map((w) => simulate(slo, traffic, w));
  // The target's ranges are one of the two simulated: the same simulation, not a third one.
  const primary = all[rangeWindows.indexOf(primaryWindows)] ?? simulate(slo, traffic, primaryWindows);
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  return {
    primary,
    minutes: primary.minutes,
    agreed(tier, t) {
      const expected = primary.firing(tier, t);
      return all.every((o) => same(o.firing(tier, t), expected)) ? expected : null;
    },
    knifeEdge: (tier, t) => all.some((s) => s.knifeEdge(tier, t)),
    burns: (windowMs, t) => all.map((s) => s.burn(windowMs, t)),
  };
}
