// A live Prometheus (or anything speaking its HTTP API: Thanos Query, Mimir's Prometheus API) as the
// preview's data source: /api/v1/query_range for graphs, /api/v1/query for instant targets,
// /api/v1/label/<name>/values for query variables.
import type { TimeRange } from './interval.ts';
import type { PreviewSource, QueryResult, SeriesData } from './source.ts';

/** Grafana's default scrape interval of a Prometheus data source that sets none. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

export type Fetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}>;

interface ApiResponse {
  readonly status?: string;
  readonly error?: string;
  readonly data?: {
    readonly resultType?: string;
    readonly result?: unknown;
  };
}

interface ApiSeries {
  readonly metric?: Record<string, string>;
  readonly values?: readonly (readonly [number, string])[];
  readonly value?: readonly [number, string];
}

/** Prometheus writes sample values as strings, with NaN and ±Inf spelled out. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function toSeries(result: unknown, resultType: string | undefined): SeriesData[] {
  if (resultType === 'scalar' && Array.isArray(result)) {
    const [t, v] = result as [number, string];
    return [{ labels: {}, points: [[Math.round(t * 1000), sampleValue(v)]] }];
  }
  if (!Array.isArray(result)) return [];
  return (result as ApiSeries[]).map((s) => ({
    labels: s.metric ?? {},
    points: (s.values ?? (s.value ? [s.value] : [])).map(
      ([t, v]) => [Math.round(t * 1000), sampleValue(v)] as const,
    ),
  }));
}

export class PrometheusSource implements PreviewSource {
  readonly relativeTime = false;
  readonly description: string;

  constructor(
    private readonly baseUrl: string,
    readonly defaultRange: TimeRange,
    readonly scrapeIntervalMs: number,
    private readonly fetcher: Fetch = fetch,
  ) {
    this.description = baseUrl;
  }

  private async call(endpoint: string, params: Record<string, string>): Promise<ApiResponse | string> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}${endpoint}`;
    let response: Awaited<ReturnType<Fetch>>;
    try {
      // POST with a form body, as Grafana sends long queries: no URL length limit.
      response = await this.fetcher(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      });
    } catch (e) {
      return `cannot reach ${url}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
    }
    const text = await response.text();
    let body: ApiResponse;
    try {
      body = JSON.parse(text) as ApiResponse;
    } catch {
      return `${url} answered HTTP ${response.status} without a Prometheus API response`;
    }
    if (body.status !== 'success') return body.error ?? `${url} answered HTTP ${response.status}`;
    return body;
  }

  async queryRange(expr: string, range: TimeRange, stepMs: number): Promise<QueryResult> {
    const body = await this.call('/api/v1/query_range', {
      query: expr,
      start: String(range.fromMs / 1000),
      end: String(range.toMs / 1000),
      step: String(stepMs / 1000),
    });
    if (typeof body === 'string') return { ok: false, error: body };
    return { ok: true, series: toSeries(body.data?.result, body.data?.resultType) };
  }

  async queryInstant(expr: string, atMs: number): Promise<QueryResult> {
    const body = await this.call('/api/v1/query', { query: expr, time: String(atMs / 1000) });
    if (typeof body === 'string') return { ok: false, error: body };
    return { ok: true, series: toSeries(body.data?.result, body.data?.resultType) };
  }

  async labelValues(label: string, match: string | null, range: TimeRange): Promise<readonly string[]> {
    const params: Record<string, string> = {
      start: String(range.fromMs / 1000),
      end: String(range.toMs / 1000),
    };
    if (match !== null) params['match[]'] = match;
    const url = `/api/v1/label/${encodeURIComponent(label)}/values?${new URLSearchParams(params).toString()}`;
    const body = await this.callGet(url);
    if (typeof body === 'string' || !Array.isArray(body.data)) return [];
    return (body.data as unknown[]).filter((v): v is string => typeof v === 'string');
  }

  private async callGet(pathAndQuery: string): Promise<{ data?: unknown } | string> {
    try {
      const response = await this.fetcher(`${this.baseUrl.replace(/\/+$/, '')}${pathAndQuery}`);
      const body = JSON.parse(await response.text()) as { status?: string; data?: unknown; error?: string };
      return body.status === 'success' ? body : (body.error ?? `HTTP ${response.status}`);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
}
