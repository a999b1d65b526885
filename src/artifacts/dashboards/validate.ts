// Gen-time checks of every dashboard: each query is valid PromQL (a built query's tree type-checked
// as it is, a text parsed with the PromQL toolkit after replacing Grafana variables), reads only
// metrics the catalog declares, and uses only known variables; uids are unique and short enough for
// Grafana.

import type { Model } from '../../model/model.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import { checkBuilt, parse } from '../../promql/index.ts';
import { builtTree } from './queries.ts';
import { datasourceVariable } from './render.ts';
import type { DashboardSpec } from './spec.ts';
import { substituteVariables } from './variables.ts';

export const queryCheck = 'dashboard/query';
export const uidCheck = 'dashboard/uid';

/** Series a dashboard may read: declared metrics (with their histogram/summary series) and `up`. */
export function declaredSeries(model: Model): ReadonlySet<string> {
  const names = new Set<string>(['up']);
  for (const service of model.services) {
    for (const metric of service.metrics) {
      names.add(metric.name);
      if (metric.type === 'histogram')
        for (const suffix of ['_bucket', '_count', '_sum']) names.add(metric.name + suffix);
      if (metric.type === 'summary') for (const suffix of ['_count', '_sum']) names.add(metric.name + suffix);
    }
  }
  return names;
}

/** Every vector selector of the tree (a range selector's too), left to right. */
export function vectorSelectors(expr: Expr): VectorSelector[] {
  const found: VectorSelector[] = [];
  collectSelectors(expr, found);
  return found;
}

function collectSelectors(expr: Expr, found: VectorSelector[]): void {
  switch (expr.type) {
    case 'VectorSelector':
      found.push(expr);
      return;
    case 'MatrixSelector':
      found.push(expr.vectorSelector);
      return;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      collectSelectors(expr.expr, found);
      return;
    case 'Call':
      for (const arg of expr.args) collectSelectors(arg, found);
      return;
    case 'AggregateExpr':
      collectSelectors(expr.expr, found);
      if (expr.param) collectSelectors(expr.param, found);
      return;
    case 'BinaryExpr':
      collectSelectors(expr.lhs, found);
      collectSelectors(expr.rhs, found);
      return;
    case 'NumberLiteral':
    case 'StringLiteral':
      return;
  }
}

/** The metric name a selector asks for by equality, or null (a regex or no name matches many). */
export function selectedName(selector: VectorSelector): string | null {
  if (selector.name !== '') return selector.name;
  const m = selector.matchers.find((x) => x.name === '__name__' && x.type === '=');
  return m ? m.value : null;
}

/** Problems of one query text; `declared` null skips the catalog check (lint of foreign JSON). */
export function queryProblems(
  text: string,
  variables: ReadonlySet<string>,
  declared: ReadonlySet<string> | null,
): string[] {
  return checkQuery(text, undefined, variables, declared, null);
}

/**
 * queryProblems of a query's text or, when `tree` is given, of the tree it was printed from; adding
 * to `selected` (when given) each name the query selects by equality.
 */
function checkQuery(
  text: string,
  tree: Expr | undefined,
  variables: ReadonlySet<string>,
  declared: ReadonlySet<string> | null,
  selected: Set<string> | null,
): string[] {
  const { text: substituted, unknown } = substituteVariables(text, variables);
  const messages =
    unknown.length === 0
      ? []
      : unknown.map(
          (u) => `unknown variable $${u.name} (the dashboard defines: ${[...variables].sort().join(', ')})`,
        );
  // A tree that fails is reported as its text parses: the messages of a hand-made query.
  const parsed = tree ? checkBuilt(tree, () => substituted) : parse(substituted);
  if (!parsed.ok)
    return [
      ...messages,
      ...parsed.errors.map(
        (e: { readonly message: string }) => `invalid PromQL: ${e.message} in ${JSON.stringify(text)}`,
      ),
    ];
  if (declared || selected) {
    for (const selector of vectorSelectors(parsed.expr)) {
      // Recording rules (level:metric:operations) are generated from declared metrics.
      if (declared && selector.name !== '' && !selector.name.includes(':') && !declared.has(selector.name)) {
        messages.push(`metric ${selector.name} is not declared in the catalog`);
      }
      const name = selected ? selectedName(selector) : null;
      if (name !== null) selected?.add(name);
    }
  }
  return messages;
}

export function validateDashboards(
  specs: readonly DashboardSpec[],
  model: Model,
  fallback: (spec: DashboardSpec) => SourcePosition,
): Problem[] {
  return dashboardValidation(specs, model, fallback).problems;
}

export interface DashboardValidation {
  readonly problems: Problem[];
  /**
   * Per dashboard, every series name its queries select by equality (none of a query that does not
   * parse): what dashboard/undeclared-series needs once the recorded series are known.
   */
  readonly selected: ReadonlyMap<DashboardSpec, ReadonlySet<string>>;
}

/** validateDashboards, keeping what each query selects so that no later check parses it again. */
export function dashboardValidation(
  specs: readonly DashboardSpec[],
  model: Model,
  fallback: (spec: DashboardSpec) => SourcePosition,
): DashboardValidation {
  const declared = declaredSeries(model);
  const variables = new Set([datasourceVariable]);
  const problems: Problem[] = [];
  const selected = new Map<DashboardSpec, Set<string>>();
  const seen = new Map<string, DashboardSpec>();
  // Positions are looked up only for problems: locating in a large catalog is not free.
  for (const spec of specs) {
    const clash = seen.get(spec.uid);
    if (clash)
      problems.push(
        problem(
          uidCheck,
          'error',
          `dashboard uid "${spec.uid}" is used twice ("${clash.title}" and "${spec.title}")`,
          spec.at ?? fallback(spec),
        ),
      );
    seen.set(spec.uid, spec);
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(spec.uid)) {
      problems.push(
        problem(
          uidCheck,
          'error',
          `dashboard uid "${spec.uid}" must be 1-40 letters, digits, "-" or "_"`,
          spec.at ?? fallback(spec),
        ),
      );
    }
    const names = new Set<string>();
    selected.set(spec, names);
    for (const row of spec.rows) {
      for (const panel of row.panels) {
        for (const query of panel.queries) {
          for (const message of checkQuery(query.expr, builtTree(query), variables, declared, names)) {
            problems.push(
              problem(
                queryCheck,
                'error',
                `${spec.uid}: panel "${panel.title}": ${message}`,
                panel.at ?? spec.at ?? fallback(spec),
              ),
            );
          }
        }
      }
    }
  }
  return { problems, selected };
}
