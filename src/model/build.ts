// Validated catalog -> the normalized Model. Resolves references (already checked), applies defaults,
// sorts every collection by name so output never depends on the order of the catalog's entries.

import { catalogProblem, catalogProblemInValue } from '../catalog/issues.ts';
import type { CatalogSpec } from '../catalog/schema/index.ts';
import type { ServiceSpec } from '../catalog/schema/service.ts';
import { type TeamSpec, withDefaultReceiver } from '../catalog/schema/team.ts';
import { positionInValue, positionOfPath, type SourceFile } from '../catalog/source.ts';
import type { Problem } from '../problem.ts';
import { durationMs } from '../promql/duration.ts';
import { targetProfile } from '../target.ts';
import { alertmanagerSettings } from './alertmanager.ts';
import { defaultRunbook } from './conventions.ts';
import { defaultAlerts } from './default-alerts.ts';
import type {
  AlertOverride,
  DashboardDelivery,
  ExtraAlert,
  Metric,
  Model,
  Red,
  Saturation,
  Scrape,
  Service,
  SignalSelector,
  SloEntry,
  Team,
} from './model.ts';
import { buildReceiver } from './receivers.ts';
import { teamRouting } from './routing.ts';
import type { UserRuleGroup } from './rules.ts';
import { resolveSelector } from './selector.ts';
import { type NormalizedSlo, normalizeSlo } from './slo.ts';

export interface BuildResult {
  readonly model: Model | null;
  readonly problems: readonly Problem[];
}

function byName<T extends { readonly name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function sortedEntries<V>(record: Readonly<Record<string, V>>): [string, V][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedRecord(
  record: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  // Most services set no labels: no entries to sort.
  if (record === undefined) return {};
  return Object.fromEntries(sortedEntries(record));
}

/** A duration the schema has already validated. */
function ms(text: string): number {
  return durationMs(text) ?? 0;
}

export function buildModel(spec: CatalogSpec, source: SourceFile): BuildResult {
  const problems: Problem[] = [];
  const services = byName(
    sortedEntries(spec.services).map(([name, s]) => buildService(name, s, spec, source, problems)),
  );
  const teams: Team[] = byName(sortedEntries(spec.teams).map(([name, t]) => buildTeam(name, t, services)));
  const model: Model = {
    catalogFile: source.file,
    settings: {
      target: targetProfile(spec.settings.target),
      ruleSelectorLabels: sortedRecord(spec.settings.ruleSelectorLabels),
      monitorSelectorLabels: sortedRecord(spec.settings.monitorSelectorLabels),
      runbookBaseUrl: spec.settings.runbookBaseUrl ?? null,
      grafanaUrl: spec.settings.grafanaUrl ?? null,
      evaluationIntervalMs: spec.settings.evaluationInterval ? ms(spec.settings.evaluationInterval) : 0,
      aggregationLabels: [...spec.settings.aggregationLabels].sort(),
      dashboards: dashboardDelivery(spec.settings.dashboards),
      staticAlertmanagers: [...spec.settings.staticAlertmanagers].sort(),
    },
    teams,
    services,
    userDashboards: [],
    alertmanager: alertmanagerSettings(spec.alertmanager),
    locate: (path, valueOffset) =>
      valueOffset === undefined ? positionOfPath(source, path) : positionInValue(source, path, valueOffset),
  };
  const complete = withSlos(model, (service) =>
    catalogSloEntries(spec, service.name)
      .map((entry) => normalizeSlo(model, service, entry).slo)
      // An entry that does not normalize is left out: the SLO checks (src/model/checks/slo.ts) say why.
      .filter((slo): slo is NormalizedSlo => slo !== null),
  );
  return { model: problems.length > 0 ? null : complete, problems };
}

/** Routing reads the team with its implied default receiver written out (withDefaultReceiver). */
function buildTeam(name: string, spec: TeamSpec, services: readonly Service[]): Team {
  const own = services.filter((s) => s.team === name);
  const namespaces = own.length > 0 ? own.map((s) => s.namespace) : spec.namespace ? [spec.namespace] : [];
  return {
    name,
    services: own.map((s) => s.name),
    receivers: sortedEntries(spec.receivers).map(([key, r]) => buildReceiver(name, key, r)),
    routing: teamRouting(name, withDefaultReceiver(spec)),
    namespaces: [...new Set(namespaces)].sort(),
  };
}

/** A service's catalog SLOs as written, sorted by name. */
function catalogSloEntries(spec: CatalogSpec, service: string): SloEntry[] {
  return sortedEntries(spec.services[service]?.slos ?? {}).map(([name, slo]) => ({
    name,
    spec: slo,
    origin: { kind: 'catalog' },
  }));
}

/** The model with more normalized SLOs appended to each service's. */
export function withSlos(model: Model, more: (service: Service) => readonly NormalizedSlo[]): Model {
  return {
    ...model,
    services: model.services.map((service) => ({ ...service, slos: [...service.slos, ...more(service)] })),
  };
}

/** The model with each service's alerts/*.ts groups after those it already has. */
export function withUserRuleGroups(
  model: Model,
  more: (service: Service) => readonly UserRuleGroup[],
): Model {
  return {
    ...model,
    services: model.services.map((service) => ({
      ...service,
      userRuleGroups: [...service.userRuleGroups, ...more(service)],
    })),
  };
}

function dashboardDelivery(spec: CatalogSpec['settings']['dashboards']): DashboardDelivery {
  const operator = spec.grafanaOperator;
  return {
    configMaps: spec.configMaps,
    grafanaOperator: operator
      ? {
          instanceSelector: sortedRecord(operator.instanceSelector),
          allowCrossNamespaceImport: operator.allowCrossNamespaceImport,
          resyncPeriod: operator.resyncPeriod ?? null,
        }
      : null,
  };
}

function buildService(
  name: string,
  s: ServiceSpec,
  spec: CatalogSpec,
  source: SourceFile,
  problems: Problem[],
): Service {
  const metrics: Metric[] = sortedEntries(s.metrics).map(([key, m]) => ({
    key,
    name: m.name,
    type: m.type,
    help: m.help ?? '',
    unit: m.unit ?? null,
    labels: [...m.labels].sort(),
    buckets: m.buckets ?? [],
  }));
  const team = spec.teams[s.team];
  const runbook =
    s.runbook ?? defaultRunbook(team?.runbookBaseUrl ?? spec.settings.runbookBaseUrl ?? null, name);
  return {
    name,
    team: s.team,
    namespace: s.namespace,
    description: s.description ?? '',
    runbook,
    labels: sortedRecord(s.labels),
    scrape: buildScrape(name, s),
    metrics,
    red: s.red ? buildRed(s.red, metrics, source, ['services', name, 'red'], problems) : null,
    saturation: buildSaturation(s, metrics),
    defaultAlerts: defaultAlerts(s),
    alertOverrides: new Map(
      sortedEntries(s.alerts.overrides).map(([alert, o]): [string, AlertOverride] => [
        alert,
        {
          disabled: o.disabled ?? false,
          forMs: o.for === undefined ? null : ms(o.for),
          keepFiringForMs: o.keepFiringFor === undefined ? null : ms(o.keepFiringFor),
          severity: o.severity ?? null,
          threshold: o.threshold ?? null,
          labels: sortedRecord(o.labels),
          runbook: o.runbook ?? null,
        },
      ]),
    ),
    extraAlerts: s.alerts.extra.map(
      (a, index): ExtraAlert => ({
        alert: a.alert,
        expr: a.expr,
        forMs: a.for === undefined ? null : ms(a.for),
        keepFiringForMs: a.keepFiringFor === undefined ? null : ms(a.keepFiringFor),
        severity: a.severity,
        summary: a.summary,
        description: a.description,
        runbook: a.runbook ?? null,
        labels: sortedRecord(a.labels),
        exprAt: positionOfPath(source, ['services', name, 'alerts', 'extra', index, 'expr']),
      }),
    ),
    // Normalized by withSlos once the model's settings exist.
    slos: [],
    userRuleGroups: [],
    ruler: {
      sourceTenants: s.ruler?.sourceTenants ? [...new Set(s.ruler.sourceTenants)].sort() : [],
      partialResponseStrategy:
        s.ruler?.partialResponseStrategy ?? spec.settings.partialResponseStrategy ?? null,
    },
  };
}

function buildScrape(name: string, s: ServiceSpec): Scrape {
  const intervalMs = ms(s.scrape.interval);
  return {
    kind: s.scrape.kind,
    port: s.scrape.port,
    path: s.scrape.path,
    scheme: s.scrape.scheme,
    intervalMs,
    // Prometheus's default timeout is the interval itself; leave headroom so slow scrapes show as failures.
    timeoutMs: s.scrape.timeout === undefined ? Math.floor(intervalMs * 0.8) : ms(s.scrape.timeout),
    selector: sortedRecord(s.scrape.selector),
    job: s.scrape.job ?? name,
    sampleLimit: s.scrape.sampleLimit ?? null,
    targetLimit: s.scrape.targetLimit ?? null,
    address: s.scrape.address ?? null,
  };
}

function buildRed(
  red: NonNullable<ServiceSpec['red']>,
  metrics: readonly Metric[],
  source: SourceFile,
  path: readonly (string | number)[],
  problems: Problem[],
): Red | null {
  const at: RedField = { metrics, source, path, problems };
  const requests = redSelector(at, 'requests', red.requests, counter);
  const errors = red.errors === undefined ? null : redSelector(at, 'errors', red.errors, counter);
  const latency = red.latency === undefined ? null : redSelector(at, 'latency', red.latency, histogram);
  if (!requests) return null;
  return {
    requests,
    errors,
    latency,
    errorRatioThreshold: red.errorRatioThreshold,
    latencyThresholdSeconds: red.latencyThreshold ?? null,
    minRequestRate: red.minRequestRate,
  };
}

/** Where a RED field is resolved, and where its problem goes. */
interface RedField {
  readonly metrics: readonly Metric[];
  readonly source: SourceFile;
  readonly path: readonly (string | number)[];
  readonly problems: Problem[];
}

const counter: readonly Metric['type'][] = ['counter'];
const histogram: readonly Metric['type'][] = ['histogram'];

/** A RED field's selector, or null after reporting why it does not resolve. */
function redSelector(
  at: RedField,
  field: string,
  text: string,
  types: readonly Metric['type'][],
): SignalSelector | null {
  const result = resolveSelector(text, at.metrics, types);
  if (result.ok) return result.selector;
  at.problems.push(
    result.offset === null
      ? catalogProblem(at.source, [...at.path, field], result.message)
      : catalogProblemInValue(at.source, [...at.path, field], result.offset, result.message),
  );
  return null;
}

function buildSaturation(s: ServiceSpec, metrics: readonly Metric[]): Saturation[] {
  return sortedEntries(s.saturation).flatMap(([name, entry]) => {
    const used = metrics.find((m) => m.key === entry.used);
    if (!used) return [];
    const capacity =
      entry.capacity === undefined ? null : (metrics.find((m) => m.key === entry.capacity) ?? null);
    return [
      {
        name,
        used,
        capacity,
        threshold: entry.threshold,
        forMs: ms(entry.for),
        description: entry.description ?? null,
      },
    ];
  });
}
