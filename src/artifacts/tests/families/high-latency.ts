// HighLatency: the recorded p99 over the service's rate window (5m or longer) above the threshold, with enough traffic. Every request of a
// scenario takes as long as one bucket of the catalog's histogram says, so the quantile is known.
import {
  alertNames,
  labels as labelNames,
  latencyQuantiles,
  rateWindowMs,
  recording,
} from '../../../model/conventions.ts';
import type { Model, Service } from '../../../model/model.ts';
import * as q from '../../../promql/construct.ts';
import { printExpr } from '../../../promql/index.ts';
import { firesCase } from '../cases/fires.ts';
import { quietCase } from '../cases/quiet.ts';
import { near, type Scenario } from '../cases/scenario.ts';
import { expectedAlert, generatedAlert } from '../expected.ts';
import { alertQuantile, counterValues, histogramQuantile, rateOver } from '../minutes.ts';
import { contractLabels, counterNotation, labelsFor, num, type Series, seriesText } from '../series.ts';
import type { PromqlExprTest, TestCase } from '../test-case.ts';
import { at } from '../test-case.ts';
import { requestCounters } from './counters.ts';

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

/** The slowest bucket whose every request is at most the threshold, and the fastest one all above. */
function buckets(
  bounds: readonly number[],
  threshold: number,
): { under: Bucket | null; over: Bucket | null } {
  const sorted = [...bounds].sort((a, b) => a - b);
  const edges = [0, ...sorted, Number.POSITIVE_INFINITY];
  const all: Bucket[] = edges.slice(1).map((upper, i) => ({ lower: edges[i] ?? 0, upper }));
  const under = [...all].reverse().find((b) => b.upper <= threshold) ?? null;
  // In the +Inf bucket histogram_quantile answers the largest finite bound.
  const over =
    all.find((b) => b.lower >= threshold && (b.upper !== Number.POSITIVE_INFINITY || b.lower > threshold)) ??
    null;
  return { under, over };
}

export function highLatencyTests(model: Model, service: Service): TestCase[] {
  const red = service.red;
  const generated = generatedAlert(model, service, alertNames.highLatency);
  if (!red?.latency || !generated) return [];
  // The alert reads the recorded p99, which keeps its quantile label.
  const quantile = { [labelNames.quantile]: String(alertQuantile) };
  const alert = {
    ...generated,
    kept: { ...generated.kept, ...quantile },
    labels: { ...quantile, ...generated.labels },
  };
  const histogram = red.latency;
  const bounds = histogram.metric.buckets;
  const { threshold, forMinutes } = alert;
  const floor = red.minRequestRate;
  const windowMinutes = rateWindowMs(service) / 60_000;
  // Long enough after the slow requests for them to age out of the rate window.
  const recoveryMinutes = Math.max(10, windowMinutes + 5);
  const busy = Math.max(1000, Math.ceil(floor * 60 * 10));
  const les = [...[...bounds].sort((a, b) => a - b), Number.POSITIVE_INFINITY];
  const leText = (le: number) => (le === Number.POSITIVE_INFINITY ? '+Inf' : String(le));

  const scenario = (phases: readonly LatencyPhase[]): Scenario | null => {
    const labels = labelsFor(contractLabels(model, service, histogram.metric), histogram.matchers);
    const requests = requestCounters(
      model,
      service,
      red.requests,
      null,
      phases.map((p) => ({ minutes: p.minutes, requests: p.requests, errors: 0 })),
    );
    if (!labels || !requests) return null;
    const perLe = (le: number) => (p: LatencyPhase) => (p.bucket.upper <= le ? p.requests : 0);
    const cumulative = les.map((le) => ({
      le,
      values: counterValues(phases.map((p) => ({ minutes: p.minutes, perMinute: perLe(le)(p) }))),
      notation: counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: perLe(le)(p) }))),
    }));
    const name = histogram.metric.name;
    const series: Series[] = [
      ...cumulative.map((c) => ({
        series: seriesText(`${name}_bucket`, { ...labels, le: leText(c.le) }),
        values: c.notation,
      })),
      {
        series: seriesText(`${name}_count`, labels),
        values: counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: p.requests }))),
      },
      ...requests.series,
    ];
    const p99 = (t: number): number | null => {
      const rates = cumulative.map((c) => ({
        le: c.le,
        count: rateOver(c.values, t, 'closed', windowMinutes),
      }));
      if (rates.some((r) => r.count === null)) return null;
      const v = histogramQuantile(
        alertQuantile,
        rates.map((r) => ({ le: r.le, count: r.count ?? 0 })),
      );
      return Number.isNaN(v) ? null : v;
    };
    const requestRate = (t: number) => rateOver(requests.requests, t, 'closed', windowMinutes);
    return {
      series,
      minutes: requests.requests.length - 1,
      value: (t) => {
        const v = p99(t);
        return v !== null && v > threshold && (requestRate(t) ?? 0) > floor ? v : null;
      },
      knifeEdge: (t) => near(p99(t), threshold) || near(requestRate(t), floor),
    };
  };

  const { under, over } = buckets(bounds, threshold);
  const slowFor = forMinutes + 3;
  const quietFor = forMinutes + 10;
  const cases: (TestCase | null)[] = [];
  const range = (b: Bucket) =>
    `${num(b.lower)}-${b.upper === Number.POSITIVE_INFINITY ? '+Inf' : num(b.upper)}s`;
  if (over) {
    const phases = [
      { minutes: slowFor, requests: busy, bucket: over },
      ...(under ? [{ minutes: recoveryMinutes, requests: busy, bucket: under }] : []),
    ];
    const s = scenario(phases);
    const fires = s
      ? firesCase({
          name: `${alert.name}: every request taking ${range(over)} fires after ${forMinutes}m${under ? `, resolves once they take ${range(under)} again` : ''}`,
          alertname: alert.name,
          forMinutes,
          scenario: s,
          expect: (value) => [expectedAlert(alert, value)],
        })
      : null;
    cases.push(fires && { ...fires, promql_expr_test: [quantilesWithin(model, service, over, slowFor)] });
  }
  if (under) {
    const s = scenario([{ minutes: quietFor, requests: busy, bucket: under }]);
    if (s)
      cases.push(
        quietCase(
          `${alert.name}: every request taking ${range(under)} (threshold ${num(threshold)}s) stays quiet`,
          alert.name,
          forMinutes,
          s,
          [forMinutes + 2, quietFor],
        ),
      );
  }
  if (over && floor > 0) {
    const trickle = (floor * 60) / 2;
    const s = scenario([{ minutes: quietFor, requests: trickle, bucket: over }]);
    if (s)
      cases.push(
        quietCase(
          `${alert.name}: slow requests at ${num(trickle / 60)}/s (half the ${floor}/s traffic floor) stay quiet`,
          alert.name,
          forMinutes,
          s,
          [forMinutes + 2, quietFor],
        ),
      );
  }
  return cases.filter((c): c is TestCase => c !== null);
}

/** Every recorded quantile lies in the one bucket that holds every request. */
function quantilesWithin(model: Model, service: Service, bucket: Bucket, minute: number): PromqlExprTest {
  const red = service.red;
  const name = red?.latency ? recording.latencyQuantile(model, service, red.latency.metric) : '';
  const recorded = q.selector(name, [q.eq('service', service.name)]);
  const upper = bucket.upper === Number.POSITIVE_INFINITY ? bucket.lower : bucket.upper;
  const within = q.binary('<=', q.binary('>=', recorded, q.number(bucket.lower)), q.number(upper));
  return {
    expr: printExpr(q.aggregate('count', within)),
    eval_time: at(minute),
    exp_samples: [{ labels: '{}', value: latencyQuantiles.length }],
  };
}
