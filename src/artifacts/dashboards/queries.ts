// Panel queries built from typed parts. Rate windows are Grafana's `$__rate_interval` (at least four
// scrape intervals, so a rate never sees fewer than two samples); validate.ts substitutes it back
// to a duration before parsing the result with the PromQL toolkit.

import { labels } from '../../model/conventions.ts';
import type { Metric, Service, SignalSelector } from '../../model/model.ts';
import type { LabelMatcher } from '../../promql/ast.ts';
import { quoteLabelValue } from '../../promql/index.ts';

export const rateInterval = '$__rate_interval';

/** A query fragment. Only this module makes them, so every expression has a known shape. */
export interface Query {
  readonly text: string;
  /** False for binary expressions, which need parentheses inside another operator. */
  readonly atomic: boolean;
}

function q(text: string, atomic = true): Query {
  return { text, atomic };
}

function renderMatchers(matchers: readonly LabelMatcher[]): string {
  return matchers.map((m) => `${m.name}${m.type}${quoteLabelValue(m.value)}`).join(', ');
}

/** The series of one service: the `service` target label its monitor attaches (as the rules select). */
export function serviceMatchers(service: Service): LabelMatcher[] {
  return [{ name: labels.service, type: '=', value: service.name }];
}

export function selector(name: string, matchers: readonly LabelMatcher[]): Query {
  return q(matchers.length === 0 ? name : `${name}{${renderMatchers(matchers)}}`);
}

export function signal(service: Service, s: SignalSelector, suffix = ''): Query {
  return selector(`${s.metric.name}${suffix}`, [...serviceMatchers(service), ...s.matchers]);
}

export function metricOf(service: Service, metric: Metric, suffix = ''): Query {
  return selector(`${metric.name}${suffix}`, serviceMatchers(service));
}

export function rate(inner: Query): Query {
  return q(`rate(${inner.text}[${rateInterval}])`);
}

export type Aggregation = 'sum' | 'max' | 'min' | 'avg' | 'count';

export function aggregate(op: Aggregation, inner: Query, by: readonly string[] = []): Query {
  return q(by.length === 0 ? `${op}(${inner.text})` : `${op} by (${by.join(', ')}) (${inner.text})`);
}

export function divide(numerator: Query, denominator: Query): Query {
  return q(`${parenthesize(numerator)} / ${parenthesize(denominator)}`, false);
}

export function times(left: Query, factor: number): Query {
  return q(`${parenthesize(left)} * ${factor}`, false);
}

export function oneMinus(inner: Query): Query {
  return q(`1 - ${parenthesize(inner)}`, false);
}

export function histogramQuantile(quantile: number, histogram: Query, by: readonly string[] = []): Query {
  return q(`histogram_quantile(${quantile}, ${aggregate('sum', rate(histogram), ['le', ...by]).text})`);
}

export function scalarNumber(value: number): Query {
  return q(String(value));
}

function parenthesize(query: Query): string {
  return query.atomic ? query.text : `(${query.text})`;
}
