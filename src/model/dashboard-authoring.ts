// Typed helpers for dashboards/*.ts. `defineDashboard<Catalog>` takes the catalog's type, which gen
// writes to generated/grafana/catalog.ts, so a service or metric the catalog lacks is a TypeScript
// error; the same mistake in plain JS (or a stale type) is a gen error at the offending call's line.
import { userCallSite } from '../callsite.ts';
import type { SourcePosition } from '../problem.ts';

export type PanelKind = 'timeseries' | 'stat' | 'table';

export interface Threshold {
  readonly value: number;
  readonly color: 'green' | 'yellow' | 'orange' | 'red';
}

/** The shape of generated/grafana/catalog.ts: each service's declared metric names. */
export interface CatalogShape {
  readonly services: Readonly<Record<string, { readonly metrics: string }>>;
}

export type ServiceName<C extends CatalogShape> = keyof C['services'] & string;
export type MetricName<C extends CatalogShape, S extends ServiceName<C>> = C['services'][S]['metrics'];

export interface MetricPanelOptions {
  /** Labels to split by, e.g. ['endpoint']. */
  readonly by?: readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly width?: number;
}

export interface QueryPanelOptions {
  readonly title: string;
  readonly description: string;
  /** Grafana unit id, e.g. `reqps`, `percentunit`, `s`. */
  readonly unit: string;
  /** PromQL; may use $__rate_interval and the dashboard's variables. */
  readonly expr: string | readonly string[];
  readonly legend?: string;
  readonly kind?: PanelKind;
  readonly width?: number;
  readonly height?: number;
  readonly thresholds?: readonly Threshold[];
}

/** What a helper call asks for; resolved against the catalog when gen loads the file. */
export type PanelDraft =
  | { readonly kind: 'red'; readonly service: string; readonly at: SourcePosition | null }
  | {
      readonly kind: 'metric';
      readonly service: string;
      readonly metric: string;
      readonly options: MetricPanelOptions;
      readonly at: SourcePosition | null;
    }
  | { readonly kind: 'query'; readonly options: QueryPanelOptions; readonly at: SourcePosition | null };

export interface RowDraft {
  readonly title: string;
  readonly panels: readonly PanelDraft[];
  readonly at: SourcePosition | null;
}

export interface Author<C extends CatalogShape> {
  /** Traffic, error ratio and latency of a service, in one row. */
  redRow<S extends ServiceName<C>>(service: S, title?: string): RowDraft;
  /** A panel for a declared metric, shaped by its type (counter rate, gauge, histogram quantiles). */
  metric<S extends ServiceName<C>>(
    service: S,
    metric: MetricName<C, S>,
    options?: MetricPanelOptions,
  ): PanelDraft;
  /** A panel with hand-written PromQL, checked against the catalog at gen time. */
  query(options: QueryPanelOptions): PanelDraft;
  row(title: string, panels: readonly PanelDraft[]): RowDraft;
}

export interface DashboardOptions {
  /** 1-40 characters: letters, digits, `-`, `_`; unique across generated/. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Owner team (a catalog team): tag and Grafana folder. */
  readonly team: string;
}

export interface DashboardDefinition {
  readonly kind: 'obsgen/dashboard';
  readonly options: DashboardOptions;
  /** Runs the user's callback with the helpers. */
  readonly build: () => readonly RowDraft[];
  readonly at: SourcePosition | null;
}

/** One dashboard of dashboards/*.ts as its helpers built it (the model holds these); positions relative to the project. */
export interface UserDashboard {
  readonly options: DashboardOptions;
  readonly rows: readonly RowDraft[];
  /** The defineDashboard call. */
  readonly at: SourcePosition;
}

function author<C extends CatalogShape>(): Author<C> {
  return {
    redRow: (service, title = `${service} requests (RED)`) => ({
      title,
      panels: [{ kind: 'red', service, at: userCallSite() }],
      at: userCallSite(),
    }),
    metric: (service, metric, options = {}) => ({
      kind: 'metric',
      service,
      metric: String(metric),
      options,
      at: userCallSite(),
    }),
    query: (options) => ({ kind: 'query', options, at: userCallSite() }),
    row: (title, panels) => ({ title, panels, at: userCallSite() }),
  };
}

/** Declares a dashboard; use as the default export of dashboards/<name>.ts (or export a list). */
export function defineDashboard<C extends CatalogShape = CatalogShape>(
  options: DashboardOptions,
  build: (author: Author<C>) => readonly RowDraft[],
): DashboardDefinition {
  const at = userCallSite();
  return { kind: 'obsgen/dashboard', options, build: () => build(author<C>()), at };
}

export function isDashboardDefinition(value: unknown): value is DashboardDefinition {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'obsgen/dashboard'
  );
}
