// The few PromQL shapes SLO rules need, as typed constructors that print canonical text. Label values
// go through one quoting function; nothing here pastes user text into a query.

import { formatDuration } from '../../model/duration.ts';
import type { LabelMatcher } from '../../promql/ast.ts';
import { quoteLabelValue } from '../../promql/strings.ts';

/** A printed PromQL expression, tagged so plain strings cannot be passed where a query is expected. */
export interface Query {
  readonly text: string;
  /** Binds looser than a function call or selector (needs parentheses as an operand). */
  readonly compound: boolean;
}

function matcherText(m: LabelMatcher): string {
  return `${m.name}${m.type}${quoteLabelValue(m.value)}`;
}

export function eq(name: string, value: string): LabelMatcher {
  return { name, type: '=', value };
}

export function selector(metric: string, matchers: readonly LabelMatcher[]): Query {
  const inner = matchers.filter((m) => m.name !== '__name__').map(matcherText);
  return { text: inner.length > 0 ? `${metric}{${inner.join(', ')}}` : metric, compound: false };
}

function range(sel: Query, ms: number): string {
  return `${sel.text}[${formatDuration(ms)}]`;
}

export function call(
  fn: 'rate' | 'sum_over_time' | 'avg_over_time',
  sel: Query,
  ms: number,
  offsetMs = 0,
): Query {
  const offset = offsetMs > 0 ? ` offset ${formatDuration(offsetMs)}` : '';
  return { text: `${fn}(${range(sel, ms)}${offset})`, compound: false };
}

export function fn(name: 'absent' | 'vector', arg: Query): Query {
  return { text: `${name}(${arg.text})`, compound: false };
}

export function sumBy(labels: readonly string[], expr: Query): Query {
  return {
    text: labels.length > 0 ? `sum by (${labels.join(', ')}) (${expr.text})` : `sum(${expr.text})`,
    compound: false,
  };
}

export function num(value: number): Query {
  return { text: String(value), compound: false };
}

function operand(q: Query): string {
  return q.compound ? `(${q.text})` : q.text;
}

type Op = '+' | '-' | '*' | '/' | '>' | 'and' | 'or';

export interface Matching {
  readonly kind: 'on' | 'ignoring';
  readonly labels: readonly string[];
}

export function binary(lhs: Query, op: Op, rhs: Query, matching?: Matching): Query {
  const modifier = matching ? ` ${matching.kind}(${matching.labels.join(', ')})` : '';
  return { text: `${operand(lhs)} ${op}${modifier} ${operand(rhs)}`, compound: true };
}

/**
 * errors / total that is 0, not NaN, when total is 0: the division keeps only series with traffic and
 * `or` fills the rest with total * 0. A stretch without traffic therefore burns no budget.
 */
export function safeRatio(errors: Query, total: Query): Query {
  return binary(binary(errors, '/', binary(total, '>', num(0))), 'or', binary(total, '*', num(0)));
}
