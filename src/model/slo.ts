// Normalizing an SLO (NormalizedSlo is in model.ts): selectors resolved against the metrics contract,
// the objective as a ratio, alert tiers expanded into window pairs with burn-rate factors.
import type { SloSpec, SloTierSpec } from '../catalog/schema/slo.ts';
import { durationMs, formatDurationInDays } from '../promql/duration.ts';
import { type BucketLabelValues, bucketMatcher, exposedBound, storedBounds } from '../target.ts';
import { aggregationLabels, dashboardUrl, runbookUrl, scrapesPerRateWindow } from './conventions.ts';
import type {
  BurnTier,
  Metric,
  Model,
  NormalizedSlo,
  Service,
  SignalSelector,
  Sli,
  SloEntry,
  SloSeverity,
} from './model.ts';
import { resolveSelector } from './selector.ts';

export type { BurnTier, BurnWindow, NormalizedSlo, Sli, SloSeverity } from './model.ts';

export const defaultMinRate = 0.01;
export const defaultNoDataMs = 10 * 60_000;
/** The rate window every SLI is recorded at; longer windows derive from it. */
export const shortRateMs = 5 * 60_000;
/**
 * The slowest scrape the SLO rules fit: their 5m rates need 4 scrapes (75s). Unlike the RED rates,
 * the 5m window is not lengthened for a slower scrape, since every burn window, the dashboards and
 * the names of the recorded series build on it: a slower scrape is a catalog error instead.
 */
export const slowestSloScrapeMs = shortRateMs / scrapesPerRateWindow;

/** Why a service scraped every `intervalMs` cannot have the SLOs named, and what to change. */
export function sloScrapeMessage(intervalMs: number, sloNames: readonly string[]): string | null {
  if (intervalMs <= slowestSloScrapeMs || sloNames.length === 0) return null;
  const what = sloNames.length === 1 ? `SLO ${sloNames[0]}` : `SLOs ${sloNames.join(', ')}`;
  return `a ${formatDurationInDays(intervalMs)} scrape is too slow for ${what}: SLO events are recorded as ${formatDurationInDays(shortRateMs)} rates, which need ${scrapesPerRateWindow} scrapes in the window; scrape every ${formatDurationInDays(slowestSloScrapeMs)} or faster, or remove the service's SLOs`;
}

/**
 * The evaluation interval of every SLO's main group, set explicitly on the group: a long window
 * counts one recorded sample per interval, and its newest 5 minutes are weighted in samples too.
 */
export const sloEvalMs = 60_000;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
export const basePeriodMs = 30 * day;

/**
 * The SRE workbook's tiers for a 30d period (Sloth's google-30d table): budget percent consumed
 * over the long window. Other periods scale the windows with the period; the factor follows from
 * the budget share, so it stays 14.4 / 6 / 3 / 1.
 */
const workbookTiers: readonly {
  name: string;
  severity: SloSeverity;
  windows: readonly { budget: number; longMs: number; shortMs: number }[];
}[] = [
  {
    name: 'page',
    severity: 'critical',
    windows: [
      { budget: 2, longMs: hour, shortMs: 5 * minute },
      { budget: 5, longMs: 6 * hour, shortMs: 30 * minute },
    ],
  },
  {
    name: 'ticket',
    severity: 'warning',
    windows: [
      { budget: 10, longMs: day, shortMs: 2 * hour },
      { budget: 10, longMs: 3 * day, shortMs: 6 * hour },
    ],
  },
];

/** Windows are whole minutes and never shorter than the recorded rate window. */
export function roundWindow(ms: number): number {
  return Math.max(shortRateMs, Math.round(ms / minute) * minute);
}

/** Burn-rate factor that consumes `budgetPercent` of the period's budget within `longMs`. */
export function factorFor(budgetPercent: number, periodMs: number, longMs: number): number {
  return roundSignificant(((budgetPercent / 100) * periodMs) / longMs);
}

export function defaultTiers(periodMs: number): BurnTier[] {
  const scale = periodMs / basePeriodMs;
  return workbookTiers.map((tier) => ({
    name: tier.name,
    severity: tier.severity,
    forMs: 0,
    windows: tier.windows.map((w) => {
      const longMs = roundWindow(w.longMs * scale);
      return {
        longMs,
        shortMs: roundWindow(w.shortMs * scale),
        factor: factorFor(w.budget, periodMs, longMs),
      };
    }),
  }));
}

export function customTiers(tiers: Readonly<Record<string, SloTierSpec>>, periodMs: number): BurnTier[] {
  return Object.entries(tiers)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, tier]) => ({
      name,
      severity: tier.severity,
      forMs: tier.for === undefined ? 0 : (durationMs(tier.for) ?? 0),
      windows: tier.windows.map((w) => {
        const longMs = roundWindow(durationMs(w.long) ?? 0);
        const shortMs =
          w.short === undefined ? roundWindow(longMs / 12) : roundWindow(durationMs(w.short) ?? 0);
        const factor = w.factor ?? factorFor(w.budget ?? 0, periodMs, longMs);
        return { longMs, shortMs, factor };
      }),
    }));
}

/** Rounds away binary noise: 100 - 99.9 is 0.0999999999999943 in floating point. */
export function roundSignificant(value: number, digits = 12): number {
  return Number(value.toPrecision(digits));
}

/**
 * A histogram bucket bound as Prometheus client libraries written in Go expose it in `le`
 * (strconv.FormatFloat(v, 'g', -1, 64)): shortest digits, exponent form below 1e-4 and from 1e6,
 * two-digit exponents (`1e-05`, `1e+06`).
 */
export const formatLe = exposedBound;

export interface SliProblem {
  /** Path below the SLO entry, e.g. ['latency', 'threshold']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The character of the field's text the problem is at, e.g. where a selector stops parsing. */
  readonly offset?: number;
}

export type SliResult =
  | { readonly sli: Sli; readonly problems: readonly [] }
  | { readonly sli: null; readonly problems: readonly SliProblem[] };

/** The SLI of an SLO, resolved against the service's metrics contract. */
export function resolveSli(
  spec: SloSpec,
  metrics: readonly Metric[],
  bucketValues: BucketLabelValues = 'exposed',
): SliResult {
  const problems: SliProblem[] = [];
  const counter = (field: 'errors' | 'good' | 'total'): SignalSelector | null => {
    const text = spec[field];
    if (text === undefined) return null;
    const result = resolveSelector(text, metrics, ['counter']);
    if (!result.ok) {
      problems.push({
        path: [field],
        message: result.message,
        ...(result.offset === null ? {} : { offset: result.offset }),
      });
      return null;
    }
    return result.selector;
  };
  if (spec.latency) {
    const result = resolveSelector(spec.latency.metric, metrics, ['histogram']);
    if (!result.ok)
      return {
        sli: null,
        problems: [
          {
            path: ['latency', 'metric'],
            message: result.message,
            ...(result.offset === null ? {} : { offset: result.offset }),
          },
        ],
      };
    const threshold = spec.latency.threshold;
    const buckets = result.selector.metric.buckets;
    if (!buckets.includes(threshold)) {
      return {
        sli: null,
        problems: [
          {
            path: ['latency', 'threshold'],
            message: thresholdMessage(threshold, result.selector.metric, bucketValues),
          },
        ],
      };
    }
    const forms = storedBounds(threshold, bucketValues);
    return {
      sli: {
        kind: 'latency',
        histogram: result.selector,
        thresholdSeconds: threshold,
        le: forms.at(-1) ?? formatLe(threshold),
        leMatcher: bucketMatcher(forms),
      },
      problems: [],
    };
  }
  const errors = counter('errors');
  const good = counter('good');
  const total = counter('total');
  if (problems.length > 0 || total === null) return { sli: null, problems };
  return { sli: { kind: 'ratio', errors, good, total }, problems: [] };
}

/** Bounds are printed as the target stores them, since that is what a query against it shows. */
function thresholdMessage(threshold: number, histogram: Metric, values: BucketLabelValues): string {
  const show = (bound: number) => storedBounds(bound, values).at(-1) ?? formatLe(bound);
  const below = histogram.buckets.filter((b) => b < threshold).at(-1);
  const above = histogram.buckets.find((b) => b > threshold);
  const nearest = [below, above].filter((b): b is number => b !== undefined).map(show);
  const hint = nearest.length > 0 ? `; the nearest are ${nearest.join(' and ')}` : '';
  return `threshold ${show(threshold)} is not a bucket boundary of ${histogram.name} (buckets: ${histogram.buckets.map(show).join(', ')})${hint}: the share of fast requests is read from one bucket, so the threshold must be one`;
}

/** Labels the SLI's metrics must carry for groupBy to split anything. */
export function sliMetrics(sli: Sli): readonly Metric[] {
  if (sli.kind === 'latency') return [sli.histogram.metric];
  return [sli.errors?.metric, sli.good?.metric, sli.total.metric].filter((m): m is Metric => m !== undefined);
}

/** Alert names of the SLO alerts; one alert rule per tier so tests and routes can tell them apart. */
export const sloAlertNames = {
  burn: (tier: string) => `SLOBurnRate${tier.charAt(0).toUpperCase()}${tier.slice(1)}`,
  noData: 'SLOMetricsAbsent',
} as const;

/** The error budget of an objective in percent, as a ratio: 99.9 gives 0.001, not 0.0009999999999999432. */
export function errorBudget(objectivePercent: number): number {
  return roundSignificant((100 - objectivePercent) / 100);
}

/** The normalized SLO, or the problems (paths below the SLO entry) that prevent building it. */
export function normalizeSlo(
  model: Model,
  service: Service,
  slo: SloEntry,
): { slo: NormalizedSlo | null; problems: readonly SliProblem[] } {
  const spec = slo.spec;
  const resolved = resolveSli(spec, service.metrics, model.settings.target.bucketLabelValues);
  if (!resolved.sli) return { slo: null, problems: resolved.problems };
  const periodMs = durationMs(spec.window) ?? basePeriodMs;
  const budget = errorBudget(spec.objective);
  const alerting = spec.alerting;
  const noData =
    alerting.noData === undefined
      ? defaultNoDataMs
      : alerting.noData === false
        ? null
        : durationMs(alerting.noData);
  return {
    slo: {
      service: service.name,
      team: service.team,
      name: slo.name,
      origin: slo.origin,
      description: spec.description ?? '',
      objective: roundSignificant(spec.objective / 100),
      objectivePercent: spec.objective,
      budget,
      periodMs,
      reportPeriodsMs: spec.reportWindows
        .map((text) => durationMs(text) ?? 0)
        .filter((ms) => ms > 0 && ms !== periodMs)
        .sort((a, b) => a - b),
      sli: resolved.sli,
      groupBy: [...spec.groupBy],
      keep: [...aggregationLabels(model, service), ...spec.groupBy],
      alerting: !alerting.disabled,
      tiers: alerting.tiers ? customTiers(alerting.tiers, periodMs) : defaultTiers(periodMs),
      minRate: alerting.minRate ?? defaultMinRate,
      noDataMs: noData,
      runbookUrl: spec.runbook ?? runbookUrl(service, `slo-${slo.name}`),
      dashboardUrl: dashboardUrl(model, service.name, 'slo'),
      labels: service.labels,
    },
    problems: [],
  };
}
