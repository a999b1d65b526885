// Request counters of a RED service as it exposes them: the errors part and the rest, per the
// catalog's request and error selectors (a separate error counter, or a matcher on the requests).
import type { Model, Service, SignalSelector } from '../../../model/model.ts';
import { counterValues } from '../minutes.ts';
import { contractLabels, counterNotation, labelsFor, type Series, seriesText } from '../series.ts';

/** Requests and errors a minute over a stretch of minutes. */
export interface RequestPhase {
  readonly minutes: number;
  readonly requests: number;
  readonly errors: number;
}

export interface RequestCounters {
  readonly series: Series[];
  /** Counter values at minutes 0..n of what the request and error selectors sum. */
  readonly requests: number[];
  readonly errors: number[];
}

/** Series whose selected sums are `requests` and `errors` a minute; null when the matchers defeat the guesser. */
export function requestCounters(
  model: Model,
  service: Service,
  requests: SignalSelector,
  errors: SignalSelector | null,
  phases: readonly RequestPhase[],
): RequestCounters | null {
  const notation = (pick: (p: RequestPhase) => number) =>
    counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: pick(p) })));
  const values = (pick: (p: RequestPhase) => number) =>
    counterValues(phases.map((p) => ({ minutes: p.minutes, perMinute: pick(p) })));
  const result = (series: Series[]): RequestCounters => ({
    series,
    requests: values((p) => p.requests),
    errors: values((p) => p.errors),
  });
  const base = contractLabels(model, service, requests.metric);
  if (!errors) {
    const labels = labelsFor(base, requests.matchers);
    return labels
      ? result([{ series: seriesText(requests.metric.name, labels), values: notation((p) => p.requests) }])
      : null;
  }
  if (errors.metric.name !== requests.metric.name) {
    const req = labelsFor(base, requests.matchers);
    const err = labelsFor(contractLabels(model, service, errors.metric), errors.matchers);
    if (!req || !err) return null;
    return result([
      { series: seriesText(requests.metric.name, req), values: notation((p) => p.requests) },
      { series: seriesText(errors.metric.name, err), values: notation((p) => p.errors) },
    ]);
  }
  const failed = labelsFor(base, [...requests.matchers, ...errors.matchers]);
  const rest = labelsFor(base, requests.matchers, errors.matchers);
  if (!failed || !rest) return null;
  return result([
    { series: seriesText(requests.metric.name, failed), values: notation((p) => p.errors) },
    { series: seriesText(requests.metric.name, rest), values: notation((p) => p.requests - p.errors) },
  ]);
}
