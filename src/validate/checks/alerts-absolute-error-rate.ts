// An alert on errors per second means different things at 10 and at 10,000 requests per second:
// divide by the request rate so the threshold is a share of traffic.
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import { type Check, noFindings } from '../check.ts';
import { isComparison, isScalarish, selectors, unwrap } from '../expr-tools.ts';
import { measured } from './alerts-template-units.ts';

const statusLabels = new Set(['code', 'status', 'status_code', 'response_code', 'http_status']);

export function countsErrors(selector: VectorSelector): boolean {
  if (/error|fail|5xx/i.test(selector.name)) return true;
  return selector.matchers.some(
    (m) => statusLabels.has(m.name) && (m.type === '=' || m.type === '=~') && m.value.startsWith('5'),
  );
}

/** A rate of an error counter with no division anywhere (aggregations pass through). */
function isAbsoluteErrorRate(expr: Expr): boolean {
  const e = unwrap(expr);
  if (e.type === 'AggregateExpr') return isAbsoluteErrorRate(e.expr);
  if (e.type === 'Call' && ['rate', 'irate', 'increase'].includes(e.func)) {
    const arg = e.args[0];
    return arg !== undefined && selectors(arg).some(countsErrors);
  }
  return false;
}

export const alertsAbsoluteErrorRate: Check = {
  id: 'alerts/absolute-error-rate',
  severity: 'warning',
  kind: 'alert',
  description: 'an alert compares an absolute error rate with a threshold, with no notion of traffic',
  check: (rule) => {
    if (rule.kind !== 'alert' || !rule.ast) return noFindings;
    const top = unwrap(rule.ast);
    if (!isComparison(top) || !(isScalarish(top.lhs) || isScalarish(top.rhs))) return noFindings;
    const { value } = measured(top);
    if (!isAbsoluteErrorRate(value)) return noFindings;
    return [
      {
        message:
          'alerts on an absolute error rate: divide by the request rate so the threshold is a share of traffic',
        target: 'expr',
        offset: value.start,
      },
    ];
  },
};
