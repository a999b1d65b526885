// Pyrra `ServiceLevelObjective` CRDs (pyrra.dev/v1alpha1) -> catalog services with SLOs. Ratio
// indicators (errors/total selectors) and latency indicators (a bucket over a count) map; bool
// gauges and native-histogram latency have no catalog SLI and become comments.
import type { ValuePath } from '../catalog/source.ts';
import * as q from '../promql/construct.ts';
import { durationMs } from '../promql/duration.ts';
import type { Importer } from './importer.ts';
import { type InputDocument, type Json, objectAt, stringAt } from './input.ts';
import { dnsName, parseQuery, rateOf } from './sli.ts';
import { bucketEntry, type QueryField, ratioEntry } from './sli-entry.ts';
import { type ImportedService, newService, type SloImportRun, sloImporter } from './slo-service.ts';

/** A Pyrra metric is a selector; Pyrra reads it as `sum by (grouping) (rate(selector[w]))`. */
function metricField(
  run: SloImportRun,
  doc: InputDocument,
  path: ValuePath,
  value: unknown,
  groupBy: readonly string[],
): QueryField | null {
  const text = stringAt(objectAt(value).metric);
  if (text === null) {
    run.error(doc, [...path, 'metric'], 'metric: expected a PromQL selector (a string)');
    return null;
  }
  const parsed = parseQuery(text);
  if (!parsed.ok || parsed.expr.type !== 'VectorSelector') {
    const why = parsed.ok
      ? 'Pyrra reads a plain selector, e.g. http_requests_total{code=~"5.."}'
      : parsed.message;
    run.error(doc, [...path, 'metric'], `metric: ${why}`);
    return null;
  }
  return { path: [...path, 'metric'], expr: q.aggregate('sum', q.rate(parsed.expr, '5m'), groupBy) };
}

function grouping(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').sort() : [];
}

function objectiveOf(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) && n > 0 && n < 100 ? n : null;
}

/** The job every indicator selector matches (Pyrra's examples scope by job), else the CRD's namespace. */
function serviceName(spec: Json, metadata: Json): string {
  const job = /job\s*=\s*\\?"([^"\\]+)/.exec(JSON.stringify(spec.indicator ?? {}))?.[1];
  return dnsName(job ?? stringAt(metadata.namespace) ?? stringAt(metadata.name) ?? 'unnamed');
}

function importDocument(run: SloImportRun, doc: InputDocument): void {
  const value = objectAt(doc.value);
  if (
    value.kind !== 'ServiceLevelObjective' ||
    typeof value.apiVersion !== 'string' ||
    !value.apiVersion.startsWith('pyrra.dev/')
  ) {
    run.error(
      doc,
      [],
      'not a Pyrra SLO: expected `apiVersion: pyrra.dev/v1alpha1` with `kind: ServiceLevelObjective`',
    );
    return;
  }
  const metadata = objectAt(value.metadata);
  const spec = objectAt(value.spec);
  const rawName = stringAt(metadata.name);
  if (!rawName) {
    run.error(doc, ['metadata'], 'metadata.name: every Pyrra SLO has a name');
    return;
  }
  const name = serviceName(spec, metadata);
  const service = run.services.get(name) ?? newService(name, doc, ['metadata', 'name']);
  run.services.set(name, service);
  run.notes.assume(
    doc,
    ['metadata', 'name'],
    `assumed: service ${name}, from the job its selectors match (or the CRD's namespace); Pyrra has no service`,
    ['services', name],
  );
  const sloName = dnsName(rawName);
  const attach = ['services', name, 'slos', sloName];
  if (service.slos.has(sloName)) {
    run.error(doc, ['metadata', 'name'], `SLO "${sloName}" of service ${name} is declared twice`);
    return;
  }
  run.notes.rest(doc, [], value, ['apiVersion', 'kind', 'metadata', 'spec'], attach);
  run.notes.rest(
    doc,
    ['metadata'],
    metadata,
    ['name'],
    attach,
    "the CRD's own metadata: generated rules live in the service's namespace and are selected by settings.ruleSelectorLabels",
  );
  run.notes.rest(doc, ['spec'], spec, ['target', 'window', 'description', 'indicator', 'alerting'], attach);
  const objective = objectiveOf(spec.target);
  if (objective === null) {
    run.error(
      doc,
      ['spec', 'target'],
      'target: a percentage between 0 and 100 (exclusive) as a string, e.g. "99.5"',
    );
    return;
  }
  const window = stringAt(spec.window) ?? '';
  const windowMs = durationMs(window);
  if (windowMs === null || windowMs <= 0) {
    run.error(doc, ['spec', 'window'], 'window: a duration such as 28d or 4w');
    return;
  }
  const sli = importIndicator(run, doc, objectAt(spec.indicator), service, attach);
  if (sli === null) return;
  const alerting = objectAt(spec.alerting);
  run.notes.rest(doc, ['spec', 'alerting'], alerting, ['disabled', 'burnrates', 'absent', 'name'], attach);
  if (alerting.name !== undefined)
    run.notes.add(
      doc,
      ['spec', 'alerting', 'name'],
      'not mapped: catalog SLO alerts are named SLOBurnRatePage and SLOBurnRateTicket',
      attach,
    );
  const disabled = alerting.disabled === true || alerting.burnrates === false;
  const description = stringAt(spec.description);
  service.slos.set(sloName, {
    ...(description ? { description } : {}),
    objective,
    window,
    ...sli,
    ...(disabled || alerting.absent === false
      ? {
          alerting: {
            ...(disabled ? { disabled: true } : {}),
            ...(alerting.absent === false ? { noData: false } : {}),
          },
        }
      : {}),
  });
}

function importIndicator(
  run: SloImportRun,
  doc: InputDocument,
  indicator: Json,
  service: ImportedService,
  attach: ValuePath,
): Json | null {
  const path = ['spec', 'indicator'];
  const ctx = { doc, notes: run.notes, service, attach };
  run.notes.rest(
    doc,
    path,
    indicator,
    ['ratio', 'latency'],
    attach,
    'no catalog SLI of this kind (the catalog needs errors/total counters or a histogram bucket), so the SLO is not imported',
  );
  if (indicator.ratio !== undefined) {
    const ratio = objectAt(indicator.ratio);
    const groupBy = grouping(ratio.grouping);
    run.notes.rest(doc, [...path, 'ratio'], ratio, ['errors', 'total', 'grouping'], attach);
    const errors = metricField(run, doc, [...path, 'ratio', 'errors'], ratio.errors, groupBy);
    const total = metricField(run, doc, [...path, 'ratio', 'total'], ratio.total, groupBy);
    if (!errors || !total) return null;
    return ratioEntry(ctx, 'errors', errors, total);
  }
  if (indicator.latency !== undefined) {
    const latency = objectAt(indicator.latency);
    const groupBy = grouping(latency.grouping);
    run.notes.rest(doc, [...path, 'latency'], latency, ['success', 'total', 'grouping'], attach);
    const success = metricField(run, doc, [...path, 'latency', 'success'], latency.success, groupBy);
    const total = metricField(run, doc, [...path, 'latency', 'total'], latency.total, groupBy);
    if (!success || !total) return null;
    const [good, all] = [rateOf(success.expr), rateOf(total.expr)];
    const entry =
      typeof good === 'string' || typeof all === 'string'
        ? null
        : bucketEntry(ctx, success, good, total, all);
    if (entry === null)
      run.notes.add(
        doc,
        success.path,
        'not mapped, so the SLO is not imported: expected X_bucket{le="T"} over X_count of one histogram',
        attach,
      );
    return entry;
  }
  if (Object.keys(indicator).length === 0)
    run.error(doc, path, 'indicator: expected ratio, latency, latencyNative or boolGauge');
  return null;
}

export const pyrra: Importer = sloImporter({
  name: 'pyrra',
  format: 'Pyrra',
  summary: 'Pyrra ServiceLevelObjective CRDs -> services with SLOs',
  nothingFound: 'no Pyrra SLO in the file',
  importDocument,
});
