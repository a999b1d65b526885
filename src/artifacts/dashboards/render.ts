// DashboardSpec -> Grafana's classic dashboard JSON, built with the foundation SDK. Conventions live
// here once: the `datasource` variable on every panel and target, explicit ids and grid positions,
// legends on, read-only, `obsgen` + team + service tags. Gen renders a dashboard shape once
// (shapes.ts): the render may branch on a spec's numbers, lengths and panel kinds and query formats,
// but passes its other strings through as they are.

import {
  BigValueGraphMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  type Dashboard,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  type DataSourceRef,
  DatasourceVariableBuilder,
  type GridPos,
  type Panel,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  TimePickerBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { DashboardSpec, PanelLink, PanelSpec, QuerySpec, Threshold } from './spec.ts';

export const datasourceVariable = 'datasource';
export const datasource: DataSourceRef = { type: 'prometheus', uid: `\${${datasourceVariable}}` };
export const gridColumns = 24;
export const obsgenTag = 'obsgen';

/** A positioned panel, before rendering. */
export interface PlacedPanel {
  readonly spec: PanelSpec;
  readonly id: number;
  readonly gridPos: GridPos;
}

export interface PlacedRow {
  readonly title: string;
  readonly id: number;
  readonly y: number;
  readonly panels: readonly PlacedPanel[];
}

/** Lays rows out top to bottom, panels left to right, wrapping at 24 columns; ids count from 1. */
export function layout(spec: DashboardSpec): PlacedRow[] {
  const rows: PlacedRow[] = [];
  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    const rowId = id++;
    const rowY = y;
    y += 1;
    let x = 0;
    let lineHeight = 0;
    const panels: PlacedPanel[] = [];
    for (const panel of row.panels) {
      const w = Math.min(Math.max(panel.width, 1), gridColumns);
      if (x + w > gridColumns) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      panels.push({ spec: panel, id: id++, gridPos: { x, y, w, h: panel.height } });
      x += w;
      lineHeight = Math.max(lineHeight, panel.height);
    }
    y += lineHeight;
    rows.push({ title: row.title, id: rowId, y: rowY, panels });
  }
  return rows;
}

export function renderDashboard(spec: DashboardSpec): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(dashboardTags(spec))
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .time({ from: 'now-6h', to: 'now' })
    .timepicker(new TimePickerBuilder().refreshIntervals(['30s', '1m', '5m', '15m']))
    .refresh('1m')
    .timezone('browser')
    .withVariable(new DatasourceVariableBuilder(datasourceVariable).label('Data source').type('prometheus'))
    .links(spec.links.map(linkBuilder));
  for (const row of layout(spec)) {
    builder.withRow(new RowBuilder(row.title).id(row.id).gridPos({ x: 0, y: row.y, w: gridColumns, h: 1 }));
    for (const panel of row.panels) builder.withPanel(panelBuilder(panel));
  }
  return builder.build();
}

export function dashboardTags(spec: DashboardSpec): string[] {
  return [...new Set([obsgenTag, spec.team, ...spec.services])];
}

function linkBuilder(link: PanelLink): DashboardLinkBuilder {
  return new DashboardLinkBuilder(link.title)
    .type(DashboardLinkType.Link)
    .url(link.url)
    .keepTime(true)
    .targetBlank(false);
}

function thresholdSteps(spec: PanelSpec): ThresholdsConfigBuilder {
  const thresholds: readonly Threshold[] | undefined = spec.thresholds;
  const steps = [
    { value: null, color: spec.baseColor ?? 'green' },
    ...(thresholds ?? []).map((t) => ({ value: t.value, color: t.color })),
  ];
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps);
}

function target(query: QuerySpec, index: number): DataqueryBuilder {
  const refId = String.fromCharCode(65 + index);
  const builder = new DataqueryBuilder()
    .expr(query.expr)
    .legendFormat(query.legend)
    .refId(refId)
    .datasource(datasource);
  if (query.instant) builder.instant();
  if (query.format)
    builder.format(query.format === 'table' ? PromQueryFormat.Table : PromQueryFormat.TimeSeries);
  return builder;
}

type AnyPanelBuilder = TimeseriesPanelBuilder | StatPanelBuilder | TablePanelBuilder;

function panelBuilder(placed: PlacedPanel): { build(): Panel } {
  const { spec } = placed;
  const builder: AnyPanelBuilder = kindBuilder(spec);
  builder
    .id(placed.id)
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(datasource)
    .gridPos(placed.gridPos)
    .thresholds(thresholdSteps(spec));
  spec.queries.forEach((query, index) => {
    builder.withTarget(target(query, index));
  });
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  if (spec.links && spec.links.length > 0) builder.links(spec.links.map(linkBuilder));
  for (const column of spec.columnLinks ?? []) {
    builder.overrideByName(column.field, [
      { id: 'links', value: [{ title: column.link.title, url: column.link.url }] },
    ]);
  }
  return builder;
}

function kindBuilder(spec: PanelSpec): AnyPanelBuilder {
  switch (spec.kind) {
    case 'timeseries':
      return new TimeseriesPanelBuilder()
        .legend(
          new VizLegendOptionsBuilder()
            .showLegend(true)
            .displayMode(LegendDisplayMode.List)
            .placement(LegendPlacement.Bottom)
            .calcs([]),
        )
        .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
        .thresholdsStyle(
          new GraphThresholdsStyleConfigBuilder().mode(
            spec.thresholds?.length ? GraphThresholdsStyleMode.Dashed : GraphThresholdsStyleMode.Off,
          ),
        )
        .fillOpacity(10)
        .lineWidth(1);
    case 'stat':
      return new StatPanelBuilder()
        .graphMode(BigValueGraphMode.None)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
    case 'table':
      return new TablePanelBuilder().transformations([{ id: 'merge', options: {} }]);
  }
}
