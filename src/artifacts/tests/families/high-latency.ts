// HighLatency: the recorded p99 over the service's rate window (5m or longer) above the threshold, with enough traffic. Every request of a
// scenario takes as long as one bucket of the catalog's histogram says, so the quantile is known.
import {
  alertNames,
  labels as labelNames,
  latencyQuantiles,
  rateWindowMs,
  recording,
} from '../../../model/conventions.ts';
import type { SignalSelector } from '../../../model/model.ts';
import type { Expr } from '../../../promql/ast.ts';
import * as q from '../../../promql/construct.ts';
import { printExpr } from '../../../promql/index.ts';
import { type CasePlan, caseOf, firingPlan, planned, quietPlan } from '../cases/plan.ts';
import { type Curve, curve, near } from '../cases/scenario.ts';
import { keepingMore } from '../expected.ts';
import { alertQuantile, counterValues, histogramQuantile, rateOver } from '../minutes.ts';
import { contractLabels, counterNotation, num, seriesText, seriesTexts } from '../series.ts';
import type { ExprTestFrame, ShapeCache } from '../shapes.ts';
import type { PromqlExprTest, TestCase } from '../test-case.ts';
import { at } from '../test-case.ts';
import type { ServiceContext } from './context.ts';
import { type CounterPart, type CounterSeries, partNotation, partValues, requestSeries } from './counters.ts';

/** A histogram bucket by its bounds: requests land in (lower, upper]. */
interface Bucket {
  readonly lower: number;
  readonly upper: number;
}

/** Requests a minute over a stretch, all of them in one bucket. */
interface LatencyPhase {
  readonly minutes: number;
  readonly requests: number;
  readonly bucket: Bucket;
}

/**
 * The slowest bucket whose every request is at most the threshold, and the fastest one all above;
 * `les` are the histogram's bounds in order, +Inf last.
 */
function buckets(les: readonly number[], threshold: number): { under: Bucket | null; over: Bucket | null } {
  let under: Bucket | null = null;
  let over: Bucket | null = null;
  for (let i = 0; i < les.length; i++) {
    const bucket = { lower: i === 0 ? 0 : (les[i - 1] ?? 0), upper: les[i] ?? 0 };
    if (bucket.upper <= threshold) under = bucket;
    // In the +Inf bucket histogram_quantile answers the largest finite bound.
    if (
      over === null &&
      bucket.lower >= threshold &&
      (bucket.upper !== Number.POSITIVE_INFINITY || bucket.lower > threshold)
    )
      over = bucket;
  }
  return { under, over };
}

/** What the p99's curves read besides the phases: the alert's threshold, the traffic floor, the window, the buckets. */
interface LatencyShape {
  readonly threshold: number;
  readonly floor: number;
  readonly windowMinutes: number;
  /** The `le` of each bucket in order, +Inf last. */
  readonly les: readonly number[];
  /** What the request counters count. */
  readonly parts: readonly CounterPart[];
  /** All of the above as text, made once a service: the start of each of its curves' keys. */
  readonly key: string;
}

const perLe = (le: number, p: LatencyPhase) => (p.bucket.upper <= le ? p.requests : 0);

const bucketText = (b: Bucket) => `${b.lower}:${b.upper}`;

const leText = (le: number) => (le === Number.POSITIVE_INFINITY ? '+Inf' : String(le));

/** A bucket as the cases' names show it: `0.1-0.25s`. */
const rangeText = (b: Bucket) =>
  `${num(b.lower)}-${b.upper === Number.POSITIVE_INFINITY ? '+Inf' : num(b.upper)}s`;

function latencyShape(rule: Omit<LatencyShape, 'key'>): LatencyShape {
  const { threshold, floor, windowMinutes, les, parts } = rule;
  return {
    threshold,
    floor,
    windowMinutes,
    les,
    parts,
    key: `latency|${threshold}|${floor}|${windowMinutes}|${les.join(',')}|${parts.join(',')}`,
  };
}

/**
 * The p99 over the phases, as the alert's rule sees it, with the notations of the `le` buckets,
 * the `_count` and the request counters (`parts`).
 */
function latencyCurve(shapes: ShapeCache, shape: LatencyShape, phases: readonly LatencyPhase[]): Curve {
  const { threshold, floor, windowMinutes, les, parts } = shape;
  const phaseText = phases.map((p) => `${p.minutes}:${p.requests}:${bucketText(p.bucket)}`).join(',');
  return shapes.curves.get(`${shape.key}|${phaseText}`, () => {
    const requestPhases = phases.map((p) => ({ minutes: p.minutes, requests: p.requests, errors: 0 }));
    const cumulative = les.map((le) => ({
      le,
      values: counterValues(phases.map((p) => ({ minutes: p.minutes, perMinute: perLe(le, p) }))),
      notation: counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: perLe(le, p) }))),
    }));
    const requests = partValues(requestPhases, 'requests');
    const notations = [
      ...cumulative.map((c) => c.notation),
      partNotation(requestPhases, 'requests'),
      ...parts.map((part) => partNotation(requestPhases, part)),
    ];
    const p99 = (t: number): number | null => {
      const rates: { le: number; count: number }[] = [];
      for (const c of cumulative) {
        const count = rateOver(c.values, t, 'closed', windowMinutes);
        if (count === null) return null;
        rates.push({ le: c.le, count });
      }
      const v = histogramQuantile(alertQuantile, rates);
      return Number.isNaN(v) ? null : v;
    };
    const requestRate = (t: number) => rateOver(requests, t, 'closed', windowMinutes);
    return curve(
      requests.length - 1,
      notations,
      (t) => {
        const v = p99(t);
        return v !== null && v > threshold && (requestRate(t) ?? 0) > floor ? v : null;
      },
      (t) => near(p99(t), threshold) || near(requestRate(t), floor),
    );
  });
}

/** The service's `_bucket` series (one per `le`), its `_count` and its request counters; null when the matchers defeat the guesser. */
function latencyTexts(
  ctx: ServiceContext,
  histogram: SignalSelector,
  requests: readonly CounterSeries[],
  les: readonly number[],
): string[] | null {
  const labels = ctx.shapes.guesses.labelsFor(
    contractLabels(ctx.model, ctx.service, histogram.metric),
    histogram.matchers,
  );
  if (!labels) return null;
  const name = histogram.metric.name;
  return [
    ...seriesTexts(`${name}_bucket`, labels, 'le', les.map(leText), ctx.shapes.printedLabels),
    seriesText(`${name}_count`, labels, ctx.shapes.printedLabels),
    ...requests.map((r) => r.text),
  ];
}

export function highLatencyTests(ctx: ServiceContext): TestCase[] {
  const { model, service } = ctx;
  const red = service.red;
  const generated = ctx.alerts.get(alertNames.highLatency);
  if (!red?.latency || !generated) return [];
  const histogram = red.latency;
  const bounds = histogram.metric.buckets;
  const { threshold, forMinutes } = generated;
  const floor = red.minRequestRate;
  const windowMinutes = rateWindowMs(service) / 60_000;
  const les = [...[...bounds].sort((a, b) => a - b), Number.POSITIVE_INFINITY];
  const requests = requestSeries(model, service, ctx.shapes, red.requests, null);
  const texts = requests && latencyTexts(ctx, histogram, requests, les);
  if (!requests || !texts) return [];
  const parts = requests.map((r) => r.part);
  const shape = latencyShape({ threshold, floor, windowMinutes, les, parts });
  const plans = ctx.shapes.plans.get(`${shape.key}|${generated.name}|${forMinutes}`, () =>
    latencyPlans(ctx.shapes, shape, generated.name, forMinutes),
  );
  if (plans.length === 0) return [];
  // The alert reads the recorded p99, which keeps its quantile label.
  const alert = keepingMore(generated, labelNames.quantile, String(alertQuantile));
  const { over } = buckets(les, threshold);
  // Where every request is slow, every recorded quantile says so by the end of the slow stretch.
  const within = over ? [quantilesWithin(ctx, over, forMinutes + 3)] : undefined;
  return plans.map((plan) => caseOf(plan, texts, alert, ctx.shapes.expansions, within));
}

function latencyPlans(
  shapes: ShapeCache,
  shape: LatencyShape,
  alertname: string,
  forMinutes: number,
): CasePlan[] {
  const { threshold, floor, windowMinutes, les } = shape;
  // Long enough after the slow requests for them to age out of the rate window.
  const recoveryMinutes = Math.max(10, windowMinutes + 5);
  const busy = Math.max(1000, Math.ceil(floor * 60 * 10));
  const curveOf = (phases: readonly LatencyPhase[]): Curve => latencyCurve(shapes, shape, phases);
  const { under, over } = buckets(les, threshold);
  const slowFor = forMinutes + 3;
  const quietFor = forMinutes + 10;
  const cases: (CasePlan | null)[] = [];
  if (over) {
    const phases = [
      { minutes: slowFor, requests: busy, bucket: over },
      ...(under ? [{ minutes: recoveryMinutes, requests: busy, bucket: under }] : []),
    ];
    cases.push(
      firingPlan(
        `${alertname}: every request taking ${rangeText(over)} fires after ${forMinutes}m${under ? `, resolves once they take ${rangeText(under)} again` : ''}`,
        alertname,
        forMinutes,
        curveOf(phases),
      ),
    );
  }
  if (under)
    cases.push(
      quietPlan(
        `${alertname}: every request taking ${rangeText(under)} (threshold ${num(threshold)}s) stays quiet`,
        alertname,
        forMinutes,
        curveOf([{ minutes: quietFor, requests: busy, bucket: under }]),
        [forMinutes + 2, quietFor],
      ),
    );
  if (over && floor > 0) {
    const trickle = (floor * 60) / 2;
    cases.push(
      quietPlan(
        `${alertname}: slow requests at ${num(trickle / 60)}/s (half the ${floor}/s traffic floor) stay quiet`,
        alertname,
        forMinutes,
        curveOf([{ minutes: quietFor, requests: trickle, bucket: over }]),
        [forMinutes + 2, quietFor],
      ),
    );
  }
  return planned(cases);
}

/** How many of the recorded quantiles lie in the bucket. */
function countWithin(recorded: Expr, bucket: Bucket): Expr {
  const upper = bucket.upper === Number.POSITIVE_INFINITY ? bucket.lower : bucket.upper;
  return q.aggregate(
    'count',
    q.binary('<=', q.binary('>=', recorded, q.number(bucket.lower)), q.number(upper)),
  );
}

/** A name that prints bare and nowhere else in countWithin's text: where a service's selector goes. */
const recordedPlaceholder = 'obsgen_recorded_quantiles';

/**
 * The test every service of a shape has, its expression cut where the selector of its recorded
 * quantiles goes: the printer writes a selector the same wherever it stands.
 */
function withinFrame(bucket: Bucket, minute: number): ExprTestFrame {
  const text = printExpr(countWithin(q.selector(recordedPlaceholder), bucket));
  const cut = text.indexOf(recordedPlaceholder);
  return {
    before: text.slice(0, cut),
    after: text.slice(cut + recordedPlaceholder.length),
    evalTime: at(minute),
    samples: [{ labels: '{}', value: latencyQuantiles.length }],
  };
}

/** Every recorded quantile lies in the one bucket that holds every request. */
function quantilesWithin(ctx: ServiceContext, bucket: Bucket, minute: number): PromqlExprTest {
  const { model, service } = ctx;
  const red = service.red;
  const name = red?.latency ? recording.latencyQuantile(model, service, red.latency.metric) : '';
  const frame = ctx.shapes.exprFrames.get(`within|${bucket.lower}|${bucket.upper}|${minute}`, () =>
    withinFrame(bucket, minute),
  );
  const recorded = printExpr(q.selector(name, [q.eq('service', service.name)]));
  return {
    expr: `${frame.before}${recorded}${frame.after}`,
    eval_time: frame.evalTime,
    exp_samples: frame.samples,
  };
}
