// The units a template prints must match what the expression computes: a 0-1 ratio followed by "%"
// reads 0.85% for 85%, and humanizePercentage (x100) over a per-second rate prints 5% for 0.05 req/s.
import type { Expr } from '../../promql/ast.ts';
import { type Check, type Finding, noFindings, templateTarget, withFinding } from '../check.ts';
import { isComparison, isScalarish, numberValue, unwrap } from '../expr-tools.ts';
import { valuePrints } from '../template-refs.ts';

export type Unit = 'ratio' | 'percent' | 'other' | 'unknown';

/** The side of a `x > threshold` comparison that is measured, and the threshold when literal. */
export function measured(expr: Expr): { value: Expr; threshold: number | null } {
  const e = unwrap(expr);
  if (isComparison(e)) {
    if (isScalarish(e.rhs)) return { value: unwrap(e.lhs), threshold: numberValue(e.rhs) };
    if (isScalarish(e.lhs)) return { value: unwrap(e.rhs), threshold: numberValue(e.lhs) };
  }
  return { value: e, threshold: null };
}

const rateFunctions = new Set(['rate', 'irate', 'increase', 'delta', 'deriv']);

/** Units of a value: vector / vector is a ratio, x 100 a percentage, a bare rate a count per second. */
export function unitOf(expr: Expr, threshold: number | null): Unit {
  const e = unwrap(expr);
  if (e.type === 'BinaryExpr') {
    const scale = isScalarish(e.rhs) ? numberValue(e.rhs) : isScalarish(e.lhs) ? numberValue(e.lhs) : null;
    if (e.op === '*' && scale === 100) return 'percent';
    if (e.op === '/' && !isScalarish(e.lhs) && !isScalarish(e.rhs)) {
      return threshold === null || threshold <= 1 ? 'ratio' : 'other';
    }
    if (['*', '/', '+', '-'].includes(e.op) && scale !== null) return 'other';
    return 'unknown';
  }
  if (e.type === 'AggregateExpr') return unitOf(e.expr, threshold);
  if (e.type === 'Call' && rateFunctions.has(e.func)) return 'other';
  if (e.type === 'Call' && e.func === 'histogram_quantile') return 'other';
  if (e.type === 'VectorSelector' && /(_ratio$|:ratio|_ratio_)/.test(e.name)) return 'ratio';
  return 'unknown';
}

export const alertsTemplateUnits: Check = {
  id: 'alerts/template-units',
  severity: 'warning',
  kind: 'alert',
  description: 'a template prints $value in units the expression does not have',
  check: (rule) => {
    if (rule.kind !== 'alert' || !rule.ast) return noFindings;
    const { value, threshold } = measured(rule.ast);
    const unit = unitOf(value, threshold);
    let findings: Finding[] | null = null;
    for (const [key, template] of rule.templates) {
      for (const print of valuePrints(template)) {
        if (print.followedByPercent && unit === 'ratio') {
          findings = withFinding(findings, {
            message: '$value is a 0-1 ratio but is printed followed by "%": use humanizePercentage',
            target: templateTarget(key),
            offset: print.offset,
          });
        }
        if (print.asPercentage && (unit === 'other' || unit === 'percent')) {
          const what = unit === 'percent' ? 'already a percentage' : 'not a 0-1 ratio';
          findings = withFinding(findings, {
            message: `humanizePercentage multiplies $value by 100, but the expression is ${what}`,
            target: templateTarget(key),
            offset: print.offset,
          });
        }
      }
    }
    return findings ?? noFindings;
  },
};
