// OpenSLO v1 (and the v1alpha form Sloth reads) to catalog SLO entries, and the catalog's SLOs to
// OpenSLO v1. Only ratio SLIs over Prometheus counters translate; anything else is a problem
// naming the document, never a silent drop.
import { parseAllDocuments } from 'yaml';
import type { Model } from '../../model/model.ts';
import type { NormalizedSlo } from '../../model/slo.ts';
import type { Expr, VectorSelector } from '../../promql/ast.ts';
import { durationMs, formatDurationInDays } from '../../promql/duration.ts';
import { parse } from '../../promql/index.ts';
import { serviceSlos } from './index.ts';
import { eq, selectorText } from './promql.ts';

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

export interface ImportedSlo {
  readonly service: string;
  readonly name: string;
  readonly entry: Json;
  /** Counters the selectors use, with the labels they match on. */
  readonly metrics: ReadonlyMap<string, ReadonlySet<string>>;
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

/** The one counter selector inside an OpenSLO query (`sum(rate(x{...}[{{.window}}]))` or plain `x{...}`). */
function counterSelector(query: string, metrics: Map<string, Set<string>>): string | string[] {
  const parsed = parse(query.replaceAll(/\{\{\s*\.window\s*\}\}/g, '5m'));
  if (!parsed.ok)
    return [`query ${JSON.stringify(query)} does not parse: ${parsed.errors[0]?.message ?? ''}`];
  const selectors = vectorSelectors(parsed.expr);
  const [only] = selectors;
  if (selectors.length !== 1 || !only)
    return [`query ${JSON.stringify(query)} must read exactly one counter`];
  const matchers = only.matchers.filter((m) => m.name !== '__name__' && !scopeLabels.has(m.name));
  const labels = metrics.get(only.name) ?? new Set<string>();
  for (const m of matchers) labels.add(m.name);
  metrics.set(only.name, labels);
  return selectorText(only.name, matchers);
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
    const metrics = new Map<string, Set<string>>();
    const part = ratio.bad ? 'errors' : 'good';
    const partQuery = queryOf(ratio.bad ?? ratio.good);
    const totalQuery = queryOf(ratio.total);
    if (!partQuery || !totalQuery) {
      problems.push(`${where}: only ratio SLIs (good/total or bad/total Prometheus queries) can be imported`);
      continue;
    }
    const partSelector = counterSelector(partQuery, metrics);
    const totalSelector = counterSelector(totalQuery, metrics);
    if (Array.isArray(partSelector) || Array.isArray(totalSelector)) {
      problems.push(
        ...[partSelector, totalSelector].flatMap((s) =>
          Array.isArray(s) ? s.map((m) => `${where}: ${m}`) : [],
        ),
      );
      continue;
    }
    if (target === null) continue;
    const description = str(spec.description) ?? str(obj(doc.metadata).displayName);
    const entry: Json = {
      ...(description ? { description } : {}),
      objective: objectivePercent(target),
      window: periodOf(spec),
      [part]: partSelector,
      total: totalSelector,
    };
    slos.push({ service, name: dnsName(name), entry, metrics });
  }
  return { slos, problems };
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

/** The imported SLOs as a catalog snippet: per service, the counters to declare and the slos entries. */
export function catalogSnippet(slos: readonly ImportedSlo[]): Json {
  const services: Record<string, Json> = {};
  for (const slo of slos) {
    const service = services[dnsName(slo.service)] ?? { metrics: {}, slos: {} };
    const metrics = obj(service.metrics);
    for (const [name, labels] of slo.metrics) {
      const key = name.replace(/_total$/, '').replace(/[^a-z0-9_]/g, '_');
      metrics[key] = { name, type: 'counter', labels: [...labels].sort() };
    }
    obj(service.slos)[slo.name] = slo.entry;
    services[dnsName(slo.service)] = service;
  }
  return { services };
}

function metricSource(query: string): Json {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

function sloDocument(slo: NormalizedSlo): Json {
  const sli = slo.sli;
  const scope = [eq('service', slo.service)];
  const ratioMetric =
    sli.kind === 'latency'
      ? {
          counter: true,
          good: metricSource(
            selectorText(`${sli.histogram.metric.name}_bucket`, [
              ...scope,
              ...sli.histogram.matchers,
              sli.leMatcher,
            ]),
          ),
          total: metricSource(
            selectorText(`${sli.histogram.metric.name}_count`, [...scope, ...sli.histogram.matchers]),
          ),
        }
      : {
          counter: true,
          ...(sli.errors
            ? { bad: metricSource(selectorText(sli.errors.metric.name, [...scope, ...sli.errors.matchers])) }
            : sli.good
              ? { good: metricSource(selectorText(sli.good.metric.name, [...scope, ...sli.good.matchers])) }
              : {}),
          total: metricSource(selectorText(sli.total.metric.name, [...scope, ...sli.total.matchers])),
        };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: `${slo.service}-${slo.name}`, displayName: `${slo.service} ${slo.name}` },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      indicator: { metadata: { name: `${slo.service}-${slo.name}` }, spec: { ratioMetric } },
      timeWindow: [{ duration: formatDurationInDays(slo.periodMs), isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: slo.name, target: slo.objective }],
    },
  };
}

/** The catalog's SLOs as OpenSLO v1 documents: one Service per service with SLOs, then its SLOs. */
export function exportOpenSlo(model: Model): Json[] {
  return model.services.flatMap((service) => {
    const { slos } = serviceSlos(model, service);
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
