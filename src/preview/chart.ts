// Draws panels from their data: time series with Apache ECharts' server-side SVG renderer (static
// markup, no DOM and no script in the page, the same bytes for the same data), stat panels as their
// value in the colour of its threshold step, tables as rows of labels and values.
import * as echarts from 'echarts';
import type { PreviewPanel } from '../artifacts/dashboards/preview.ts';
import { panelPixels } from './layout.ts';
import type { NamedSeries, PanelData } from './panel-data.ts';
import { colorOf, formatValue, stepColor, type ThresholdStep } from './units.ts';

/** Grafana's classic palette, in its order. */
const palette = [
  '#7EB26D',
  '#EAB839',
  '#6ED0E0',
  '#EF843C',
  '#E24D42',
  '#1F78C1',
  '#BA43A6',
  '#705DA0',
  '#508642',
  '#CCA300',
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const tickSteps = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
  43_200_000, 86_400_000,
];

/** A round tick spacing giving about `count` labels over the span. */
function tickInterval(spanMs: number, count: number): number {
  return tickSteps.find((s) => spanMs / s <= count) ?? 86_400_000 * Math.ceil(spanMs / count / 86_400_000);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Scenario times read as offsets (`1h12m`); live times as UTC clock times. */
export function timeLabel(ms: number, relative: boolean): string {
  if (relative) {
    const m = Math.round(ms / 60_000);
    if (m === 0) return '0';
    const h = Math.floor(m / 60);
    return h > 0 ? `${h}h${m % 60 === 0 ? '' : `${m % 60}m`}` : `${m}m`;
  }
  const d = new Date(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

interface Defaults {
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds?: { readonly steps?: readonly ThresholdStep[] };
  readonly custom?: { readonly thresholdsStyle?: { readonly mode?: string } };
}

function defaultsOf(panel: PreviewPanel): Defaults {
  return (panel.fieldConfig?.defaults ?? {}) as Defaults;
}

function allSeries(data: PanelData): NamedSeries[] {
  return data.targets.flatMap((t) => t.series);
}

/** The dashed (or solid) threshold lines the panel declares, as an ECharts markLine. */
function thresholdLines(d: Defaults): Record<string, unknown> | undefined {
  const mode = d.custom?.thresholdsStyle?.mode ?? 'off';
  if (mode === 'off' || mode === 'area') return undefined;
  const steps = (d.thresholds?.steps ?? []).filter(
    (s): s is { value: number; color: string } => s.value !== null,
  );
  if (steps.length === 0) return undefined;
  return {
    silent: true,
    symbol: 'none',
    label: { show: false },
    data: steps.map((s) => ({
      yAxis: s.value,
      lineStyle: { color: colorOf(s.color), type: mode.startsWith('dashed') ? 'dashed' : 'solid', width: 1 },
    })),
  };
}

/** The SVG of a time series panel. */
export function timeSeriesSvg(panel: PreviewPanel, data: PanelData, relativeTime: boolean): string {
  const { width, height } = panelPixels(panel);
  const d = defaultsOf(panel);
  const series = allSeries(data);
  const span = data.range.toMs - data.range.fromMs;
  const interval = tickInterval(span, Math.max(2, Math.floor(width / 90)));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const legendRows = Math.min(3, Math.ceil(series.length / Math.max(1, Math.floor(width / 110))));
  const marks = thresholdLines(d);
  chart.setOption({
    animation: false,
    color: palette,
    textStyle: { fontFamily: 'sans-serif', fontSize: 10, color: '#9fa7b3' },
    grid: { left: 8, right: 28, top: 8, bottom: 6 + legendRows * 16, containLabel: true },
    legend: {
      show: series.length > 0,
      bottom: 0,
      left: 0,
      itemWidth: 12,
      itemHeight: 2,
      icon: 'rect',
      textStyle: { color: '#ccccdc', fontSize: 10 },
      data: series.map((s) => s.name),
    },
    xAxis: {
      type: 'value',
      min: data.range.fromMs,
      max: data.range.toMs,
      interval,
      axisLabel: {
        color: '#9fa7b3',
        formatter: (v: number) => timeLabel(v, relativeTime),
        hideOverlap: true,
        // The range's end is rarely a round tick; its label would crowd the last one.
        showMaxLabel: false,
      },
      axisLine: { lineStyle: { color: '#2c3235' } },
      splitLine: { show: true, lineStyle: { color: '#22252b' } },
    },
    yAxis: {
      type: 'value',
      scale: d.min === undefined,
      ...(d.min === undefined ? {} : { min: d.min }),
      ...(d.max === undefined ? {} : { max: d.max }),
      axisLabel: { color: '#9fa7b3', formatter: (v: number) => formatValue(v, d.unit) },
      splitLine: { lineStyle: { color: '#22252b' } },
    },
    series: (series.length > 0 ? series : [{ name: '', points: [] as (readonly [number, number])[] }]).map(
      (s, i) => ({
        type: 'line',
        name: s.name,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 1.5 },
        areaStyle: { opacity: 0.08 },
        data: s.points.map(([t, v]) => [t, Number.isFinite(v) ? v : null]),
        ...(i === 0 && marks ? { markLine: marks } : {}),
      }),
    ),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const reducers: Readonly<Record<string, (values: readonly number[]) => number | null>> = {
  lastNotNull: (vs) => vs.findLast((v) => Number.isFinite(v)) ?? null,
  last: (vs) => vs.at(-1) ?? null,
  firstNotNull: (vs) => vs.find((v) => Number.isFinite(v)) ?? null,
  mean: (vs) => (vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0) / vs.length),
  max: (vs) => (vs.length === 0 ? null : Math.max(...vs)),
  min: (vs) => (vs.length === 0 ? null : Math.min(...vs)),
  sum: (vs) => vs.reduce((a, b) => a + b, 0),
};

/** The single value a stat panel shows for a series (its reduceOptions, lastNotNull by default). */
export function statValue(panel: PreviewPanel, s: NamedSeries): number | null {
  const calc = ((panel.options as { reduceOptions?: { calcs?: string[] } } | undefined)?.reduceOptions
    ?.calcs ?? [])[0];
  const reduce = reducers[calc ?? 'lastNotNull'] ?? reducers.lastNotNull;
  return reduce ? reduce(s.points.map(([, v]) => v)) : null;
}

/** A stat panel: each series' value, coloured by the threshold step it falls in. */
export function statHtml(panel: PreviewPanel, data: PanelData): string {
  const d = defaultsOf(panel);
  const steps = d.thresholds?.steps ?? [];
  const background = (panel.options as { colorMode?: string } | undefined)?.colorMode === 'background';
  const items = allSeries(data).map((s) => {
    const v = statValue(panel, s);
    const text = v === null ? 'No value' : formatValue(v, d.unit);
    const color = v === null ? '#9fa7b3' : stepColor(steps, v);
    const style = background ? `background:${color};color:#111217` : `color:${color}`;
    return `<div class="stat" style="${style}"><span class="stat-value">${escapeHtml(text)}</span><span class="stat-name">${escapeHtml(s.name)}</span></div>`;
  });
  return `<div class="stats">${items.join('')}</div>`;
}

/** A table panel: one row per series, its labels and last value. */
export function tableHtml(panel: PreviewPanel, data: PanelData): string {
  const d = defaultsOf(panel);
  const series = allSeries(data);
  const columns = [...new Set(series.flatMap((s) => Object.keys(s.labels)))]
    .filter((c) => c !== '__name__')
    .sort();
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}<th>Value</th></tr>`;
  const rows = series.map((s) => {
    const v = s.points.at(-1)?.[1];
    const cells = columns.map((c) => `<td>${escapeHtml(s.labels[c] ?? '')}</td>`).join('');
    return `<tr>${cells}<td>${v === undefined ? '' : escapeHtml(formatValue(v, d.unit))}</td></tr>`;
  });
  return `<table class="table">${head}${rows.join('')}</table>`;
}
