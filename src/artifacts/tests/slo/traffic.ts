// Synthetic traffic for one SLO: phases of events a minute, written as the series its SLI reads
// (named and labelled as the service exposes them), and which sibling SLOs read the same series.
import type { Model, Service } from '../../../model/model.ts';
import type { BurnTier, NormalizedSlo } from '../../../model/slo.ts';
import type { LabelMatcher } from '../../../promql/ast.ts';
import { parse } from '../../../promql/index.ts';
import { matcherMatches } from '../../../promql/matchers.ts';
import { eq } from '../../slos/promql.ts';
import {
  anyValue,
  contractLabels,
  counterNotation,
  type Labels,
  labelsFor,
  type Series,
  type SeriesSelector,
  seriesSelector,
  seriesText,
} from '../series.ts';
import { Memo } from '../shapes.ts';
import type { ExpectedAlert } from '../test-case.ts';
import type { SloPlans } from './plans.ts';
import { type TrafficPhase, trafficKey } from './simulate.ts';

/** Events per minute of the synthetic service: high enough that rates are far above any floor. */
export const busyPerMinute = 100_000;

/** One SLO of a service, with the other SLOs of that service (their alerts share names). */
export interface SloContext {
  readonly model: Model;
  readonly service: Service;
  readonly slo: NormalizedSlo;
  readonly siblings: readonly NormalizedSlo[];
  readonly series: SloSeriesCache;
}

/** Tiers every one of whose factors a burn of `burn` exceeds. */
export function tiersBelow(slo: NormalizedSlo, burn: number): BurnTier[] {
  return slo.tiers.filter((t) => t.windows.every((w) => w.factor < burn));
}

export function fastBurnRate(slo: NormalizedSlo): number {
  const top = Math.max(...slo.tiers.flatMap((t) => t.windows.map((w) => w.factor)));
  return Math.min(Math.floor(top) + 2, 1 / slo.budget);
}

export function burnPhase(
  slo: NormalizedSlo,
  minutes: number,
  burn: number,
  totalPerMinute = busyPerMinute,
): TrafficPhase {
  return {
    minutes,
    totalPerMinute,
    errorsPerMinute: Math.min(totalPerMinute, burn * slo.budget * totalPerMinute),
  };
}

function baseLabels(
  ctx: SloContext,
  slo: NormalizedSlo,
  metric: Parameters<typeof contractLabels>[2],
): Labels {
  const base: Record<string, string> = { ...contractLabels(ctx.model, ctx.service, metric) };
  for (const label of slo.keep) if (!(label in base)) base[label] = anyValue;
  return base;
}

/** What a series of an SLO's SLI counts of each phase: its good events, its bad ones, or all. */
type Part = 'good' | 'bad' | 'all';

/** An SLO's input series, named and labelled as its service exposes them: phase-independent. */
export interface SloTexts {
  readonly texts: readonly string[];
  readonly parts: readonly Part[];
}

/**
 * One run's SLO series, shared by the cases: each SLO's texts, each traffic's notations and each
 * series' parsed selector, once; and each shape's searches (plans.ts).
 */
export interface SloSeriesCache extends SloPlans {
  readonly texts: Memo<NormalizedSlo, SloTexts | null>;
  readonly notations: Memo<string, Readonly<Record<Part, string>>>;
  readonly selectors: Memo<string, SeriesSelector | null>;
  /** Each SLO's no-data alert: several cases of the SLO and of its siblings expect it. */
  readonly noDataAlerts: Memo<NormalizedSlo, ExpectedAlert>;
}

export function sloSeriesCache(): SloSeriesCache {
  return {
    texts: new Memo(),
    notations: new Memo(),
    selectors: new Memo(),
    noDataAlerts: new Memo(),
    detections: new Memo(),
    recoveries: new Memo(),
    fastBurns: new Memo(),
  };
}

function notationsOf(phases: readonly TrafficPhase[]): Record<Part, string> {
  const notation = (pick: (p: TrafficPhase) => number) =>
    counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: pick(p) })));
  return {
    good: notation((p) => p.totalPerMinute - p.errorsPerMinute),
    bad: notation((p) => p.errorsPerMinute),
    all: notation((p) => p.totalPerMinute),
  };
}

/** seriesText, with the selector selectsAny reads of it kept so the text is not parsed back. */
function namedSeries(ctx: SloContext, metric: string, labels: Labels): string {
  const text = seriesText(metric, labels);
  ctx.series.selectors.get(text, () => seriesSelector(metric, labels) ?? parsedSelector(text));
  return text;
}

/** The texts of an SLO's SLI series, or null when the matchers defeat the value guesser. */
function sloTexts(ctx: SloContext, slo: NormalizedSlo): SloTexts | null {
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const { metric, matchers } = sli.histogram;
    const labels = labelsFor(baseLabels(ctx, slo, metric), matchers);
    if (!labels) return null;
    return {
      texts: [
        namedSeries(ctx, `${metric.name}_bucket`, { ...labels, le: sli.le }),
        namedSeries(ctx, `${metric.name}_bucket`, { ...labels, le: '+Inf' }),
        namedSeries(ctx, `${metric.name}_count`, labels),
      ],
      parts: ['good', 'all', 'all'],
    };
  }
  const part = sli.errors ?? sli.good;
  if (!part) return null;
  const partCounts: Part = sli.errors ? 'bad' : 'good';
  const restCounts: Part = sli.errors ? 'good' : 'bad';
  if (part.metric.name !== sli.total.metric.name) {
    const partLabels = labelsFor(baseLabels(ctx, slo, part.metric), part.matchers);
    const totalLabels = labelsFor(baseLabels(ctx, slo, sli.total.metric), sli.total.matchers);
    if (!partLabels || !totalLabels) return null;
    return {
      texts: [
        namedSeries(ctx, part.metric.name, partLabels),
        namedSeries(ctx, sli.total.metric.name, totalLabels),
      ],
      parts: [partCounts, 'all'],
    };
  }
  const base = baseLabels(ctx, slo, part.metric);
  const inPart = labelsFor(base, [...part.matchers, ...sli.total.matchers]);
  const outOfPart = labelsFor(base, sli.total.matchers, part.matchers);
  if (!inPart || !outOfPart) return null;
  return {
    texts: [namedSeries(ctx, part.metric.name, inPart), namedSeries(ctx, part.metric.name, outOfPart)],
    parts: [partCounts, restCounts],
  };
}

/** Input series of an SLO's SLI for the phases, or null when the matchers defeat the value guesser. */
export function inputSeries(
  ctx: SloContext,
  slo: NormalizedSlo,
  phases: readonly TrafficPhase[],
): Series[] | null {
  const named = ctx.series.texts.get(slo, () => sloTexts(ctx, slo));
  if (!named) return null;
  const notations = ctx.series.notations.get(trafficKey(phases), () => notationsOf(phases));
  return named.texts.map((series, i) => ({ series, values: notations[named.parts[i] ?? 'all'] }));
}

interface RawSelector {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
}

/** Every raw selector an SLO reads: metric name and matchers (the service matcher included). */
export function rawSelectors(slo: NormalizedSlo): RawSelector[] {
  const scope = [eq('service', slo.service)];
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const m = sli.histogram;
    return ['_count', '_bucket'].map((suffix) => ({
      name: `${m.metric.name}${suffix}`,
      matchers: [...scope, ...m.matchers],
    }));
  }
  return [sli.errors, sli.good, sli.total]
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .map((x) => ({ name: x.metric.name, matchers: [...scope, ...x.matchers] }));
}

function parsedSelector(text: string): SeriesSelector | null {
  const r = parse(text);
  if (!r.ok || r.expr.type !== 'VectorSelector') return null;
  return { name: r.expr.name, labels: new Map(r.expr.matchers.map((m) => [m.name, m.value])) };
}

/** Whether the selector picks any of the series. */
export function selectsAny(cache: SloSeriesCache, selector: RawSelector, series: readonly Series[]): boolean {
  return series.some((x) => {
    const picked = cache.selectors.get(x.series, () => parsedSelector(x.series));
    return (
      picked !== null &&
      picked.name === selector.name &&
      selector.matchers.every((m) => matcherMatches(m, picked.labels.get(m.name) ?? ''))
    );
  });
}

const sameSeries = (a: readonly Series[], b: readonly Series[]): boolean => {
  const key = (list: readonly Series[]) =>
    list
      .map((s) => `${s.series} ${s.values}`)
      .sort()
      .join('\n');
  return key(a) === key(b);
};

/**
 * The SLOs whose alerts these series can move: this one, and every sibling that reads one of them.
 * null when a sibling reads them but would be fed other series for the same traffic, so its
 * alerts cannot be predicted from this SLO's phases.
 */
export function sloReaders(
  ctx: SloContext,
  series: readonly Series[],
  phases: readonly TrafficPhase[],
): NormalizedSlo[] | null {
  const readers = [ctx.slo];
  for (const other of ctx.siblings) {
    if (other.name === ctx.slo.name) continue;
    if (!rawSelectors(other).some((sel) => selectsAny(ctx.series, sel, series))) continue;
    const own = inputSeries(ctx, other, phases);
    if (!own || !sameSeries(own, series)) return null;
    readers.push(other);
  }
  return readers;
}
