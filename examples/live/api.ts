// The few Prometheus and Alertmanager HTTP API calls the live stack and its test read.
import { z } from 'zod';

const requestTimeoutMs = 10_000;

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(requestTimeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

function envelope<T extends z.ZodType>(data: T) {
  return z.object({ status: z.literal('success'), data });
}

const labels = z.record(z.string(), z.string());

/** A sample value as the API prints it: a Go float string ("0.5", "NaN", "+Inf"). */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

const sample = z.tuple([z.number(), z.string()]);
export const matrixSchema = z.array(z.object({ metric: labels, values: z.array(sample) }));
export const vectorSchema = z.array(z.object({ metric: labels, value: sample }));

export interface RawSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** Milliseconds. */
  readonly times: readonly number[];
  readonly values: readonly number[];
}

export interface InstantSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export class PrometheusApi {
  constructor(readonly url: string) {}

  #api(path: string, params: Record<string, string>): string {
    return `${this.url}/api/v1/${path}?${new URLSearchParams(params).toString()}`;
  }

  async ready(): Promise<boolean> {
    const res = await fetch(`${this.url}/-/ready`, { signal: AbortSignal.timeout(requestTimeoutMs) });
    return res.ok;
  }

  /** An instant query returning a vector (`time` in ms; default now). */
  async query(expr: string, timeMs?: number): Promise<InstantSample[]> {
    const params: Record<string, string> = { query: expr };
    if (timeMs !== undefined) params.time = (timeMs / 1000).toFixed(3);
    const body = envelope(z.object({ resultType: z.literal('vector'), result: vectorSchema })).parse(
      await getJson(this.#api('query', params)),
    );
    return body.data.result.map((r) => ({ labels: r.metric, value: parseSampleValue(r.value[1]) }));
  }

  /** Every raw sample of the series `selector` matches, over the last `rangeSeconds` before `endMs`. */
  async rawSamples(selector: string, rangeSeconds: number, endMs: number): Promise<RawSeries[]> {
    const body = envelope(z.object({ resultType: z.literal('matrix'), result: matrixSchema })).parse(
      await getJson(
        this.#api('query', { query: `${selector}[${rangeSeconds}s]`, time: (endMs / 1000).toFixed(3) }),
      ),
    );
    return body.data.result.map((r) => ({
      labels: r.metric,
      times: r.values.map(([t]) => Math.round(t * 1000)),
      values: r.values.map(([, v]) => parseSampleValue(v)),
    }));
  }

  async targets(): Promise<{ labels: Record<string, string>; health: string; scrapeUrl: string }[]> {
    const schema = envelope(
      z.object({
        activeTargets: z.array(z.object({ labels, health: z.string(), scrapeUrl: z.string() })),
      }),
    );
    return schema.parse(await getJson(this.#api('targets', { state: 'active' }))).data.activeTargets;
  }

  async alerts(): Promise<{ labels: Record<string, string>; state: string; value: string }[]> {
    const schema = envelope(
      z.object({ alerts: z.array(z.object({ labels, state: z.string(), value: z.string() })) }),
    );
    return schema.parse(await getJson(this.#api('alerts', {}))).data.alerts;
  }

  async ruleGroups(): Promise<{ name: string; interval: number; lastEvaluation: string; rules: number }[]> {
    const schema = envelope(
      z.object({
        groups: z.array(
          z.object({
            name: z.string(),
            interval: z.number(),
            lastEvaluation: z.string(),
            rules: z.array(z.object({ health: z.string(), lastError: z.string().optional() })),
          }),
        ),
      }),
    );
    const groups = schema.parse(await getJson(this.#api('rules', {}))).data.groups;
    for (const g of groups) {
      const broken = g.rules.find((r) => r.health === 'err');
      if (broken) throw new Error(`rule group ${g.name} has a failing rule: ${broken.lastError ?? ''}`);
    }
    return groups.map((g) => ({ ...g, rules: g.rules.length }));
  }
}

export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly status: { readonly state: string; readonly inhibitedBy: readonly string[] };
  readonly receivers: readonly string[];
}

export class AlertmanagerApi {
  constructor(readonly url: string) {}

  async ready(): Promise<boolean> {
    const res = await fetch(`${this.url}/-/ready`, { signal: AbortSignal.timeout(requestTimeoutMs) });
    return res.ok;
  }

  /** Every alert Alertmanager holds, with whether an inhibition or silence suppresses it. */
  async alerts(): Promise<AlertmanagerAlert[]> {
    const schema = z.array(
      z.object({
        labels,
        status: z.object({ state: z.string(), inhibitedBy: z.array(z.string()) }),
        receivers: z.array(z.object({ name: z.string() })),
      }),
    );
    return schema
      .parse(await getJson(`${this.url}/api/v2/alerts`))
      .map((a) => ({ labels: a.labels, status: a.status, receivers: a.receivers.map((r) => r.name) }));
  }
}
