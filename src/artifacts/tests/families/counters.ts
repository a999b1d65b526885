// Request counters of a RED service as it exposes them: the errors part and the rest, per the
// catalog's request and error selectors (a separate error counter, or a matcher on the requests).
// The series' texts are the service's; what they count depends on the phases alone.
import type { Model, Service, SignalSelector } from '../../../model/model.ts';
import { counterValues } from '../minutes.ts';
import { contractLabels, counterNotation, seriesText } from '../series.ts';
import type { ShapeCache } from '../shapes.ts';

/** Requests and errors a minute over a stretch of minutes. */
export interface RequestPhase {
  readonly minutes: number;
  readonly requests: number;
  readonly errors: number;
}

/** What a series counts of each phase: every request, the failed ones, or the others. */
export type CounterPart = 'requests' | 'errors' | 'rest';

/** One series of the service's request counters. */
export interface CounterSeries {
  readonly text: string;
  readonly part: CounterPart;
}

/** Series whose selected sums are the requests and the errors; null when the matchers defeat the guesser. */
export function requestSeries(
  model: Model,
  service: Service,
  shapes: ShapeCache,
  requests: SignalSelector,
  errors: SignalSelector | null,
): CounterSeries[] | null {
  const { guesses, printedLabels } = shapes;
  const base = contractLabels(model, service, requests.metric);
  if (!errors) {
    const labels = guesses.labelsFor(base, requests.matchers);
    return labels
      ? [{ text: seriesText(requests.metric.name, labels, printedLabels), part: 'requests' }]
      : null;
  }
  if (errors.metric.name !== requests.metric.name) {
    const req = guesses.labelsFor(base, requests.matchers);
    const err = guesses.labelsFor(contractLabels(model, service, errors.metric), errors.matchers);
    if (!req || !err) return null;
    return [
      { text: seriesText(requests.metric.name, req, printedLabels), part: 'requests' },
      { text: seriesText(errors.metric.name, err, printedLabels), part: 'errors' },
    ];
  }
  const failed = guesses.labelsFor(base, [...requests.matchers, ...errors.matchers]);
  const rest = guesses.labelsFor(base, requests.matchers, errors.matchers);
  if (!failed || !rest) return null;
  return [
    { text: seriesText(requests.metric.name, failed, printedLabels), part: 'errors' },
    { text: seriesText(requests.metric.name, rest, printedLabels), part: 'rest' },
  ];
}

function perMinute(phase: RequestPhase, part: CounterPart): number {
  if (part === 'requests') return phase.requests;
  return part === 'errors' ? phase.errors : phase.requests - phase.errors;
}

/** promtool's notation of a counter counting `part` of the phases. */
export function partNotation(phases: readonly RequestPhase[], part: CounterPart): string {
  return counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: perMinute(p, part) })));
}

/** Counter values at minutes 0..n of what the request or error selectors sum. */
export function partValues(phases: readonly RequestPhase[], part: 'requests' | 'errors'): number[] {
  return counterValues(phases.map((p) => ({ minutes: p.minutes, perMinute: perMinute(p, part) })));
}

/** The phases as text: two phase lists with one key count the same. */
export const phasesKey = (phases: readonly RequestPhase[]): string =>
  phases.map((p) => `${p.minutes}:${p.requests}:${p.errors}`).join(',');
