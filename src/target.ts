// The one place that says what each `settings.target` changes in the output. Every generator asks
// this module; none compares target names itself.
//
//   prometheus-2  today's output, byte for byte: PromQL as Prometheus 2.42 (the oracle here) parses
//                 and evaluates it, `le` matched as the client exposes it in the text format.
//   prometheus-3  PromQL 3.x (3.x-only functions accepted, the engine's 3.x profile for tests), and
//                 `le` matched as 3.x stores it: normalized to float text on ingestion, `le="1.0"`.
//   mimir         rules also written as mimirtool/ruler-API files (a namespace per service) with
//                 `source_tenants` on the groups of services that read other tenants; PromQL 3.x.
//   thanos        `partial_response_strategy` on every group (PrometheusRule and Thanos rule files);
//                 PromQL 3.x.
// For mimir and thanos the series come from many Prometheus servers or agents of either major
// version, so a bucket bound is matched in both spellings (`le=~"1|1\\.0"`).
import type { LabelMatcher } from './promql/ast.ts';
import type { PromVersion } from './promql/functions.ts';
import { formatFloat } from './template/gofloat.ts';

export const targets = ['prometheus-2', 'prometheus-3', 'mimir', 'thanos'] as const;
export type Target = (typeof targets)[number];

/**
 * The README's recommendation: Prometheus 2.42 is what Debian ships and what promtool checks here,
 * and the default keeps today's generated output byte-identical.
 */
export const defaultTarget: Target = 'prometheus-2';

/**
 * How the value of a classic histogram's `le` label reaches the rules:
 * - exposed: as the client library printed it in the text format (Prometheus 2.x);
 * - float:   normalized to float text on ingestion (Prometheus 3.0 migration guide, section
 *            "`le` and `quantile` label values": whole numbers gain `.0`);
 * - either:  both, since several scrapers of either version feed one ruler.
 */
export type BucketLabelValues = 'exposed' | 'float' | 'either';

export type RulerKind = 'prometheus' | 'mimir' | 'thanos';

export interface TargetProfile {
  readonly target: Target;
  /** The PromQL the rules are parsed, linted and unit-tested as. */
  readonly promql: PromVersion;
  readonly bucketLabelValues: BucketLabelValues;
  readonly ruler: RulerKind;
  /** A line for the header of every generated YAML file; null keeps the default output unchanged. */
  readonly headerNote: string | null;
}

const profiles: Readonly<Record<Target, TargetProfile>> = {
  'prometheus-2': {
    target: 'prometheus-2',
    promql: '2.42',
    bucketLabelValues: 'exposed',
    ruler: 'prometheus',
    headerNote: null,
  },
  'prometheus-3': {
    target: 'prometheus-3',
    promql: '3',
    bucketLabelValues: 'float',
    ruler: 'prometheus',
    headerNote: 'target: prometheus-3 (PromQL 3.x; le matched as 3.x stores it, e.g. le="1.0")',
  },
  // Mimir 2.15 took in Prometheus 3.0's PromQL changes (newline-matching regexes, left-open ranges).
  mimir: {
    target: 'mimir',
    promql: '3',
    bucketLabelValues: 'either',
    ruler: 'mimir',
    headerNote: 'target: mimir (PromQL 3.x; le matched in 2.x and 3.x spelling; ruler files in mimir/rules/)',
  },
  // Thanos 0.37 and later are built on Prometheus 3.
  thanos: {
    target: 'thanos',
    promql: '3',
    bucketLabelValues: 'either',
    ruler: 'thanos',
    headerNote:
      'target: thanos (PromQL 3.x; le matched in 2.x and 3.x spelling; ruler files in thanos/rules/)',
  },
};

export function targetProfile(target: Target): TargetProfile {
  return profiles[target];
}

/**
 * A bucket bound as a Go client prints it in the text exposition (strconv.FormatFloat 'g', -1):
 * `0.5`, `1`, `1e-05`, `1e+06`.
 */
export function exposedBound(value: number): string {
  return formatFloat(value, 'g', -1);
}

/**
 * A bucket bound as Prometheus 3 stores it: the same digits, with `.0` appended when they hold
 * neither a `.` nor an exponent (`1` -> `1.0`, `1e-05` stays), and `+Inf` as is. This is the
 * float formatting OpenMetrics uses, which the migration guide's `le="1.0"` example shows.
 */
export function floatBound(value: number): string {
  const text = exposedBound(value);
  if (!Number.isFinite(value) || /[.e]/.test(text)) return text;
  return `${text}.0`;
}

/** The spellings of a bound the rules can meet under a target, newest last, without repeats. */
export function storedBounds(value: number, values: BucketLabelValues): readonly string[] {
  if (values === 'exposed') return [exposedBound(value)];
  if (values === 'float') return [floatBound(value)];
  return [...new Set([exposedBound(value), floatBound(value)])];
}

/** RE2 escaping for the few characters a formatted float holds (`.` and `+`). */
function escapeRegex(text: string): string {
  return text.replace(/[.+]/g, (c) => `\\${c}`);
}

/**
 * The matcher selecting one bucket: `le="0.5"` where every scraper spells the bound alike,
 * `le=~"1|1\\.0"` where both spellings reach the ruler.
 */
export function bucketMatcher(forms: readonly string[], label = 'le'): LabelMatcher {
  if (forms.length === 1) return { name: label, type: '=', value: forms[0] ?? '' };
  return { name: label, type: '=~', value: forms.map(escapeRegex).join('|') };
}

/**
 * Mimir labels every series a federated rule group reads with `__tenant_id__` (Mimir docs, ruler,
 * "Federated rule groups"); aggregations keep it so one tenant's traffic is never summed into
 * another's. Other targets add no label of their own: the `cluster`-style external labels of the
 * Prometheus servers feeding Thanos or Mimir are kept through settings.aggregationLabels.
 */
export const mimirTenantLabel = '__tenant_id__';

export function rulerAggregationLabels(
  profile: TargetProfile,
  ruler: { readonly sourceTenants: readonly string[] },
): readonly string[] {
  return profile.ruler === 'mimir' && ruler.sourceTenants.length > 0 ? [mimirTenantLabel] : [];
}

/** Fields a group carries for the target's ruler, beyond Prometheus's own rule file format. */
export function rulerGroupFields(
  profile: TargetProfile,
  ruler: { readonly sourceTenants: readonly string[]; readonly partialResponseStrategy: string | null },
): Readonly<Record<string, string | readonly string[]>> {
  if (profile.ruler === 'mimir' && ruler.sourceTenants.length > 0)
    return { source_tenants: ruler.sourceTenants };
  if (profile.ruler === 'thanos' && ruler.partialResponseStrategy !== null)
    return { partial_response_strategy: ruler.partialResponseStrategy };
  return {};
}
