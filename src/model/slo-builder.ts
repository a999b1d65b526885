// Typed SLO builders for slos/*.ts, for what a catalog entry cannot say conveniently (SLOs computed
// in code, many similar SLOs). They build the same spec the catalog's `slos:` entries hold, so both
// go through one schema, one set of checks and one generator.
import { userCallSite } from '../callsite.ts';
import type { SourcePosition } from '../problem.ts';

type Severity = 'critical' | 'warning' | 'info';

export interface SloWindowInput {
  readonly long: string;
  readonly short?: string;
  readonly budget?: number;
  readonly factor?: number;
}

export interface SloTierInput {
  readonly severity: Severity;
  readonly windows: readonly SloWindowInput[];
  readonly for?: string;
}

/** What SloBuilder.build() returns: a catalog SLO entry (validated by the catalog schema at gen). */
export interface BuiltSlo {
  readonly name: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly at: SourcePosition | null;
}

export class SloBuilder {
  readonly #name: string;
  readonly #spec: Record<string, unknown> = {};
  readonly #alerting: Record<string, unknown> = {};
  readonly #tiers: Record<string, SloTierInput> = {};
  readonly #at = userCallSite();

  /** `name` becomes the `slo` label and part of rule group names, e.g. "checkout-availability". */
  constructor(name: string) {
    this.#name = name;
  }

  /** Percentage of good events, e.g. 99.9. */
  objective(percent: number): this {
    this.#spec.objective = percent;
    return this;
  }

  /** The period the budget is counted over (default 30d). */
  window(duration: string): this {
    this.#spec.window = duration;
    return this;
  }

  description(text: string): this {
    this.#spec.description = text;
    return this;
  }

  /** Ratio SLI: failed events (a counter key or selector) over total. */
  errors(selector: string): this {
    this.#spec.errors = selector;
    return this;
  }

  good(selector: string): this {
    this.#spec.good = selector;
    return this;
  }

  total(selector: string): this {
    this.#spec.total = selector;
    return this;
  }

  /** Latency SLI: the share of requests under `thresholdSeconds` (a bucket of the histogram). */
  latency(histogram: string, thresholdSeconds: number): this {
    this.#spec.latency = { metric: histogram, threshold: thresholdSeconds };
    return this;
  }

  groupBy(...labels: string[]): this {
    this.#spec.groupBy = labels;
    return this;
  }

  runbook(url: string): this {
    this.#spec.runbook = url;
    return this;
  }

  /** events/s below which burn alerts stay quiet. */
  minRate(eventsPerSecond: number): this {
    this.#alerting.minRate = eventsPerSecond;
    return this;
  }

  noData(duration: string | false): this {
    this.#alerting.noData = duration;
    return this;
  }

  /** A custom alert tier; giving any replaces the default page and ticket tiers. */
  tier(name: string, tier: SloTierInput): this {
    this.#tiers[name] = tier;
    return this;
  }

  withoutAlerts(): this {
    this.#alerting.disabled = true;
    return this;
  }

  build(): BuiltSlo {
    const tiers = Object.keys(this.#tiers).length > 0 ? { tiers: { ...this.#tiers } } : {};
    const alerting = { ...this.#alerting, ...tiers };
    return {
      name: this.#name,
      spec: { ...this.#spec, ...(Object.keys(alerting).length > 0 ? { alerting } : {}) },
      at: this.#at,
    };
  }
}

export interface SlosDefinition {
  readonly kind: 'obsgen/slos';
  readonly service: string;
  readonly slos: readonly (SloBuilder | BuiltSlo)[];
  readonly at: SourcePosition | null;
}

/** The default export of slos/<name>.ts: SLOs of one catalog service. */
export function defineSlos(service: string, slos: readonly (SloBuilder | BuiltSlo)[]): SlosDefinition {
  return { kind: 'obsgen/slos', service, slos, at: userCallSite() };
}
