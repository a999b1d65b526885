// A dashboard as obsgen describes it before rendering: small, plain data that generated and
// user-written dashboards share, that validation reads (with the source position of user calls),
// and that render.ts turns into Grafana's classic dashboard JSON through the foundation SDK.
import type { PanelKind, Threshold } from '../../model/dashboard-authoring.ts';
import type { SourcePosition } from '../../problem.ts';

export type { PanelKind, Threshold } from '../../model/dashboard-authoring.ts';

export interface QuerySpec {
  /** PromQL, possibly with Grafana variables such as `$__rate_interval`. */
  readonly expr: string;
  /** Legend template, e.g. `{{code}}` or `p99`. */
  readonly legend: string;
  /** Instant queries feed stat and table panels. */
  readonly instant?: boolean;
  readonly format?: 'time_series' | 'table';
}

export interface PanelLink {
  readonly title: string;
  readonly url: string;
}

export interface PanelSpec {
  readonly kind: PanelKind;
  readonly title: string;
  readonly description: string;
  /** Grafana unit id: `reqps`, `percentunit`, `s`, `short`... */
  readonly unit: string;
  readonly queries: readonly QuerySpec[];
  /** Columns out of Grafana's 24. */
  readonly width: number;
  readonly height: number;
  /** Drawn as lines (time series) or colours (stat, table), above the base colour. */
  readonly thresholds?: readonly Threshold[];
  /** Colour below the first threshold; green unless low values are the bad ones (budgets). */
  readonly baseColor?: Threshold['color'];
  readonly min?: number;
  readonly max?: number;
  readonly links?: readonly PanelLink[];
  /** Table panels: a column whose cells link somewhere (`${__data.fields.service}` substitutes). */
  readonly columnLinks?: readonly { readonly field: string; readonly link: PanelLink }[];
  /** Where a user dashboard declared this panel, for problems. */
  readonly at?: SourcePosition;
}

export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Owner team: tag and Grafana folder. */
  readonly team: string;
  /** Services shown, each also a tag. */
  readonly services: readonly string[];
  readonly rows: readonly RowSpec[];
  readonly links: readonly PanelLink[];
  /** Where a user dashboard was defined. */
  readonly at?: SourcePosition;
}
