// Runs every panel's targets against a preview source as Grafana would: dashboard variables and the
// time built-ins resolved per panel (the step depends on the panel's width), range queries aligned to
// the step, `instant` targets evaluated at the range's end; series named by legendFormat.
import type { PreviewDashboard, PreviewPanel } from '../artifacts/dashboards/preview.ts';
import { alignRange, builtinVariables, queryStepMs, type TimeRange } from './interval.ts';
import { panelPixels } from './layout.ts';
import type { PreviewSource, SeriesData } from './source.ts';
import { type DashboardVariable, interpolate, type ResolvedVariable, resolveVariables } from './variables.ts';

export interface NamedSeries extends SeriesData {
  /** The legend entry: legendFormat applied to the labels. */
  readonly name: string;
}

export interface TargetData {
  readonly refId: string;
  /** The query as sent, variables replaced. */
  readonly expr: string;
  readonly instant: boolean;
  readonly series: readonly NamedSeries[];
  readonly error: string | null;
}

export interface PanelData {
  readonly stepMs: number;
  readonly range: TimeRange;
  readonly targets: readonly TargetData[];
}

export interface DashboardData {
  readonly uid: string;
  /** Variable values the queries were run with. */
  readonly variables: Readonly<Record<string, readonly string[]>>;
  readonly panels: Readonly<Record<string, PanelData>>;
}

export interface PreviewData {
  readonly source: string;
  readonly range: TimeRange;
  readonly relativeTime: boolean;
  readonly dashboards: readonly DashboardData[];
}

/** Grafana's legend: `{{label}}` replaced by the label's value, else the series as `name{a="b"}`. */
export function legendName(
  format: string | undefined,
  labels: Readonly<Record<string, string>>,
  expr: string,
): string {
  if (format && format !== '__auto')
    return format.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  const { __name__: metric = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}="${rest[k]}"`);
  if (metric === '' && pairs.length === 0) return expr;
  return pairs.length === 0 ? metric : `${metric}{${pairs.join(', ')}}`;
}

/** Panels in page order, with the panels inside collapsed rows. */
export function flattenPanels(panels: readonly PreviewPanel[]): PreviewPanel[] {
  return panels.flatMap((p) => [p, ...flattenPanels(p.panels ?? [])]);
}

export function panelKey(panel: PreviewPanel, index: number): string {
  return String(panel.id ?? `#${index}`);
}

async function runTarget(
  source: PreviewSource,
  target: NonNullable<PreviewPanel['targets']>[number],
  range: TimeRange,
  stepMs: number,
  variables: ReadonlyMap<string, ResolvedVariable>,
): Promise<TargetData> {
  const builtins = builtinVariables(range, stepMs, source.scrapeIntervalMs);
  const expr = interpolate(target.expr ?? '', variables, builtins);
  const instant = target.instant === true && target.range !== true;
  const refId = target.refId ?? '';
  const result = instant
    ? await source.queryInstant(expr, range.toMs)
    : await source.queryRange(expr, alignRange(range, stepMs), stepMs);
  if (!result.ok) return { refId, expr, instant, series: [], error: result.error };
  const series = result.series.map((s) => ({ ...s, name: legendName(target.legendFormat, s.labels, expr) }));
  return { refId, expr, instant, series, error: null };
}

async function panelData(
  source: PreviewSource,
  panel: PreviewPanel,
  range: TimeRange,
  variables: ReadonlyMap<string, ResolvedVariable>,
): Promise<PanelData> {
  const targets = (panel.targets ?? []).filter((t) => t.hide !== true && (t.expr ?? '') !== '');
  const minInterval = panel.interval ? parseGrafanaInterval(panel.interval) : null;
  const stepMs = queryStepMs({
    range,
    maxDataPoints: panel.maxDataPoints ?? panelPixels(panel).width,
    minIntervalMs: minInterval,
    scrapeIntervalMs: source.scrapeIntervalMs,
  });
  const data: TargetData[] = [];
  for (const t of targets) data.push(await runTarget(source, t, range, stepMs, variables));
  return { stepMs, range, targets: data };
}

/** `15s`, `1m`, `>10s` (Grafana's min interval may carry a `>`). */
function parseGrafanaInterval(text: string): number | null {
  const m = /^[<>]?\s*(\d+)(ms|s|m|h|d|w|y)$/.exec(text.trim());
  if (!m) return null;
  const sizes: Record<string, number> = {
    ms: 1,
    s: 1e3,
    m: 6e4,
    h: 3.6e6,
    d: 8.64e7,
    w: 6.048e8,
    y: 3.1536e10,
  };
  return Number(m[1]) * (sizes[m[2] ?? 's'] ?? 1e3);
}

export async function dashboardData(
  source: PreviewSource,
  dashboard: PreviewDashboard,
  range: TimeRange,
): Promise<DashboardData> {
  const list = (dashboard.templating?.list ?? []) as readonly DashboardVariable[];
  const variables = await resolveVariables(
    list,
    (label, match) => source.labelValues(label, match, range),
    'prometheus',
  );
  const panels: Record<string, PanelData> = {};
  const flat = flattenPanels(dashboard.panels ?? []);
  for (const [i, panel] of flat.entries()) {
    if (panel.type === 'row' || (panel.targets ?? []).length === 0) continue;
    panels[panelKey(panel, i)] = await panelData(source, panel, range, variables);
  }
  return {
    uid: dashboard.uid ?? '',
    variables: Object.fromEntries([...variables].map(([k, v]) => [k, v.values])),
    panels,
  };
}

export async function previewData(
  source: PreviewSource,
  dashboards: readonly PreviewDashboard[],
  range: TimeRange,
): Promise<PreviewData> {
  const out: DashboardData[] = [];
  for (const d of dashboards) out.push(await dashboardData(source, d, range));
  return { source: source.description, range, relativeTime: source.relativeTime, dashboards: out };
}

/** True when no target of the panel returned a series (and none failed): Grafana's "No data". */
export function isEmpty(data: PanelData): boolean {
  return data.targets.every((t) => t.error === null && t.series.length === 0);
}
