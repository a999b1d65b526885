// Values the evaluator produces, shaped after Prometheus's promql.Value kinds.
import type { PromVersion } from '../../promql/functions.ts';
import type { Labels } from './labels.ts';

export interface Sample {
  readonly labels: Labels;
  readonly value: number;
  /** Timestamp of the sample in ms (the stored sample's time for a plain selector, else the eval time). */
  readonly t: number;
}

export interface Series {
  readonly labels: Labels;
  readonly times: number[];
  readonly values: number[];
}

export type Value =
  | { readonly type: 'vector'; readonly samples: Sample[] }
  | { readonly type: 'matrix'; readonly series: Series[] }
  | { readonly type: 'scalar'; readonly value: number }
  | { readonly type: 'string'; readonly value: string };

export type EvalResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly error: string };

export interface EvalOptions {
  /** How far back an instant selector looks for a sample (Prometheus default 5m). */
  readonly lookbackDeltaMs?: number;
  /** Step of subqueries written without one (`[10m:]`); promtool uses the evaluation interval. */
  readonly subqueryDefaultStepMs?: number;
  /** Query start and end, for `@ start()` and `@ end()` (default: the evaluation time). */
  readonly startMs?: number;
  readonly endMs?: number;
  /**
   * The PromQL semantics: '2.42' (default, promtool's here) or '3', which follows the Prometheus 3.0
   * migration guide: range selectors and the lookback window are left-open ("Range selectors and
   * lookback exclude samples coinciding with the left boundary"), and `.` in a matcher's regex
   * matches a newline ("Regular expressions match newlines").
   */
  readonly promql?: PromVersion;
  /**
   * When given, counts the samples selectors load, as Prometheus's `stats=all` counts
   * totalQueryableSamples: one per series an instant selector returns, every point of a range.
   */
  readonly stats?: { samples: number };
}

/** An evaluation error, raised inside the evaluator and returned to callers as data. */
export class QueryError extends Error {}
