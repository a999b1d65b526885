// Where a preview gets its numbers: a live Prometheus over its HTTP API, or obsgen's own engine on a
// scenario written in promtool's series notation. Both answer the same three questions.
import type { TimeRange } from './interval.ts';

export interface SeriesData {
  readonly labels: Readonly<Record<string, string>>;
  /** [time in ms, value], in time order; NaN and infinities kept as numbers. */
  readonly points: readonly (readonly [number, number])[];
}

export type QueryResult =
  | { readonly ok: true; readonly series: readonly SeriesData[] }
  | { readonly ok: false; readonly error: string };

export interface PreviewSource {
  /** Shown in the page header: the URL or the scenario file. */
  readonly description: string;
  /** The range shown when the command line names none. */
  readonly defaultRange: TimeRange;
  /** The data source's scrape interval, for $__rate_interval and the minimum step. */
  readonly scrapeIntervalMs: number;
  /** True when times are offsets from the scenario's start rather than wall-clock times. */
  readonly relativeTime: boolean;
  /** Prometheus's query_range: one point per step from start to end, both aligned by the caller. */
  queryRange(expr: string, range: TimeRange, stepMs: number): Promise<QueryResult>;
  /** Prometheus's instant query, as Grafana runs targets marked `instant` at the range's end. */
  queryInstant(expr: string, atMs: number): Promise<QueryResult>;
  /** Label values for query variables (`label_values(match, label)`). */
  labelValues(label: string, match: string | null, range: TimeRange): Promise<readonly string[]>;
}
