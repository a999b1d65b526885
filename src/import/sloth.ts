// Sloth `prometheus/v1` specs and `PrometheusServiceLevel` CRDs (sloth.slok.dev/v1) -> catalog
// services with SLOs. Sloth's event queries that are rates of counters become errors/total (or a
// latency threshold); raw ratio queries, plugins and Sloth's alert naming and labels have no
// catalog equivalent and become comments.
import type { ValuePath } from '../catalog/source.ts';
import type { Importer } from './importer.ts';
import { type InputDocument, isObject, type Json, objectAt, stringAt } from './input.ts';
import { dnsName, parseQuery, reservedLabel } from './sli.ts';
import { type QueryField, ratioEntry } from './sli-entry.ts';
import { type ImportedService, newService, type SloImportRun, sloImporter } from './slo-service.ts';

/** Field names of the two forms: the spec file is snake_case, the CRD camelCase. */
interface Dialect {
  readonly crd: boolean;
  readonly errorQuery: string;
  readonly totalQuery: string;
  readonly errorRatioQuery: string;
  readonly pageAlert: string;
  readonly ticketAlert: string;
}

const specDialect: Dialect = {
  crd: false,
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
};
const crdDialect: Dialect = {
  crd: true,
  errorQuery: 'errorQuery',
  totalQuery: 'totalQuery',
  errorRatioQuery: 'errorRatioQuery',
  pageAlert: 'pageAlert',
  ticketAlert: 'ticketAlert',
};

/** The SRE workbook tiers the catalog uses by default, for an SLO that keeps only one of them. */
const defaultTiers: Record<'page' | 'ticket', Json> = {
  page: {
    severity: 'critical',
    windows: [
      { long: '1h', short: '5m', budget: 2 },
      { long: '6h', short: '30m', budget: 5 },
    ],
  },
  ticket: {
    severity: 'warning',
    windows: [
      { long: '1d', short: '2h', budget: 10 },
      { long: '3d', short: '6h', budget: 10 },
    ],
  },
};

function dialectOf(value: Json): Dialect | 'openslo' | null {
  if (value.version === 'prometheus/v1') return specDialect;
  if (value.apiVersion === 'sloth.slok.dev/v1' && value.kind === 'PrometheusServiceLevel') return crdDialect;
  if (typeof value.apiVersion === 'string' && value.apiVersion.startsWith('openslo/')) return 'openslo';
  return null;
}

function importDocument(run: SloImportRun, doc: InputDocument): void {
  const value = objectAt(doc.value);
  const dialect = dialectOf(value);
  if (dialect === 'openslo') {
    run.error(doc, [], 'an OpenSLO document: import it with `obsgen openslo import`');
    return;
  }
  if (dialect === null) {
    run.error(
      doc,
      [],
      'not a Sloth spec: expected `version: prometheus/v1`, or `apiVersion: sloth.slok.dev/v1` with `kind: PrometheusServiceLevel`',
    );
    return;
  }
  const root: ValuePath = dialect.crd ? ['spec'] : [];
  const spec = dialect.crd ? objectAt(value.spec) : value;
  const serviceName = stringAt(spec.service);
  if (!serviceName) {
    run.error(doc, [...root, 'service'], 'service: a Sloth spec names its service (a string)');
    return;
  }
  const name = dnsName(serviceName);
  const service = run.services.get(name) ?? newService(name, doc, [...root, 'service']);
  run.services.set(name, service);
  const attach = ['services', name];
  if (name !== serviceName)
    run.notes.add(doc, [...root, 'service'], `renamed to ${name}: catalog names are DNS labels`, attach);
  if (dialect.crd) {
    run.notes.rest(doc, [], value, ['apiVersion', 'kind', 'metadata', 'spec'], attach);
    run.notes.rest(
      doc,
      ['metadata'],
      value.metadata,
      [],
      attach,
      "the CRD's own metadata: generated rules are named after the service and live in its namespace",
    );
    run.notes.rest(doc, root, spec, ['service', 'labels', 'slos'], attach);
  } else run.notes.rest(doc, [], value, ['version', 'service', 'labels', 'slos'], attach);
  importLabels(run, doc, [...root, 'labels'], spec.labels, service);
  if (!Array.isArray(spec.slos)) {
    run.error(doc, [...root, 'slos'], 'slos: a Sloth spec lists its SLOs');
    return;
  }
  spec.slos.forEach((slo, index) => {
    importSlo(run, doc, dialect, [...root, 'slos', index], slo, service);
  });
}

function importLabels(
  run: SloImportRun,
  doc: InputDocument,
  path: ValuePath,
  labels: unknown,
  service: ImportedService,
): void {
  if (!isObject(labels)) return;
  const attach = ['services', service.name, 'labels'];
  for (const [key, value] of Object.entries(labels)) {
    const text = typeof value === 'string' ? value : String(value);
    if ((key === 'owner' || key === 'team') && service.team === null && dnsName(text) === text) {
      service.team = text;
      run.notes.assume(
        doc,
        [...path, key],
        `mapped to team ${text} (assumed: the ${key} label names the catalog team)`,
        ['services', service.name, 'team'],
      );
      if (key === 'team') continue;
    }
    if (reservedLabel(key)) {
      run.notes.add(
        doc,
        [...path, key],
        `not mapped: the generated rules set "${key}" themselves, and a static label would overwrite it`,
        attach,
      );
      continue;
    }
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key) || key.startsWith('__')) {
      run.notes.add(doc, [...path, key], 'not mapped: not a Prometheus label name', attach);
      continue;
    }
    service.labels[key] = text;
  }
}

function queryField(
  run: SloImportRun,
  doc: InputDocument,
  path: ValuePath,
  value: unknown,
): QueryField | null {
  const text = stringAt(value);
  if (text === null) {
    run.error(doc, path, `${String(path.at(-1))}: expected a PromQL query (a string)`);
    return null;
  }
  const parsed = parseQuery(text);
  if (!parsed.ok) {
    run.error(doc, path, `${String(path.at(-1))}: ${parsed.message}`);
    return null;
  }
  return { path, expr: parsed.expr };
}

function importSlo(
  run: SloImportRun,
  doc: InputDocument,
  dialect: Dialect,
  path: ValuePath,
  value: unknown,
  service: ImportedService,
): void {
  const slo = objectAt(value);
  const rawName = stringAt(slo.name);
  if (!rawName) {
    run.error(doc, [...path, 'name'], 'name: every Sloth SLO has a name');
    return;
  }
  const name = dnsName(rawName);
  const attach = ['services', service.name, 'slos', name];
  if (service.slos.has(name)) {
    run.error(doc, [...path, 'name'], `SLO "${name}" of service ${service.name} is declared twice`);
    return;
  }
  if (name !== rawName)
    run.notes.add(doc, [...path, 'name'], `renamed to ${name}: catalog names are DNS labels`, attach);
  const objective = slo.objective;
  if (typeof objective !== 'number' || !(objective > 0 && objective < 100)) {
    run.error(
      doc,
      [...path, 'objective'],
      'objective: a percentage between 0 and 100 (exclusive), e.g. 99.9',
    );
    return;
  }
  run.notes.rest(doc, path, slo, ['name', 'objective', 'description', 'sli', 'alerting'], attach);
  const sli = importSli(run, doc, dialect, [...path, 'sli'], slo.sli, service, attach);
  if (sli === null) return;
  const alerting = importAlerting(run, doc, dialect, [...path, 'alerting'], slo.alerting, attach);
  const description = stringAt(slo.description);
  service.slos.set(name, {
    ...(description ? { description } : {}),
    objective,
    window: '30d',
    ...sli,
    ...(alerting ? { alerting } : {}),
  });
}

function importSli(
  run: SloImportRun,
  doc: InputDocument,
  dialect: Dialect,
  path: ValuePath,
  value: unknown,
  service: ImportedService,
  attach: ValuePath,
): Json | null {
  const sli = objectAt(value);
  run.notes.rest(doc, path, sli, ['events', 'raw', 'plugin'], attach);
  if (sli.raw !== undefined)
    run.notes.add(
      doc,
      [...path, 'raw'],
      'not mapped, so the SLO is not imported: a raw error-ratio query has no counters to record, and the catalog computes every window from errors and total counters',
      attach,
    );
  if (sli.plugin !== undefined)
    run.notes.add(
      doc,
      [...path, 'plugin'],
      'not mapped, so the SLO is not imported: Sloth SLI plugins are Go code; write the SLI as errors/total counters',
      attach,
    );
  if (sli.events === undefined) {
    if (sli.raw === undefined && sli.plugin === undefined)
      run.error(doc, path, 'sli: expected events, raw or plugin');
    return null;
  }
  const eventsPath = [...path, 'events'];
  const events = objectAt(sli.events);
  run.notes.rest(doc, eventsPath, events, [dialect.errorQuery, dialect.totalQuery], attach);
  const errors = queryField(run, doc, [...eventsPath, dialect.errorQuery], events[dialect.errorQuery]);
  const total = queryField(run, doc, [...eventsPath, dialect.totalQuery], events[dialect.totalQuery]);
  if (!errors || !total) return null;
  return ratioEntry({ doc, notes: run.notes, service, attach }, 'errors', errors, total);
}

const alertLabelsReason =
  'not mapped: SLO alerts carry severity, team, service, slo, tier and window labels, and the team routing (teams.<team>.routing) decides where they go';
const alertAnnotationsReason =
  'not mapped: SLO alerts get generated summary, description, runbook_url and dashboard_url annotations';

function noteEach(
  run: SloImportRun,
  doc: InputDocument,
  path: ValuePath,
  value: unknown,
  why: string,
  attach: ValuePath,
) {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) run.notes.add(doc, [...path, key], why, attach);
}

function importAlerting(
  run: SloImportRun,
  doc: InputDocument,
  dialect: Dialect,
  path: ValuePath,
  value: unknown,
  attach: ValuePath,
): Json | null {
  if (!isObject(value)) return null;
  run.notes.rest(
    doc,
    path,
    value,
    ['name', 'labels', 'annotations', dialect.pageAlert, dialect.ticketAlert],
    attach,
  );
  if (value.name !== undefined)
    run.notes.add(
      doc,
      [...path, 'name'],
      'not mapped: catalog SLO alerts are named SLOBurnRatePage and SLOBurnRateTicket, with the SLO in the slo label',
      attach,
    );
  noteEach(run, doc, [...path, 'labels'], value.labels, alertLabelsReason, attach);
  noteEach(run, doc, [...path, 'annotations'], value.annotations, alertAnnotationsReason, attach);
  const kept: ('page' | 'ticket')[] = [];
  for (const [tier, key] of [
    ['page', dialect.pageAlert],
    ['ticket', dialect.ticketAlert],
  ] as const) {
    const alert = objectAt(value[key]);
    const tierPath = [...path, key];
    run.notes.rest(doc, tierPath, alert, ['disable', 'labels', 'annotations'], attach);
    const severity = tier === 'page' ? 'critical' : 'warning';
    noteEach(
      run,
      doc,
      [...tierPath, 'labels'],
      alert.labels,
      `not mapped: the ${tier} tier has severity ${severity}, and the team routing (teams.<team>.routing.${severity}) decides where it goes`,
      attach,
    );
    noteEach(run, doc, [...tierPath, 'annotations'], alert.annotations, alertAnnotationsReason, attach);
    if (alert.disable !== true) kept.push(tier);
  }
  if (kept.length === 2) return null;
  if (kept.length === 0) return { disabled: true };
  return { tiers: Object.fromEntries(kept.map((tier) => [tier, defaultTiers[tier]])) };
}

export const sloth: Importer = sloImporter({
  name: 'sloth',
  format: 'Sloth',
  summary: 'Sloth prometheus/v1 specs and PrometheusServiceLevel CRDs -> services with SLOs',
  nothingFound: 'no Sloth spec in the file',
  importDocument,
});
