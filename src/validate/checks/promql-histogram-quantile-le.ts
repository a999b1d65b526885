// histogram_quantile needs the `le` buckets of one histogram: aggregating away `le` gives nonsense,
// and not aggregating at all computes one quantile per series (per instance), not for the service.
import type { AggregateExpr, Expr } from '../../promql/ast.ts';
import { type Check, type Finding, noFindings, withFinding } from '../check.ts';
import { isRecordedName, readCalls, selectors, unwrap } from '../expr-tools.ts';

const quantileFunctions = ['histogram_quantile'];

function keepsLe(agg: AggregateExpr): boolean {
  return agg.without ? !agg.grouping.includes('le') : agg.grouping.includes('le');
}

function diagnose(arg: Expr): Finding | null {
  const inner = unwrap(arg);
  if (inner.type === 'AggregateExpr') {
    if (keepsLe(inner)) return null;
    return {
      message: `${inner.op} ${inner.without ? 'without' : 'by'} (${inner.grouping.join(', ')}) drops the le label histogram_quantile needs`,
      severity: 'error',
      target: 'expr',
      offset: inner.start,
    };
  }
  // Only raw bucket series are judged; recorded series may already be aggregated.
  const raw = selectors(inner).filter((s) => s.name.endsWith('_bucket') && !isRecordedName(s.name));
  if (raw.length === 0 || inner.type === 'BinaryExpr') return null;
  return {
    message:
      'histogram_quantile over unaggregated buckets computes one quantile per series: aggregate with sum by (le)',
    target: 'expr',
    offset: inner.start,
  };
}

export const promqlHistogramQuantileLe: Check = {
  id: 'promql/histogram-quantile-le',
  severity: 'warning',
  description: 'histogram_quantile without an aggregation that keeps le',
  check: (rule) => {
    if (!rule.ast) return noFindings;
    let findings: Finding[] | null = null;
    const found = readCalls(rule.ast, quantileFunctions);
    // The shared empty list is frozen, which for-of would walk with an iterator object.
    if (found.length === 0) return noFindings;
    for (const call of found) {
      const arg = call.args[1];
      const finding = arg ? diagnose(arg) : null;
      if (finding) findings = withFinding(findings, finding);
    }
    return findings ?? noFindings;
  },
};
