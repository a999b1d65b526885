// Catalog fields such as `red.errors` name a declared metric, by key or as a PromQL selector on it
// (`http_requests_total{status=~"5.."}`). This resolves them against the service's metrics contract.
import type { LabelMatcher } from '../promql/ast.ts';
import { parse } from '../promql/index.ts';
import type { Metric, SignalSelector } from './model.ts';

export type SelectorResult =
  | { readonly ok: true; readonly selector: SignalSelector }
  | {
      readonly ok: false;
      readonly message: string;
      /** The character of the text the problem is at (a parse error's start), null for the whole text. */
      readonly offset: number | null;
    };

export function resolveSelector(
  text: string,
  metrics: readonly Metric[],
  allowed: readonly Metric['type'][],
): SelectorResult {
  const byKey = metrics.find((m) => m.key === text);
  const parsed = byKey ? null : parse(text);
  if (parsed && !parsed.ok) {
    const first = parsed.errors[0];
    return {
      ok: false,
      message: `not a selector: ${first?.message ?? 'parse error'}`,
      offset: first?.start ?? null,
    };
  }
  const expr = parsed?.expr;
  if (expr && expr.type !== 'VectorSelector') {
    return {
      ok: false,
      message: 'must be a metric key or a plain selector such as http_requests_total{code=~"5.."}',
      offset: null,
    };
  }
  const metricName = byKey?.name ?? expr?.name ?? '';
  const metric =
    byKey ??
    metrics.find((m) => m.name === metricName) ??
    (allowed.includes('counter') ? observationCounter(metricName, metrics) : undefined);
  if (!metric) {
    return {
      ok: false,
      message: `unknown metric "${metricName || text}"; declared metrics: ${metrics.map((m) => m.key).join(', ')}`,
      offset: null,
    };
  }
  if (!allowed.includes(metric.type)) {
    return {
      ok: false,
      message: `metric "${metric.key}" (${metric.name}) is a ${metric.type}, but a ${allowed.join(' or ')} is required here`,
      offset: null,
    };
  }
  const matchers: LabelMatcher[] = (expr?.matchers ?? []).filter((m) => m.name !== '__name__');
  const undeclared = matchers.find((m) => !metric.labels.includes(m.name));
  if (undeclared) {
    return {
      ok: false,
      message: `label "${undeclared.name}" is not declared for ${metric.name}; declared labels: ${metric.labels.join(', ') || '(none)'}`,
      offset: null,
    };
  }
  if (expr && (expr.offsetMs !== 0 || expr.at !== null)) {
    return { ok: false, message: 'offset and @ are not allowed here', offset: null };
  }
  return { ok: true, selector: { metric, matchers } };
}

/**
 * `<histogram>_count` and `<summary>_count` count observations: a counter wherever one is asked
 * for, e.g. the total of a ratio SLO written against a latency histogram (Sloth's usual form).
 */
function observationCounter(name: string, metrics: readonly Metric[]): Metric | undefined {
  if (!name.endsWith('_count')) return undefined;
  const base = metrics.find(
    (m) => (m.type === 'histogram' || m.type === 'summary') && `${m.name}_count` === name,
  );
  return base && { ...base, key: `${base.key}_count`, name, type: 'counter', buckets: [] };
}
