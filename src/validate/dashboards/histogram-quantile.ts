// dashboard/histogram-quantile: histogram_quantile needs per-second bucket rates (otherwise it
// measures all-time latency since the process started) summed by `le` across instances (otherwise
// each instance gets its own, unweighted quantile). Both flaws are in the seeds' hand-made dashboards.

import { substituteVariables } from '../../artifacts/dashboards/variables.ts';
import type { Problem } from '../../problem.ts';
import type { AggregateExpr, Call, Expr } from '../../promql/ast.ts';
import { parse } from '../../promql/index.ts';
import type { DashboardCheck } from './context.ts';

export const id = 'dashboard/histogram-quantile';

function calls(expr: Expr, name: string): Call[] {
  const own = expr.type === 'Call' && expr.func === name ? [expr] : [];
  const inner: Expr[] =
    expr.type === 'Call'
      ? [...expr.args]
      : expr.type === 'BinaryExpr'
        ? [expr.lhs, expr.rhs]
        : expr.type === 'AggregateExpr'
          ? [expr.expr]
          : expr.type === 'ParenExpr' || expr.type === 'UnaryExpr' || expr.type === 'SubqueryExpr'
            ? [expr.expr]
            : [];
  return [...own, ...inner.flatMap((e) => calls(e, name))];
}

function unwrap(expr: Expr): Expr {
  return expr.type === 'ParenExpr' ? unwrap(expr.expr) : expr;
}

function hasRate(expr: Expr): boolean {
  return ['rate', 'increase', 'irate'].some((f) => calls(expr, f).length > 0);
}

function keepsLe(expr: Expr): boolean {
  const e = unwrap(expr);
  if (e.type !== 'AggregateExpr') return false;
  const aggregate: AggregateExpr = e;
  return aggregate.without ? !aggregate.grouping.includes('le') : aggregate.grouping.includes('le');
}

export const histogramQuantile: DashboardCheck = {
  id,
  severity: 'error',
  description: 'histogram_quantile over per-second bucket rates, summed by le',
  check(ctx) {
    const problems: Problem[] = [];
    const known = new Set(ctx.variables);
    for (const target of ctx.targets) {
      if (target.expr?.kind !== 'string') continue;
      const parsed = parse(substituteVariables(target.expr.value, known).text);
      if (!parsed.ok) continue;
      for (const call of calls(parsed.expr, 'histogram_quantile')) {
        const buckets = call.args[1];
        if (!buckets) continue;
        if (!hasRate(buckets)) {
          problems.push(
            ctx.finding(
              id,
              'error',
              `panel "${target.panel.title}": histogram_quantile over raw cumulative buckets measures all-time latency; take rate(..._bucket[$__rate_interval]) first`,
              target.expr,
            ),
          );
        } else if (!keepsLe(buckets)) {
          problems.push(
            ctx.finding(
              id,
              'error',
              `panel "${target.panel.title}": histogram_quantile over per-series bucket rates gives one quantile per instance; aggregate with sum by (le) (...) first`,
              target.expr,
            ),
          );
        }
      }
    }
    return problems;
  },
};
