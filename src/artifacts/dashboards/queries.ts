// The PromQL shapes panels need, on the shared AST constructors (src/promql/construct.ts); panels print
// them with the canonical printer. Rate windows are Grafana's `$__rate_interval` (at least four scrape
// intervals, so a rate never sees fewer than two samples), carried by the AST as a range variable;
// validate.ts substitutes a duration for it before parsing the printed text with the PromQL toolkit.

import type { Metric, Service } from '../../model/model.ts';
import { serviceMatchers } from '../../model/series.ts';
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import * as q from '../../promql/construct.ts';

export function metricOf(service: Service, metric: Metric, suffix = ''): VectorSelector {
  return q.selector(`${metric.name}${suffix}`, serviceMatchers(service));
}

/** `rate(v[$__rate_interval])` */
export function rate(vector: VectorSelector): Expr {
  return q.call('rate', [q.rangeVar(vector, '$__rate_interval')]);
}

/** `histogram_quantile(quantile, sum by (le, ...by) (rate(bucket[$__rate_interval])))` */
export function histogramQuantile(
  quantile: number,
  bucket: VectorSelector,
  by: readonly string[] = [],
): Expr {
  return q.call('histogram_quantile', [q.number(quantile), q.aggregate('sum', rate(bucket), ['le', ...by])]);
}
