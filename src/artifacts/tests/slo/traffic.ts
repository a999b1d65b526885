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
  seriesText,
} from '../series.ts';
import type { TrafficPhase } from './simulate.ts';

/** Events per minute of the synthetic service: high enough that rates are far above any floor. */
export const busyPerMinute = 100_000;

/** One SLO of a service, with the other SLOs of that service (their alerts share names). */
export interface SloContext {
  readonly model: Model;
  readonly service: Service;
  readonly slo: NormalizedSlo;
  readonly siblings: readonly NormalizedSlo[];
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

/** Input series of an SLO's SLI for the phases, or null when the matchers defeat the value guesser. */
export function inputSeries(
  ctx: SloContext,
  slo: NormalizedSlo,
  phases: readonly TrafficPhase[],
): Series[] | null {
  const notation = (pick: (p: TrafficPhase) => number) =>
    counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: pick(p) })));
  const good = notation((p) => p.totalPerMinute - p.errorsPerMinute);
  const bad = notation((p) => p.errorsPerMinute);
  const all = notation((p) => p.totalPerMinute);
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const { metric, matchers } = sli.histogram;
    const labels = labelsFor(baseLabels(ctx, slo, metric), matchers);
    if (!labels) return null;
    return [
      { series: seriesText(`${metric.name}_bucket`, { ...labels, le: sli.le }), values: good },
      { series: seriesText(`${metric.name}_bucket`, { ...labels, le: '+Inf' }), values: all },
      { series: seriesText(`${metric.name}_count`, labels), values: all },
    ];
  }
  const part = sli.errors ?? sli.good;
  if (!part) return null;
  const partCounts = sli.errors ? bad : good;
  const restCounts = sli.errors ? good : bad;
  if (part.metric.name !== sli.total.metric.name) {
    const partLabels = labelsFor(baseLabels(ctx, slo, part.metric), part.matchers);
    const totalLabels = labelsFor(baseLabels(ctx, slo, sli.total.metric), sli.total.matchers);
    if (!partLabels || !totalLabels) return null;
    return [
      { series: seriesText(part.metric.name, partLabels), values: partCounts },
      { series: seriesText(sli.total.metric.name, totalLabels), values: all },
    ];
  }
  const base = baseLabels(ctx, slo, part.metric);
  const inPart = labelsFor(base, [...part.matchers, ...sli.total.matchers]);
  const outOfPart = labelsFor(base, sli.total.matchers, part.matchers);
  if (!inPart || !outOfPart) return null;
  return [
    { series: seriesText(part.metric.name, inPart), values: partCounts },
    { series: seriesText(part.metric.name, outOfPart), values: restCounts },
  ];
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

/** Whether the selector picks any of the series. */
export function selectsAny(selector: RawSelector, series: readonly Series[]): boolean {
  return series
    .map((x) => parse(x.series))
    .flatMap((r) => (r.ok && r.expr.type === 'VectorSelector' ? [r.expr] : []))
    .some((vs) => {
      const labels = new Map(vs.matchers.map((m) => [m.name, m.value]));
      return (
        vs.name === selector.name &&
        selector.matchers.every((m) => matcherMatches(m, labels.get(m.name) ?? ''))
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
    if (!rawSelectors(other).some((sel) => selectsAny(sel, series))) continue;
    const own = inputSeries(ctx, other, phases);
    if (!own || !sameSeries(own, series)) return null;
    readers.push(other);
  }
  return readers;
}
