// A minute-by-minute model of what Prometheus computes from the generated RED and saturation rules
// on synthetic series (one sample a minute from minute 0, an evaluation every minute), so each
// generated test expects firing and resolution on the minute the rules' semantics give. Ranges
// follow 2.x (closed) or 3.x (left-open: Prometheus 3.0 migration guide, "Range selectors and
// lookback exclude samples coinciding with the left boundary").
import { latencyQuantiles } from '../../model/conventions.ts';

/** The SLO rules' rate window; the RED rules' window is the service's (rateWindowMs). */
const sloRateWindowMinutes = 5;
const minuteMs = 60_000;

/** Values of a counter at minutes 0..n, starting at 0, growing by `perMinute` over each phase. */
export function counterValues(phases: readonly { minutes: number; perMinute: number }[]): number[] {
  const values = [0];
  for (const phase of phases)
    for (let i = 0; i < phase.minutes; i++) values.push((values.at(-1) ?? 0) + phase.perMinute);
  return values;
}

/** 2.x ranges include the sample at their left end; 3.x ranges do not. */
export type RangeWindows = 'closed' | 'left-open';

export const rangeWindows: readonly RangeWindows[] = ['closed', 'left-open'];

/** The first whole minute a range starting at `startMs` holds. */
export function firstMinuteFrom(startMs: number, windows: RangeWindows): number {
  const m = startMs / minuteMs;
  return windows === 'closed' ? Math.ceil(m) : Math.floor(m) + 1;
}

/**
 * rate(x[w]) at minute t, w in whole minutes (5 by default) over a counter that never resets, as Prometheus extrapolates it: over the
 * samples the window holds, stretched to the window's start (never past the counter's zero point)
 * when the gap is under 1.1 sample intervals. Under 2.x a window from minute 5 on holds 6 samples
 * spanning the whole 300s; under 3.x it holds 5 and the increase is stretched by a quarter.
 * null before 2 samples.
 */
export function rateOver(
  values: readonly number[],
  t: number,
  windows: RangeWindows = 'closed',
  rateWindowMinutes: number = sloRateWindowMinutes,
): number | null {
  const rangeStartMs = (t - rateWindowMinutes) * minuteMs;
  const from = Math.max(0, firstMinuteFrom(rangeStartMs, windows));
  if (t - from < 1 || t >= values.length) return null;
  const first = values[from] ?? 0;
  const increase = (values[t] ?? 0) - first;
  const sampled = (t - from) * 60;
  let toStart = (from * minuteMs - rangeStartMs) / 1000;
  if (increase > 0 && first >= 0) toStart = Math.min(toStart, sampled * (first / increase));
  const average = sampled / (t - from);
  const extended = sampled + (toStart < average * 1.1 ? toStart : average / 2);
  return increase * (extended / sampled / (rateWindowMinutes * 60));
}

/** histogram_quantile as Prometheus 2.42 computes it over cumulative (le, count) buckets, +Inf last. */
export function histogramQuantile(q: number, buckets: readonly { le: number; count: number }[]): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted.at(-1);
  if (!last || last.le !== Number.POSITIVE_INFINITY || sorted.length < 2) return Number.NaN;
  // Counts are made monotonic, as the engine repairs them.
  const counts = sorted.map((b) => b.count);
  for (let i = 1; i < counts.length; i++) counts[i] = Math.max(counts[i] ?? 0, counts[i - 1] ?? 0);
  const observations = counts.at(-1) ?? 0;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  const b = counts.findIndex((c) => c >= rank);
  if (b === sorted.length - 1) return sorted[sorted.length - 2]?.le ?? Number.NaN;
  const upper = sorted[b]?.le ?? 0;
  if (b === 0 && upper <= 0) return upper;
  const lower = b === 0 ? 0 : (sorted[b - 1]?.le ?? 0);
  let count = counts[b] ?? 0;
  if (b > 0) {
    count -= counts[b - 1] ?? 0;
    rank -= counts[b - 1] ?? 0;
  }
  return lower + (upper - lower) * (rank / count);
}

/** The quantile the latency alert reads (the highest one recorded). */
export const alertQuantile = Math.max(...latencyQuantiles);

/**
 * Whether an alert whose condition gives `value(t)` (null: the condition does not hold) fires at
 * minute t: it has held at every minute since some minute at least `forMinutes` earlier.
 */
export function firesAt(value: (t: number) => number | null, forMinutes: number, t: number): boolean {
  if (value(t) === null) return false;
  // Walking back further than the `for` cannot change the answer.
  let since = t;
  while (since > 0 && t - since < forMinutes && value(since - 1) !== null) since--;
  return t - since >= forMinutes;
}
