// The preview page with data: each panel drawn from what its queries returned, a panel whose queries
// return nothing marked "No data" with the queries that came back empty, and the data itself embedded
// (inert JSON) so a test or a tool reads the numbers the charts were drawn from.
import { type PanelBody, type PreviewDashboard, previewHtml } from '../artifacts/dashboards/preview.ts';
import { statHtml, tableHtml, timeLabel, timeSeriesSvg } from './chart.ts';
import { flattenPanels, isEmpty, type PanelData, type PreviewData, panelKey } from './panel-data.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function noDataHtml(data: PanelData): string {
  const queries = data.targets.map((t) => `<code>${escapeHtml(t.expr)}</code>`).join('');
  return `<div class="nodata"><strong>No data</strong>the queries returned no series:${queries}</div>`;
}

function errorsHtml(data: PanelData): string {
  return data.targets
    .filter((t) => t.error !== null)
    .map((t) => `<div class="error">${escapeHtml(t.refId)}: ${escapeHtml(t.error ?? '')}</div>`)
    .join('');
}

function bodyOf(
  panel: Parameters<PanelBody>[1],
  data: PanelData,
  relativeTime: boolean,
): { html: string; empty: boolean } {
  if (isEmpty(data)) return { html: noDataHtml(data), empty: true };
  const errors = errorsHtml(data);
  switch (panel.type) {
    case 'stat':
    case 'gauge':
    case 'bargauge':
      return { html: errors + statHtml(panel, data), empty: false };
    case 'table':
      return { html: errors + tableHtml(panel, data), empty: false };
    default:
      return { html: errors + timeSeriesSvg(panel, data, relativeTime), empty: false };
  }
}

export function previewPage(dashboards: readonly PreviewDashboard[], data: PreviewData): string {
  const byUid = new Map(data.dashboards.map((d) => [d.uid, d]));
  const keys = new Map(
    dashboards.map((d) => [d, new Map(flattenPanels(d.panels ?? []).map((p, i) => [p, panelKey(p, i)]))]),
  );
  const panelBody: PanelBody = (dashboard, panel) => {
    const key = keys.get(dashboard)?.get(panel);
    const panelData = key === undefined ? undefined : byUid.get(dashboard.uid ?? '')?.panels[key];
    return panelData ? bodyOf(panel, panelData, data.relativeTime) : null;
  };
  const from = timeLabel(data.range.fromMs, data.relativeTime);
  const to = timeLabel(data.range.toMs, data.relativeTime);
  const when = data.relativeTime
    ? `${from} to ${to}`
    : `${new Date(data.range.fromMs).toISOString()} to ${new Date(data.range.toMs).toISOString()}`;
  return previewHtml(dashboards, {
    panelBody,
    subtitle: `data: ${data.source}, ${when}`,
    dataJson: JSON.stringify(data),
  });
}
