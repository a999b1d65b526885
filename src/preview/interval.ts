// Grafana's built-in time variables for Prometheus queries, computed the way Grafana's Prometheus
// data source computes them (its backend query model, Grafana 10.x/11.x):
//   $__interval      = the query step: (to - from) / maxDataPoints rounded to a "nice" duration, but at
//                      least the min interval (the query's or panel's `interval`, else the data
//                      source's scrape interval, 15s by default), and at least (to - from) / 11000;
//   $__rate_interval = max($__interval + scrape interval, 4 * scrape interval);
//   $__range         = to - from in whole seconds (`21600s`), with $__range_s and $__range_ms.
// maxDataPoints defaults to the panel's width in pixels. docs/dashboards-preview.md describes it.

/** Grafana's limit on points per series, which raises the step on very long ranges. */
const SAFE_RESOLUTION = 11_000;

/** Grafana's table of "nice" steps: [upper bound of the bucket, step], both in ms. */
const niceSteps: readonly (readonly [number, number])[] = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1_500, 1_000],
  [3_500, 2_000],
  [7_500, 5_000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [750_000, 600_000],
  [1_050_000, 900_000],
  [1_500_000, 1_200_000],
  [2_700_000, 1_800_000],
  [5_400_000, 3_600_000],
  [9_000_000, 7_200_000],
  [16_200_000, 10_800_000],
  [32_400_000, 21_600_000],
  [86_400_000, 43_200_000],
  [604_800_000, 86_400_000],
  [1_814_400_000, 604_800_000],
];

export function roundInterval(ms: number): number {
  for (const [bound, step] of niceSteps) if (ms <= bound) return step;
  return ms < 3_628_800_000 ? 2_592_000_000 : 31_536_000_000;
}

export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface IntervalInputs {
  readonly range: TimeRange;
  /** The panel's maxDataPoints, else its width in pixels. */
  readonly maxDataPoints: number;
  /** The query's or panel's `interval` (Grafana's "Min interval"), when set. */
  readonly minIntervalMs: number | null;
  /** The data source's scrape interval (Grafana's data source setting; 15s when unset). */
  readonly scrapeIntervalMs: number;
}

/** The step of the query, which is also $__interval. */
export function queryStepMs(inputs: IntervalInputs): number {
  const span = inputs.range.toMs - inputs.range.fromMs;
  const minimum = inputs.minIntervalMs ?? inputs.scrapeIntervalMs;
  const raw = span / Math.max(1, inputs.maxDataPoints);
  const calculated = raw < minimum ? minimum : roundInterval(raw);
  const safe = roundInterval(span / SAFE_RESOLUTION);
  return Math.max(calculated, safe);
}

export function rateIntervalMs(stepMs: number, scrapeIntervalMs: number): number {
  return Math.max(stepMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
}

const largestUnits: readonly (readonly [string, number])[] = [
  ['y', 31_536_000_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/** Grafana's FormatInterval: the largest whole unit only (`90s` reads `1m`), as $__interval prints. */
export function formatInterval(ms: number): string {
  for (const [unit, size] of largestUnits) if (ms >= size) return `${Math.floor(ms / size)}${unit}`;
  return '1ms';
}

/** Go's time.Duration.String() (`4m0s`, `1m15s`, `1h0m0s`), as Grafana prints $__rate_interval. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const s = `${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, '')}s`;
  if (hours > 0) return `${hours}h${minutes}m${s}`;
  if (minutes > 0) return `${minutes}m${s}`;
  return s;
}

/** The values Grafana substitutes for its built-in time variables, by variable name. */
export function builtinVariables(
  range: TimeRange,
  stepMs: number,
  scrapeIntervalMs: number,
): Map<string, string> {
  const rangeMs = range.toMs - range.fromMs;
  const rangeS = Math.round(rangeMs / 1000);
  const rate = rateIntervalMs(stepMs, scrapeIntervalMs);
  return new Map([
    ['__interval', formatInterval(stepMs)],
    ['__interval_ms', String(stepMs)],
    ['__rate_interval', formatGoDuration(rate)],
    ['__rate_interval_ms', String(rate)],
    ['__range', `${rangeS}s`],
    ['__range_s', String(rangeS)],
    ['__range_ms', String(rangeMs)],
  ]);
}

/** Grafana aligns both ends of a range query down to a multiple of the step. */
export function alignRange(range: TimeRange, stepMs: number): TimeRange {
  return {
    fromMs: Math.floor(range.fromMs / stepMs) * stepMs,
    toMs: Math.floor(range.toMs / stepMs) * stepMs,
  };
}
