// OpenSLO v1 (and the v1alpha form Sloth reads) to catalog SLO entries, and the catalog's SLOs to
// OpenSLO v1. Only ratio SLIs over Prometheus counters translate; anything else is a problem
// naming the document, never a silent drop. A latency SLO goes out as the ratio of its bucket to
// its count (`X_bucket{le="T"}` over `X_count`), the form every OpenSLO reader understands, and that
// ratio comes back in as the latency SLO on histogram X with threshold T; a groupBy goes out as
// `sum by (...)` and comes back. Export then import gives the catalog's SLOs back.
import { parseAllDocuments } from 'yaml';
import type { Model } from '../../model/model.ts';
import type { NormalizedSlo } from '../../model/slo.ts';
import type { Expr, LabelMatcher, VectorSelector } from '../../promql/ast.ts';
import * as q from '../../promql/construct.ts';
import { durationMs, formatDurationInDays } from '../../promql/duration.ts';
import { parse } from '../../promql/index.ts';
import { eq, selectorText, text } from './promql.ts';

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Labels the scrape sets; in the catalog the `service` label scopes a service's series instead. */
const scopeLabels = new Set(['job', 'service', 'namespace', 'instance', 'pod']);

/** A metric an imported SLO reads, to declare in the catalog. */
export interface ImportedMetric {
  readonly type: 'counter' | 'histogram';
  readonly labels: ReadonlySet<string>;
  /** Histograms: the thresholds the SLOs use, buckets the catalog must declare. */
  readonly buckets: readonly number[];
}

export interface ImportedSlo {
  readonly service: string;
  readonly name: string;
  readonly entry: Json;
  /** Metrics the selectors read, by name. */
  readonly metrics: ReadonlyMap<string, ImportedMetric>;
}

export interface ImportResult {
  readonly slos: readonly ImportedSlo[];
  readonly problems: readonly string[];
}

function vectorSelectors(expr: Expr): VectorSelector[] {
  switch (expr.type) {
    case 'VectorSelector':
      return [expr];
    case 'MatrixSelector':
      return [expr.vectorSelector];
    case 'Call':
      return expr.args.flatMap(vectorSelectors);
    case 'AggregateExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return vectorSelectors(expr.expr);
    case 'BinaryExpr':
      return [...vectorSelectors(expr.lhs), ...vectorSelectors(expr.rhs)];
    default:
      return [];
  }
}

/** An OpenSLO query read as one counter: `x{...}`, `sum(rate(x{...}[{{.window}}]))`, `sum by (route) (x)`. */
interface CounterQuery {
  readonly name: string;
  /** Without `__name__` and the labels the scrape sets. */
  readonly matchers: readonly LabelMatcher[];
  /** The labels of an outer `sum by (...)`: one SLO instance per value, the catalog's groupBy. */
  readonly groupBy: readonly string[];
}

/** The query read as one counter, or why it cannot be. */
function readQuery(query: string): CounterQuery | string {
  const parsed = parse(query.replaceAll(/\{\{\s*\.window\s*\}\}/g, '5m'));
  if (!parsed.ok) return `query ${JSON.stringify(query)} does not parse: ${parsed.errors[0]?.message ?? ''}`;
  const selectors = vectorSelectors(parsed.expr);
  const [only] = selectors;
  if (selectors.length !== 1 || !only) return `query ${JSON.stringify(query)} must read exactly one counter`;
  return {
    name: only.name,
    matchers: only.matchers.filter((m) => m.name !== '__name__' && !scopeLabels.has(m.name)),
    groupBy: outerGrouping(parsed.expr),
  };
}

function outerGrouping(expr: Expr): readonly string[] {
  if (expr.type === 'ParenExpr') return outerGrouping(expr.expr);
  return expr.type === 'AggregateExpr' && expr.op === 'sum' && !expr.without ? expr.grouping : [];
}

function sameMatchers(a: readonly LabelMatcher[], b: readonly LabelMatcher[]): boolean {
  const keys = (ms: readonly LabelMatcher[]) =>
    ms
      .map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`)
      .sort()
      .join(',');
  return keys(a) === keys(b);
}

const floatText = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * The bound an `le` matcher selects: `le="0.5"`, or one bound in several spellings (`le=~"1|1\\.0"`,
 * as the export writes it for rulers that see both); null for anything else.
 */
function leBound(m: LabelMatcher): number | null {
  const spellings =
    m.type === '='
      ? [m.value]
      : m.type === '=~'
        ? m.value.split('|').map((s) => s.replaceAll(/\\([.+])/g, '$1'))
        : [];
  const bounds = new Set(spellings.map((s) => (floatText.test(s) ? Number(s) : Number.NaN)));
  const [bound] = bounds;
  return bounds.size === 1 && bound !== undefined && Number.isFinite(bound) ? bound : null;
}

interface LatencyQuery {
  readonly histogram: string;
  readonly matchers: readonly LabelMatcher[];
  readonly threshold: number;
}

/** `X_bucket{le="T", m...}` over `X_count{m...}`: the share of observations of at most T, a latency SLI. */
function latencyRatio(good: CounterQuery, total: CounterQuery): LatencyQuery | null {
  if (!good.name.endsWith('_bucket')) return null;
  const histogram = good.name.slice(0, -'_bucket'.length);
  const le = good.matchers.filter((m) => m.name === 'le');
  const rest = good.matchers.filter((m) => m.name !== 'le');
  const threshold = le.length === 1 && le[0] ? leBound(le[0]) : null;
  if (total.name !== `${histogram}_count` || threshold === null) return null;
  if (!sameMatchers(rest, total.matchers) || good.groupBy.join(',') !== total.groupBy.join(',')) return null;
  return { histogram, matchers: rest, threshold };
}

function addMetric(
  metrics: Map<string, ImportedMetric>,
  name: string,
  type: ImportedMetric['type'],
  labels: readonly string[],
  buckets: readonly number[] = [],
): void {
  const known = metrics.get(name);
  metrics.set(name, {
    type,
    labels: new Set([...(known?.labels ?? []), ...labels]),
    buckets: [...new Set([...(known?.buckets ?? []), ...buckets])].sort((a, b) => a - b),
  });
}

function queryOf(metric: unknown): string | null {
  const m = obj(metric);
  // v1: { metricSource: { type: Prometheus, spec: { query } } }; v1alpha: { source, queryType, query }.
  return str(obj(obj(m.metricSource).spec).query) ?? str(m.query);
}

function periodOf(spec: Json): string {
  const v1 = obj(list(spec.timeWindow)[0]);
  const duration = str(v1.duration);
  if (duration && durationMs(duration) !== null) return duration;
  const alpha = obj(list(spec.timeWindows)[0]);
  const unit: Record<string, string> = { Second: 's', Minute: 'm', Hour: 'h', Day: 'd', Week: 'w' };
  const count = typeof alpha.count === 'number' ? alpha.count : null;
  const suffix = unit[str(alpha.unit) ?? ''];
  return count !== null && suffix ? formatDurationInDays(durationMs(`${count}${suffix}`) ?? 0) : '30d';
}

function objectivePercent(target: number): number {
  return Number((target * 100).toPrecision(12));
}

/** OpenSLO documents (multi-document YAML) -> catalog SLO entries per service. */
export function importOpenSlo(text: string): ImportResult {
  const problems: string[] = [];
  const docs = parseAllDocuments(text).map((d) => obj(d.toJS()));
  const slis = new Map(
    docs.filter((d) => d.kind === 'SLI').map((d) => [str(obj(d.metadata).name) ?? '', obj(d.spec)]),
  );
  const slos: ImportedSlo[] = [];
  for (const doc of docs.filter((d) => d.kind === 'SLO')) {
    const name = str(obj(doc.metadata).name) ?? '';
    const spec = obj(doc.spec);
    const service = str(spec.service) ?? '';
    const where = `SLO ${JSON.stringify(name)}`;
    const indicator = spec.indicatorRef
      ? slis.get(str(spec.indicatorRef) ?? '')
      : obj(obj(spec.indicator).spec);
    const objectives = list(spec.objectives).map(obj);
    const objective = objectives[0] ?? {};
    const ratio = obj(indicator?.ratioMetric ?? objective.ratioMetrics);
    const target = typeof objective.target === 'number' ? objective.target : null;
    if (!indicator && !objective.ratioMetrics)
      problems.push(`${where}: indicator ${JSON.stringify(spec.indicatorRef)} not found`);
    if (target === null) problems.push(`${where}: objectives[0].target (0-1) is missing`);
    if (objectives.length > 1)
      problems.push(`${where}: only the first of ${objectives.length} objectives is imported`);
    const part = ratio.bad ? 'errors' : 'good';
    const partQuery = queryOf(ratio.bad ?? ratio.good);
    const totalQuery = queryOf(ratio.total);
    if (!partQuery || !totalQuery) {
      problems.push(`${where}: only ratio SLIs (good/total or bad/total Prometheus queries) can be imported`);
      continue;
    }
    const partRead = readQuery(partQuery);
    const totalRead = readQuery(totalQuery);
    if (typeof partRead === 'string' || typeof totalRead === 'string') {
      for (const s of [partRead, totalRead]) if (typeof s === 'string') problems.push(`${where}: ${s}`);
      continue;
    }
    if (target === null) continue;
    // A displayName is a title, not what the SLO promises: only spec.description is one.
    const description = str(spec.description);
    const groupBy = [...new Set([...partRead.groupBy, ...totalRead.groupBy])];
    const metrics = new Map<string, ImportedMetric>();
    const latency = part === 'good' ? latencyRatio(partRead, totalRead) : null;
    if (latency) {
      const labels = [...latency.matchers.map((m) => m.name), ...groupBy];
      addMetric(metrics, latency.histogram, 'histogram', labels, [latency.threshold]);
    } else
      for (const read of [partRead, totalRead])
        addMetric(metrics, read.name, 'counter', [...read.matchers.map((m) => m.name), ...groupBy]);
    const sli: Json = latency
      ? {
          latency: {
            metric: selectorText(latency.histogram, latency.matchers),
            threshold: latency.threshold,
          },
        }
      : {
          [part]: selectorText(partRead.name, partRead.matchers),
          total: selectorText(totalRead.name, totalRead.matchers),
        };
    const entry: Json = {
      ...(description ? { description } : {}),
      objective: objectivePercent(target),
      window: periodOf(spec),
      ...sli,
      ...(groupBy.length > 0 ? { groupBy } : {}),
    };
    slos.push({ service, name: sloName(name, service), entry, metrics });
  }
  return { slos, problems };
}

/** The export names an SLO `<service>-<slo>` (OpenSLO names are global); the catalog keys it by `<slo>`. */
function sloName(name: string, service: string): string {
  const prefix = `${dnsName(service)}-`;
  const own = dnsName(name);
  return own.startsWith(prefix) && own.length > prefix.length ? own.slice(prefix.length) : own;
}

function dnsName(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'slo'
  );
}

/** The imported SLOs as a catalog snippet: per service, the metrics to declare and the slos entries. */
export function catalogSnippet(slos: readonly ImportedSlo[]): Json {
  const services: Record<string, Json> = {};
  for (const slo of slos) {
    const service = services[dnsName(slo.service)] ?? { metrics: {}, slos: {} };
    const metrics = obj(service.metrics);
    for (const [name, metric] of slo.metrics) {
      const key = name.replace(/_total$/, '').replace(/[^a-z0-9_]/g, '_');
      metrics[key] = {
        name,
        type: metric.type,
        labels: [...metric.labels].sort(),
        ...(metric.type === 'histogram' ? { buckets: [...metric.buckets] } : {}),
      };
    }
    obj(service.slos)[slo.name] = slo.entry;
    services[dnsName(slo.service)] = service;
  }
  return { services };
}

function metricSource(query: string): Json {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

/** A query of the SLI: the selector, summed by the SLO's groupBy labels when it has any. */
function sliQuery(slo: NormalizedSlo, name: string, matchers: readonly LabelMatcher[]): Json {
  const selector = q.selector(name, [eq('service', slo.service), ...matchers]);
  return metricSource(
    slo.groupBy.length > 0 ? text(q.aggregate('sum', selector, slo.groupBy)) : text(selector),
  );
}

function ratioMetric(slo: NormalizedSlo): Json {
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const { metric, matchers } = sli.histogram;
    return {
      counter: true,
      good: sliQuery(slo, `${metric.name}_bucket`, [...matchers, sli.leMatcher]),
      total: sliQuery(slo, `${metric.name}_count`, matchers),
    };
  }
  const part = sli.errors
    ? { bad: sliQuery(slo, sli.errors.metric.name, sli.errors.matchers) }
    : sli.good
      ? { good: sliQuery(slo, sli.good.metric.name, sli.good.matchers) }
      : {};
  return { counter: true, ...part, total: sliQuery(slo, sli.total.metric.name, sli.total.matchers) };
}

function sloDocument(slo: NormalizedSlo): Json {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: `${slo.service}-${slo.name}`, displayName: `${slo.service} ${slo.name}` },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      indicator: {
        metadata: { name: `${slo.service}-${slo.name}` },
        spec: { ratioMetric: ratioMetric(slo) },
      },
      timeWindow: [{ duration: formatDurationInDays(slo.periodMs), isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: slo.name, target: slo.objective }],
    },
  };
}

/** The catalog's SLOs as OpenSLO v1 documents: one Service per service with SLOs, then its SLOs. */
export function exportOpenSlo(model: Model): Json[] {
  return model.services.flatMap((service) => {
    const slos = service.slos;
    if (slos.length === 0) return [];
    const serviceDoc: Json = {
      apiVersion: 'openslo/v1',
      kind: 'Service',
      metadata: { name: service.name },
      spec: { description: service.description || service.name },
    };
    return [serviceDoc, ...slos.map(sloDocument)];
  });
}
