// The normalized, read-only model every generator reads. Built once from the validated catalog:
// names resolved, defaults applied, entries sorted by name so output never depends on input order.

import type { Matcher, MatcherFields } from '../alertmanager/matchers.ts';
import type { RouteSettings } from '../alertmanager/route.ts';
import type { SloSpec } from '../catalog/schema/slo.ts';
import type { SourcePosition } from '../problem.ts';
import type { LabelMatcher } from '../promql/ast.ts';
import type { TargetProfile } from '../target.ts';
import type { UserDashboard } from './dashboard-authoring.ts';
import type { UserRuleGroup } from './rules.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';
export type Severity = 'critical' | 'warning' | 'info';

export interface Metric {
  /** Key in the catalog (`requests`). */
  readonly key: string;
  /** Exposed name (`cloudviz_requests_total`). */
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string | null;
  readonly labels: readonly string[];
  readonly buckets: readonly number[];
}

/** A declared metric narrowed by matchers, e.g. the 5xx part of a request counter. */
export interface SignalSelector {
  readonly metric: Metric;
  readonly matchers: readonly LabelMatcher[];
}

export interface Red {
  readonly requests: SignalSelector;
  readonly errors: SignalSelector | null;
  /** The request-duration histogram, narrowed like the request selectors (e.g. `{route!="/health"}`). */
  readonly latency: SignalSelector | null;
  readonly errorRatioThreshold: number;
  readonly latencyThresholdSeconds: number | null;
  readonly minRequestRate: number;
}

export interface Saturation {
  readonly name: string;
  readonly used: Metric;
  readonly capacity: Metric | null;
  readonly threshold: number;
  readonly forMs: number;
  readonly description: string | null;
}

export interface Scrape {
  readonly kind: 'service' | 'pod';
  readonly port: string;
  readonly path: string;
  readonly scheme: 'http' | 'https';
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly selector: Readonly<Record<string, string>>;
  readonly job: string;
  readonly sampleLimit: number | null;
  readonly targetLimit: number | null;
  readonly address: string | null;
}

export interface AlertOverride {
  readonly disabled: boolean;
  readonly forMs: number | null;
  readonly keepFiringForMs: number | null;
  readonly severity: Severity | null;
  readonly threshold: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly runbook: string | null;
}

export interface ExtraAlert {
  readonly alert: string;
  readonly expr: string;
  readonly forMs: number | null;
  readonly keepFiringForMs: number | null;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string;
  readonly runbook: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** Where the expression text starts in the catalog, to map PromQL errors back. */
  readonly exprAt: SourcePosition;
}

/** An SLO as written: in the catalog, or built by a slos/*.ts module. Resolve normalizes it once. */
export interface SloEntry {
  readonly name: string;
  readonly spec: SloSpec;
  readonly origin: SloOrigin;
}

/**
 * Where an SLO is written: a catalog.yaml entry, found by its path when a problem asks (finding a
 * position may cost a positional parse of the whole catalog), or a call in slos/*.ts.
 */
export type SloOrigin =
  | { readonly kind: 'catalog' }
  | { readonly kind: 'module'; readonly at: SourcePosition };

export type SloSeverity = 'critical' | 'warning' | 'info';

/** Fire when the burn rate exceeds `factor` over both windows. */
export interface BurnWindow {
  readonly longMs: number;
  readonly shortMs: number;
  readonly factor: number;
}

export interface BurnTier {
  /** `page`, `ticket` or a custom tier name. */
  readonly name: string;
  readonly severity: SloSeverity;
  readonly forMs: number;
  readonly windows: readonly BurnWindow[];
}

export type Sli =
  | {
      readonly kind: 'ratio';
      readonly errors: SignalSelector | null;
      readonly good: SignalSelector | null;
      readonly total: SignalSelector;
    }
  | {
      readonly kind: 'latency';
      readonly histogram: SignalSelector;
      readonly thresholdSeconds: number;
      /** The bound as the target stores it (its newest spelling), e.g. `0.5`, `1` or `1.0`. */
      readonly le: string;
      /** Selects the bucket under the target: `le="1.0"`, or both spellings for mixed scrapers. */
      readonly leMatcher: LabelMatcher;
    };

export interface NormalizedSlo {
  readonly service: string;
  readonly team: string;
  readonly name: string;
  readonly origin: SloOrigin;
  readonly description: string;
  /** 0-1, e.g. 0.999. */
  readonly objective: number;
  /** The percentage as written, e.g. 99.9 (for labels and OpenSLO export). */
  readonly objectivePercent: number;
  /** 1 - objective, rounded to 12 significant digits so 99.9 gives 0.001, not 0.0009999999999999432. */
  readonly budget: number;
  readonly periodMs: number;
  /** More periods the budget is counted over (reportWindows), ascending; never periodMs. */
  readonly reportPeriodsMs: readonly number[];
  readonly sli: Sli;
  /** Labels each SLO instance is split by (besides service and the catalog-wide aggregation labels). */
  readonly groupBy: readonly string[];
  /** Labels every aggregation keeps: catalog-wide ones such as cluster, service, then groupBy. */
  readonly keep: readonly string[];
  readonly alerting: boolean;
  readonly tiers: readonly BurnTier[];
  /** events/s over the long window below which burn alerts stay quiet; 0 disables the guard. */
  readonly minRate: number;
  /** Absent SLI metrics for this long fire the no-data alert; null disables it. */
  readonly noDataMs: number | null;
  /** null when neither the SLO nor its service has a runbook. */
  readonly runbookUrl: string | null;
  readonly dashboardUrl: string | null;
  /** Static labels of the service, added to every rule. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An alert obsgen generates for a service (which ones: default-alerts.ts). */
export type DefaultAlert =
  | { readonly kind: 'targetDown' | 'serviceDown' | 'highErrorRatio' | 'highLatency'; readonly name: string }
  /** One per saturation entry, named after its key. */
  | { readonly kind: 'saturated'; readonly name: string; readonly saturation: string };

export interface Service {
  readonly name: string;
  readonly team: string;
  readonly namespace: string;
  readonly description: string;
  /** The service's runbook page; null when the catalog names none (its alerts then carry no runbook_url). */
  readonly runbook: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly scrape: Scrape;
  /** Sorted by key. */
  readonly metrics: readonly Metric[];
  readonly red: Red | null;
  readonly saturation: readonly Saturation[];
  /** The alerts generated for it, in rule order: what `alertOverrides` may name. */
  readonly defaultAlerts: readonly DefaultAlert[];
  readonly alertOverrides: ReadonlyMap<string, AlertOverride>;
  readonly extraAlerts: readonly ExtraAlert[];
  /** Normalized: the catalog's, sorted by name, then those of slos/*.ts in load order. */
  readonly slos: readonly NormalizedSlo[];
  /** The rule groups alerts/*.ts defines for the service, in load order (added by resolveProject). */
  readonly userRuleGroups: readonly UserRuleGroup[];
  readonly ruler: ServiceRuler;
}

/** How a distributed ruler runs the service's groups (see src/target.ts). */
export interface ServiceRuler {
  /** Mimir: the tenants the service's rules read; empty for a group of its own tenant only. */
  readonly sourceTenants: readonly string[];
  /** Thanos: the group's partial_response_strategy, or null to leave Thanos's default. */
  readonly partialResponseStrategy: 'warn' | 'abort' | null;
}

export interface Team {
  readonly name: string;
  /** Services this team owns, sorted. */
  readonly services: readonly string[];
  /** Sorted by key. */
  readonly receivers: readonly Receiver[];
  readonly routing: TeamRouting;
  /** Namespaces of the team's AlertmanagerConfigs: those of its services, or its own; sorted. */
  readonly namespaces: readonly string[];
}

/** A secret by reference, never its value. */
export interface SecretRef {
  /** The Kubernetes Secret and key, or null when the catalog names only a file. */
  readonly secret: { readonly name: string; readonly key: string } | null;
  /** Where Alertmanager reads it: the catalog's file, or where the operator mounts the Secret. */
  readonly file: string;
}

/** A team's receiver: where its notifications go, one or more integrations. */
export interface Receiver {
  /** Alertmanager receiver name, `<team>-<key>`. */
  readonly name: string;
  readonly team: string;
  readonly key: string;
  readonly slack: {
    readonly channel: string;
    readonly apiURL: SecretRef;
    readonly sendResolved: boolean;
  } | null;
  readonly pagerduty: { readonly routingKey: SecretRef; readonly sendResolved: boolean } | null;
  readonly email: { readonly to: string; readonly sendResolved: boolean } | null;
  readonly webhook: WebhookReceiver | null;
  readonly opsgenie: OpsgenieReceiver | null;
  /** Through a bridge that holds the Teams URL in its own Secret (Alertmanager 0.25 has no Teams). */
  readonly msteams: {
    readonly bridgeURL: string;
    readonly authorization: SecretRef | null;
    readonly sendResolved: boolean;
  } | null;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Bearer token for the Authorization header. */
  readonly authorization: SecretRef | null;
  readonly maxAlerts: number | null;
  readonly sendResolved: boolean;
}

export interface OpsgenieReceiver {
  readonly apiKey: SecretRef;
  readonly responders: readonly { readonly type: string; readonly name: string }[];
  readonly priority: string | null;
  readonly sendResolved: boolean;
}

/** How a team's alerts reach its receivers; receiver references resolved to `<team>-<key>` names. */
export interface TeamRouting {
  /** The receiver of the team's alerts no other route takes; null when the catalog names none. */
  readonly default: string | null;
  /** Receivers of each severity the catalog lists, in order; all of them are notified. */
  readonly bySeverity: Readonly<Partial<Record<Severity, readonly string[]>>>;
  /** Tried in order before the severity routes. */
  readonly overrides: readonly RouteOverride[];
  /** The team route's own grouping, timings and time intervals. */
  readonly settings: RouteSettings;
}

/** An extra route of a team, e.g. one alert to another team's pager. */
export interface RouteOverride {
  readonly matchers: readonly Matcher[];
  readonly receivers: readonly string[];
  /** Also go on to the severity routes. */
  readonly continue: boolean;
  readonly settings: RouteSettings;
}

/** Catalog-wide Alertmanager settings. */
export interface AlertmanagerSettings {
  readonly groupBy: readonly string[];
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  /** Receiver of alerts no team claims; null drops them. */
  readonly defaultReceiver: string | null;
  /** The always-firing alert a dead man's switch expects; null for none. */
  readonly watchdog: Watchdog | null;
  readonly smtp: Smtp | null;
  /** Sorted by name. */
  readonly timeIntervals: readonly TimeInterval[];
  /** Labels the Alertmanager object selects AlertmanagerConfigs by. */
  readonly configSelectorLabels: Readonly<Record<string, string>>;
  /** Empty when the catalog turns inhibitions off. */
  readonly inhibitions: readonly Inhibition[];
}

export interface Watchdog {
  readonly receiver: string;
  readonly alertname: string;
  readonly repeatIntervalMs: number;
  /** Namespace of the PrometheusRule holding the alert. */
  readonly namespace: string;
}

export interface Smtp {
  readonly smarthost: string;
  readonly from: string;
  readonly authUsername: string | null;
  readonly authPassword: SecretRef | null;
  readonly requireTLS: boolean;
}

/** A named time interval: its entries, each of which holds when all its given fields do. */
export interface TimeInterval {
  readonly name: string;
  readonly entries: readonly TimeIntervalEntry[];
}

/** A field left out matches every time, as in Alertmanager. */
export interface TimeIntervalEntry {
  readonly times?: readonly { readonly start: string; readonly end: string }[] | undefined;
  readonly weekdays?: readonly string[] | undefined;
  /** `1:7`, `-1` */
  readonly daysOfMonth?: readonly string[] | undefined;
  readonly months?: readonly string[] | undefined;
  readonly years?: readonly string[] | undefined;
  readonly location?: string | undefined;
}

/** Alerts matching `target` are muted while one matching `source` with the same `equal` labels fires. */
export interface Inhibition {
  readonly source: readonly MatcherFields[];
  readonly target: readonly MatcherFields[];
  readonly equal: readonly string[];
}

/** grafana-operator delivery: which Grafana objects import the dashboards. */
export interface GrafanaOperatorDelivery {
  readonly instanceSelector: Readonly<Record<string, string>>;
  readonly allowCrossNamespaceImport: boolean;
  readonly resyncPeriod: string | null;
}

export interface DashboardDelivery {
  /** A ConfigMap per dashboard for the Grafana sidecar. */
  readonly configMaps: boolean;
  /** A GrafanaDashboard per dashboard, or null. */
  readonly grafanaOperator: GrafanaOperatorDelivery | null;
}

export interface Settings {
  /** What runs the rules, and what that changes in the output. */
  readonly target: TargetProfile;
  readonly ruleSelectorLabels: Readonly<Record<string, string>>;
  readonly monitorSelectorLabels: Readonly<Record<string, string>>;
  readonly runbookBaseUrl: string | null;
  readonly grafanaUrl: string | null;
  /** Interval of generated rule groups that set none; 0 leaves it to Prometheus's global one. */
  readonly evaluationIntervalMs: number;
  readonly aggregationLabels: readonly string[];
  readonly dashboards: DashboardDelivery;
  /** host:port of Alertmanagers for the plain Prometheus config. */
  readonly staticAlertmanagers: readonly string[];
}

/** Maps a catalog value path (`services.cloudviz.slos.availability`) to its source position. */
/** Where the catalog value at `path` is written; with `valueOffset`, that character of a string value. */
export type Locate = (path: readonly (string | number)[], valueOffset?: number) => SourcePosition;

export interface Model {
  readonly catalogFile: string;
  readonly settings: Settings;
  readonly teams: readonly Team[];
  readonly services: readonly Service[];
  /** The dashboards of dashboards/*.ts, as their helpers built them (added by resolveProject). */
  readonly userDashboards: readonly UserDashboard[];
  /** Catalog-wide Alertmanager settings, converted like the teams' routing. */
  readonly alertmanager: AlertmanagerSettings;
  readonly locate: Locate;
}

export function findMetric(service: Service, keyOrName: string): Metric | undefined {
  return service.metrics.find((m) => m.key === keyOrName || m.name === keyOrName);
}
