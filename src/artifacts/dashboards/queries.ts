// The PromQL shapes panels need, on the shared AST constructors (src/promql/construct.ts); panels print
// them with the canonical printer. Rate windows are Grafana's `$__rate_interval` (at least four scrape
// intervals, so a rate never sees fewer than two samples), carried by the AST as a range variable.
// A query keeps the tree it was printed from, so validate.ts checks the tree instead of parsing the
// text back (a text alone, as a hand-made panel has, is parsed with a duration for each variable).

import type { Metric, Service } from '../../model/model.ts';
import { serviceMatchers } from '../../model/series.ts';
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import * as q from '../../promql/construct.ts';
import { printExpr } from '../../promql/printer.ts';
import type { QuerySpec } from './spec.ts';

/**
 * The tree each built query was printed from. Keyed by the query object, which is frozen so that
 * its text cannot change under its tree: a copy made with other text is not in it, and is parsed
 * like any hand-made query.
 */
const printedFrom = new WeakMap<QuerySpec, Expr>();

/** A panel query printed from `expr`, which the checks then read instead of the text. */
export function builtQuery(expr: Expr, fields: Omit<QuerySpec, 'expr'>): QuerySpec {
  const query: QuerySpec = Object.freeze({ expr: printExpr(expr), ...fields });
  printedFrom.set(query, expr);
  return query;
}

/** The tree `query` was printed from, or undefined for a query known only by its text. */
export function builtTree(query: QuerySpec): Expr | undefined {
  return printedFrom.get(query);
}

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
