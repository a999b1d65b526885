// Functions over range vectors (rate, *_over_time, ...), each computing one series' value at one
// evaluation time as Prometheus 2.42's promql/functions.go does, in the same arithmetic order.
// A window is a slice [from, to) of parallel time/value arrays: no copy per evaluation.

import { kahanSumInc, quantile } from './quantile.ts';
import { QueryError } from './types.ts';

export interface Window {
  readonly times: readonly number[];
  readonly values: readonly number[];
  readonly from: number;
  readonly to: number;
}

export interface RangeContext {
  /** Evaluation time of the function (ms). */
  readonly ts: number;
  /** End of the selected range: evaluation (or @) time minus offset (ms). */
  readonly rangeEnd: number;
  readonly rangeMs: number;
  /** Values of the scalar arguments besides the range (quantile's q, predict_linear's t...). */
  readonly scalars: readonly number[];
}

/** Returns the value, or null when the series yields no sample. */
export type RangeFunction = (w: Window, ctx: RangeContext) => number | null;

function extrapolatedRate(w: Window, ctx: RangeContext, isCounter: boolean, isRate: boolean): number | null {
  const { times, values, from, to } = w;
  if (to - from < 2) return null;
  const rangeStart = ctx.rangeEnd - ctx.rangeMs;
  const first = values[from] as number;
  const last = values[to - 1] as number;
  const firstT = times[from] as number;
  const lastT = times[to - 1] as number;
  let resultValue = last - first;
  if (isCounter) {
    let prev = first;
    for (let i = from + 1; i < to; i++) {
      const cur = values[i] as number;
      if (cur < prev) resultValue += prev;
      prev = cur;
    }
  }
  let durationToStart = (firstT - rangeStart) / 1000;
  const durationToEnd = (ctx.rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (to - from - 1);
  if (isCounter && resultValue > 0 && first >= 0) {
    // Counters cannot go below zero: do not extrapolate past the point where it would be zero.
    const durationToZero = sampledInterval * (first / resultValue);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  if (durationToStart < extrapolationThreshold) extrapolateToInterval += durationToStart;
  else extrapolateToInterval += averageDurationBetweenSamples / 2;
  if (durationToEnd < extrapolationThreshold) extrapolateToInterval += durationToEnd;
  else extrapolateToInterval += averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= ctx.rangeMs / 1000;
  return resultValue * factor;
}

function instantValue(w: Window, isRate: boolean): number | null {
  const { times, values, to } = w;
  if (to - w.from < 2) return null;
  const last = values[to - 1] as number;
  const previous = values[to - 2] as number;
  let resultValue = isRate && last < previous ? last : last - previous;
  const sampledInterval = (times[to - 1] as number) - (times[to - 2] as number);
  if (sampledInterval === 0) return null;
  if (isRate) resultValue /= sampledInterval / 1000;
  return resultValue;
}

/** Least squares fit of the window, x in seconds relative to interceptTime (linearRegression). */
function linearRegression(w: Window, interceptTime: number): [number, number] {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = w.values[w.from] as number;
  let constY = true;
  for (let i = w.from; i < w.to; i++) {
    const v = w.values[i] as number;
    if (constY && i > w.from && v !== initY) constY = false;
    n += 1;
    const x = ((w.times[i] as number) - interceptTime) / 1e3;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(v, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * v, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [Number.NaN, Number.NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

function holtWinters(w: Window, ctx: RangeContext): number | null {
  const sf = ctx.scalars[0] as number;
  const tf = ctx.scalars[1] as number;
  if (sf <= 0 || sf >= 1)
    throw new QueryError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (tf <= 0 || tf >= 1)
    throw new QueryError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  if (w.to - w.from < 2) return null;
  const v = w.values;
  let s0 = 0;
  let s1 = v[w.from] as number;
  let b = (v[w.from + 1] as number) - s1;
  for (let i = 1; i < w.to - w.from; i++) {
    const x = sf * (v[w.from + i] as number);
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

const isInf = (v: number): boolean => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;

/** Incremental mean with compensated summation (2.42 avg_over_time). */
function avgOverTime(w: Window): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (let i = w.from; i < w.to; i++) {
    const v = w.values[i] as number;
    count++;
    if (isInf(mean)) {
      // An infinite mean stays as it is unless a NaN or the opposite infinity arrives.
      if (isInf(v) && mean > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    [mean, c] = kahanSumInc(v / count - mean / count, mean, c);
  }
  if (isInf(mean)) return mean;
  return mean + c;
}

function sumOverTime(w: Window): number {
  let sum = 0;
  let c = 0;
  for (let i = w.from; i < w.to; i++) [sum, c] = kahanSumInc(w.values[i] as number, sum, c);
  if (isInf(sum)) return sum;
  return sum + c;
}

/** Welford's variance with compensated sums (2.42 stdvar_over_time). */
function variance(w: Window): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = w.from; i < w.to; i++) {
    const v = w.values[i] as number;
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanSumInc(delta / count, mean, cMean);
    [aux, cAux] = kahanSumInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function quantileOverTime(w: Window, ctx: RangeContext): number {
  return quantile(ctx.scalars[0] as number, w.values.slice(w.from, w.to));
}

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunction>> = {
  rate: (w, c) => extrapolatedRate(w, c, true, true),
  increase: (w, c) => extrapolatedRate(w, c, true, false),
  delta: (w, c) => extrapolatedRate(w, c, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  deriv: (w) => (w.to - w.from < 2 ? null : linearRegression(w, w.times[w.from] as number)[0]),
  predict_linear: (w, c) => {
    if (w.to - w.from < 2) return null;
    const [slope, intercept] = linearRegression(w, c.ts);
    return slope * (c.scalars[0] as number) + intercept;
  },
  holt_winters: holtWinters,
  // Prometheus 3.0 migration guide, "holt_winters function renamed": the same smoothing, new name.
  double_exponential_smoothing: holtWinters,
  avg_over_time: avgOverTime,
  sum_over_time: sumOverTime,
  count_over_time: (w) => w.to - w.from,
  min_over_time: (w) => {
    let min = w.values[w.from] as number;
    for (let i = w.from; i < w.to; i++) {
      const v = w.values[i] as number;
      if (v < min || Number.isNaN(min)) min = v;
    }
    return min;
  },
  max_over_time: (w) => {
    let max = w.values[w.from] as number;
    for (let i = w.from; i < w.to; i++) {
      const v = w.values[i] as number;
      if (v > max || Number.isNaN(max)) max = v;
    }
    return max;
  },
  last_over_time: (w) => w.values[w.to - 1] as number,
  present_over_time: () => 1,
  absent_over_time: () => 1,
  quantile_over_time: quantileOverTime,
  stddev_over_time: (w) => Math.sqrt(variance(w)),
  stdvar_over_time: (w) => variance(w),
  changes: (w) => {
    let changes = 0;
    let prev = w.values[w.from] as number;
    for (let i = w.from + 1; i < w.to; i++) {
      const cur = w.values[i] as number;
      if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) changes++;
      prev = cur;
    }
    return changes;
  },
  resets: (w) => {
    let resets = 0;
    let prev = w.values[w.from] as number;
    for (let i = w.from + 1; i < w.to; i++) {
      const cur = w.values[i] as number;
      if (cur < prev) resets++;
      prev = cur;
    }
    return resets;
  },
};
