// The demo's load generator: requests at a steady rate, a share of them told to fail and all of
// them told how long to take, changeable while it runs. Outcomes are spread evenly rather than
// drawn at random (an error credit accumulates errorRatio per request), so a 25% error share is
// exactly every fourth request and the rates Prometheus computes are predictable.
import { z } from 'zod';

/** Headers the generator sets on each request: the service's fault injection. */
export const faultHeaders = { fail: 'x-demo-fail', delayMs: 'x-demo-delay-ms' } as const;

export interface Load {
  /** Requests per second; 0 stops the traffic. */
  readonly rate: number;
  /** Share of requests (0-1) that fail with a 500. */
  readonly errorRatio: number;
  /** How long each request takes, in milliseconds. */
  readonly latencyMs: number;
}

export const loadSchema = z.strictObject({
  rate: z.number().min(0).max(500).optional(),
  errorRatio: z.number().min(0).max(1).optional(),
  latencyMs: z.number().min(0).max(30_000).optional(),
});

export type LoadChange = z.infer<typeof loadSchema>;

export type ParsedLoad = { ok: true; load: LoadChange } | { ok: false; message: string };

/** A load change from a JSON request body, e.g. `{"errorRatio": 1}`. */
export function parseLoad(text: string): ParsedLoad {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: 'the body must be JSON, e.g. {"rate": 5, "errorRatio": 0.5, "latencyMs": 20}',
    };
  }
  const parsed = loadSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  return { ok: true, load: parsed.data };
}

export function mergeLoad(load: Load, change: LoadChange): Load {
  return {
    rate: change.rate ?? load.rate,
    errorRatio: change.errorRatio ?? load.errorRatio,
    latencyMs: change.latencyMs ?? load.latencyMs,
  };
}

export class LoadGenerator {
  #load: Load;
  #timer: NodeJS.Timeout | null = null;
  #errorCredit = 0;
  #sent = 0;
  #running = false;

  constructor(
    private readonly baseUrl: string,
    private readonly paths: readonly string[],
    load: Load,
  ) {
    this.#load = load;
  }

  get load(): Load {
    return this.#load;
  }

  start(): void {
    this.#running = true;
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Applies a change at once: the next request follows the new rate. */
  set(change: LoadChange): Load {
    this.#load = mergeLoad(this.#load, change);
    if (change.errorRatio !== undefined) this.#errorCredit = 0;
    if (this.#running) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#schedule();
    }
    return this.#load;
  }

  #schedule(): void {
    this.#timer = null;
    if (!this.#running || this.#load.rate <= 0) return;
    this.#timer = setTimeout(() => {
      this.#fire();
      this.#schedule();
    }, 1000 / this.#load.rate);
  }

  #fire(): void {
    this.#errorCredit += this.#load.errorRatio;
    const fail = this.#errorCredit >= 1 - 1e-9;
    if (fail) this.#errorCredit -= 1;
    const path = this.paths[this.#sent % this.paths.length] ?? '/';
    this.#sent += 1;
    fetch(`${this.baseUrl}${path}`, {
      headers: {
        [faultHeaders.fail]: fail ? '1' : '0',
        [faultHeaders.delayMs]: String(this.#load.latencyMs),
      },
      signal: AbortSignal.timeout(this.#load.latencyMs + 10_000),
    })
      .then((res) => res.arrayBuffer())
      .catch(() => {
        // The service is gone or slow: the missing request shows up in its metrics, not here.
      });
  }
}
