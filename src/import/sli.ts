// What Sloth and Pyrra SLIs have in common: PromQL over counters, turned into the catalog's
// errors/good/total selectors (or a latency threshold on a histogram) and the metrics they need
// declared. Anything else is a reason, which the importer writes as a comment.
import { ruleOwnLabels } from '../model/conventions.ts';
import { formatLe } from '../model/slo.ts';
import type { Expr, LabelMatcher, VectorSelector } from '../promql/ast.ts';
import * as q from '../promql/construct.ts';
import { parse, printExpr } from '../promql/index.ts';
import { sortedObject } from './fragment.ts';
import type { Json } from './input.ts';

/** Labels the scrape sets; in the catalog the `service` label its monitor attaches scopes a service's series. */
export const scopeLabels: ReadonlySet<string> = new Set(['job', 'service', 'namespace', 'instance', 'pod']);

/** The rate window Sloth substitutes; any duration stands in for it while parsing. */
const windowPlaceholder = /\{\{\s*\.window\s*\}\}/g;

export type Parsed =
  | { readonly ok: true; readonly expr: Expr }
  | { readonly ok: false; readonly message: string };

export function parseQuery(text: string): Parsed {
  const rest = text.replaceAll(windowPlaceholder, '5m');
  if (rest.includes('{{'))
    return { ok: false, message: 'only the {{.window}} template variable can be imported' };
  const parsed = parse(rest);
  if (parsed.ok) return { ok: true, expr: parsed.expr };
  return { ok: false, message: `does not parse: ${parsed.errors[0]?.message ?? 'syntax error'}` };
}

export interface RateOf {
  readonly selector: VectorSelector;
  /** `sum by (...)` labels, which become the SLO's groupBy. */
  readonly groupBy: readonly string[];
}

/** `sum [by (...)] (rate(x{...}[w]))` (or increase, or without the sum): the one counter it reads. */
export function rateOf(expr: Expr): RateOf | string {
  let node = expr;
  let groupBy: readonly string[] = [];
  for (;;) {
    if (node.type === 'ParenExpr') node = node.expr;
    else if (node.type === 'AggregateExpr' && node.op === 'sum' && !node.without && groupBy.length === 0) {
      groupBy = node.grouping;
      node = node.expr;
    } else break;
  }
  if (node.type !== 'Call' || (node.func !== 'rate' && node.func !== 'increase'))
    return 'only a rate (or increase) of one counter, optionally summed, maps to a catalog selector';
  const [arg] = node.args;
  if (arg?.type !== 'MatrixSelector') return 'the rate must read a plain range selector';
  const selector = arg.vectorSelector;
  if (selector.offsetMs !== 0 || selector.at !== null) return 'offset and @ have no catalog equivalent';
  return { selector, groupBy };
}

/** `total - good` over one histogram (`X_count - X_bucket{le="0.5"}`): Sloth's form of a latency SLI. */
export function latencyErrors(expr: Expr): { readonly total: RateOf; readonly good: RateOf } | null {
  let node = expr;
  while (node.type === 'ParenExpr') node = node.expr;
  if (node.type !== 'BinaryExpr' || node.op !== '-') return null;
  const total = rateOf(node.lhs);
  const good = rateOf(node.rhs);
  if (typeof total === 'string' || typeof good === 'string') return null;
  return isBucketOf(good.selector, total.selector) ? { total, good } : null;
}

export function isBucketOf(bucket: VectorSelector, count: VectorSelector): boolean {
  const base = count.name.replace(/_count$/, '');
  return count.name.endsWith('_count') && bucket.name === `${base}_bucket` && leOf(bucket) !== null;
}

/** The `le` a bucket selector matches exactly, as a number. */
export function leOf(selector: VectorSelector): number | null {
  const le = selector.matchers.find((m) => m.name === 'le');
  if (le?.type !== '=') return null;
  const value = Number(le.value);
  return Number.isFinite(value) && value > 0 ? value : null;
}

export interface Dropped {
  readonly matcher: LabelMatcher;
  readonly reason: string;
}

/** The matchers a catalog selector keeps: scope labels go (the service label scopes instead). */
export function splitMatchers(selector: VectorSelector): {
  readonly kept: readonly LabelMatcher[];
  readonly dropped: readonly Dropped[];
} {
  const kept: LabelMatcher[] = [];
  const dropped: Dropped[] = [];
  for (const m of selector.matchers) {
    if (m.name === '__name__' || m.name === 'le') continue;
    if (scopeLabels.has(m.name))
      dropped.push({
        matcher: m,
        reason: `matcher ${printMatcher(m)} dropped: the catalog scopes an SLO's series by the service label its monitor sets`,
      });
    else kept.push(m);
  }
  return { kept, dropped };
}

export function printMatcher(m: LabelMatcher): string {
  return printExpr(q.selector('x', [m])).slice(2, -1);
}

/** The `job` value all selectors agree on, if any: it becomes scrape.job. */
export function jobOf(selectors: readonly VectorSelector[]): string | null {
  const values = new Set(
    selectors.map((s) => s.matchers.find((m) => m.name === 'job' && m.type === '=')?.value ?? null),
  );
  const [only] = values;
  return values.size === 1 && typeof only === 'string' ? only : null;
}

export function selectorText(name: string, matchers: readonly LabelMatcher[]): string {
  return printExpr(q.selector(name, matchers));
}

interface DeclaredMetric {
  readonly name: string;
  type: 'counter' | 'histogram' | 'summary';
  readonly labels: Set<string>;
  readonly buckets: Set<number>;
}

/** The metrics contract a fragment needs: each counter, histogram or summary its selectors read. */
export class Contract {
  readonly #metrics = new Map<string, DeclaredMetric>();

  #declare(name: string, type: DeclaredMetric['type'], labels: readonly string[]): DeclaredMetric {
    const found = this.#metrics.get(name) ?? { name, type, labels: new Set(), buckets: new Set() };
    if (type === 'histogram') found.type = 'histogram';
    for (const l of labels) found.labels.add(l);
    this.#metrics.set(name, found);
    return found;
  }

  /** Why `name` cannot be declared as a counter, or null. */
  check(name: string): string | null {
    return name.endsWith('_total') || name.endsWith('_count')
      ? null
      : `${name} is not a counter the catalog can declare (counters end in _total; a histogram's or summary's count in _count)`;
  }

  /** A counter an SLO reads: `x_total`, or a histogram's or summary's `x_count` (see check). */
  counter(name: string, labels: readonly string[]): void {
    if (name.endsWith('_count')) this.#declare(name.replace(/_count$/, ''), 'summary', labels);
    else this.#declare(name, 'counter', labels);
  }

  /** A histogram with a bucket a latency SLO reads. */
  histogram(name: string, labels: readonly string[], le: number): void {
    this.#declare(name, 'histogram', labels).buckets.add(le);
  }

  /** `metrics:` entries by key, and the notes on what was assumed about each. */
  entries(): { readonly metrics: Json; readonly assumed: readonly { key: string; message: string }[] } {
    const assumed: { key: string; message: string }[] = [];
    const metrics = sortedObject(
      [...this.#metrics.values()].map((m): [string, Json] => {
        const key = metricKey(m.name);
        const labels = [...m.labels].sort();
        if (m.type === 'histogram') {
          const buckets = [...m.buckets].sort((a, b) => a - b);
          assumed.push({
            key,
            message: `assumed: buckets lists only the SLO thresholds (${buckets.map(formatLe).join(', ')}); list every bucket ${m.name} exposes`,
          });
          return [key, { name: m.name, type: 'histogram', labels, buckets }];
        }
        if (m.type === 'summary')
          assumed.push({
            key,
            message: `assumed: only ${m.name}_count is read, so ${m.name} is declared as a summary; if it is a histogram, make it type: histogram with its buckets`,
          });
        return [key, { name: m.name, type: m.type, labels }];
      }),
    );
    return { metrics, assumed };
  }
}

/** A metrics key from a metric name: `http_requests_total` -> `http_requests`. */
export function metricKey(name: string): string {
  const key = name
    .replace(/_total$/, '')
    .toLowerCase()
    .replaceAll(/[^a-z0-9_]/g, '_');
  return /^[a-z]/.test(key) ? key : `m_${key}`;
}

/** Labels an imported static label may not use: the rules set them, so it would overwrite them. */
export function reservedLabel(name: string): boolean {
  return ruleOwnLabels.includes(name);
}

/** A catalog name (DNS label) from free text. */
export function dnsName(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63)
      .replace(/-+$/, '') || 'unnamed'
  );
}
