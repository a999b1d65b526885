// A static HTML page showing dashboards as Grafana would lay them out (24-column grid, rows, panel
// sizes) with titles, units, thresholds and queries, so a reviewer sees a change without a Grafana.
// It reads the dashboard JSON obsgen ships, not the internal spec, so it shows what Grafana gets.
// With data (src/preview), each panel's body is drawn by the caller's `panelBody`; this module only
// lays the page out.

export interface PreviewPanel {
  readonly id?: number;
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly gridPos?: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly fieldConfig?: {
    readonly defaults?: {
      readonly unit?: string;
      readonly min?: number;
      readonly max?: number;
      readonly thresholds?: {
        readonly steps?: readonly { readonly value: number | null; readonly color: string }[];
      };
      readonly custom?: { readonly thresholdsStyle?: { readonly mode?: string } };
    };
  };
  readonly options?: Readonly<Record<string, unknown>>;
  /** Grafana's "Min interval" of the panel's queries. */
  readonly interval?: string;
  readonly maxDataPoints?: number;
  readonly targets?: readonly {
    readonly expr?: string;
    readonly legendFormat?: string;
    readonly refId?: string;
    readonly instant?: boolean;
    readonly range?: boolean;
    readonly hide?: boolean;
  }[];
  readonly panels?: readonly PreviewPanel[];
}

export interface PreviewDashboard {
  readonly uid?: string;
  readonly title?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly links?: readonly { readonly title?: string; readonly url?: string }[];
  readonly panels?: readonly PreviewPanel[];
  readonly templating?: { readonly list?: readonly Readonly<Record<string, unknown>>[] };
}

/** What a panel shows below its header when the preview has data (a chart, a value, "No data"). */
export type PanelBody = (
  dashboard: PreviewDashboard,
  panel: PreviewPanel,
) => { html: string; empty: boolean } | null;

export interface PreviewOptions {
  readonly panelBody?: PanelBody;
  /** A line under the navigation naming where the data comes from. */
  readonly subtitle?: string;
  /** JSON of the data the charts were drawn from, embedded inert for tests and tools to read. */
  readonly dataJson?: string;
}

/** Pixels per grid unit of height; Grafana uses 30px plus an 8px gap. */
const rowUnit = 30;
/** The grid's width: fixed, so charts are drawn at the size they are shown. */
const gridWidth = 1392;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function thresholdText(panel: PreviewPanel): string {
  const steps = panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
  const marked = steps.filter((s) => s.value !== null);
  if (marked.length === 0) return '';
  return `<span class="thresholds">${marked.map((s) => `<span class="t t-${escapeHtml(s.color)}">${escapeHtml(String(s.value))}</span>`).join(' ')}</span>`;
}

function panelHtml(panel: PreviewPanel, dashboard: PreviewDashboard, body: PanelBody | undefined): string {
  const g = panel.gridPos ?? { x: 0, y: 0, w: 24, h: 1 };
  const place = `grid-column:${g.x + 1} / span ${g.w};grid-row:${g.y + 1} / span ${g.h}`;
  if (panel.type === 'row') {
    return `<div class="row" style="${place}">${escapeHtml(panel.title ?? '')}</div>${(panel.panels ?? []).map((p) => panelHtml(p, dashboard, body)).join('')}`;
  }
  const unit = panel.fieldConfig?.defaults?.unit ?? '';
  const queries = (panel.targets ?? [])
    .map(
      (t) =>
        `<li><span class="legend">${escapeHtml(t.legendFormat ?? t.refId ?? '')}</span><code>${escapeHtml(t.expr ?? '')}</code></li>`,
    )
    .join('');
  const header = `<header><h3>${escapeHtml(panel.title ?? '(untitled)')}</h3><span class="kind">${escapeHtml(panel.type ?? '')}</span><span class="unit">${escapeHtml(unit || 'no unit')}</span>${thresholdText(panel)}</header>`;
  const drawn = body?.(dashboard, panel) ?? null;
  if (drawn) {
    return `<section class="panel${drawn.empty ? ' no-data' : ''}" style="${place}" data-panel-id="${panel.id ?? ''}">
${header}
<div class="body">${drawn.html}</div>
<details class="queries"><summary>queries</summary><ul class="queries">${queries}</ul></details>
</section>`;
  }
  return `<section class="panel" style="${place}" data-panel-id="${panel.id ?? ''}">
${header}
<p class="description">${escapeHtml(panel.description ?? '')}</p>
<ul class="queries">${queries}</ul>
</section>`;
}

function dashboardHtml(dashboard: PreviewDashboard, body: PanelBody | undefined): string {
  const panels = dashboard.panels ?? [];
  const bottom = Math.max(1, ...panels.map((p) => (p.gridPos ? p.gridPos.y + p.gridPos.h : 1)));
  const links = (dashboard.links ?? [])
    .map((l) => `<a href="${escapeHtml(l.url ?? '#')}">${escapeHtml(l.title ?? l.url ?? '')}</a>`)
    .join(' · ');
  return `<article class="dashboard" id="${escapeHtml(dashboard.uid ?? '')}">
<h2>${escapeHtml(dashboard.title ?? '(untitled)')} <small>${escapeHtml(dashboard.uid ?? '')}</small></h2>
<p class="meta">${(dashboard.tags ?? []).map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join('')} ${links}</p>
<p class="description">${escapeHtml(dashboard.description ?? '')}</p>
<div class="grid" style="grid-template-rows:repeat(${bottom}, ${rowUnit}px)">${panels.map((p) => panelHtml(p, dashboard, body)).join('\n')}</div>
</article>`;
}

const style = `
body{font:13px/1.4 system-ui,sans-serif;margin:0;background:#111217;color:#ccccdc}
nav{padding:12px 24px;background:#181b1f;border-bottom:1px solid #2c3235}
nav a{color:#6e9fff;margin-right:14px;text-decoration:none}
.dashboard{padding:16px 24px}
h2{margin:8px 0;color:#fff;font-size:18px}h2 small{color:#8e8e8e;font-weight:normal;font-size:12px}
.meta a{color:#6e9fff}.tag{background:#1f60c4;color:#fff;border-radius:3px;padding:1px 6px;margin-right:4px;font-size:11px}
.grid{display:grid;grid-template-columns:repeat(24,1fr);gap:8px;width:${gridWidth}px}
.row{font-weight:600;color:#fff;border-bottom:1px solid #2c3235;align-self:end;padding-bottom:2px}
.panel{background:#181b1f;border:1px solid #2c3235;border-radius:2px;padding:6px 8px;overflow:hidden;min-width:0}
.panel header{display:flex;gap:6px;align-items:baseline;flex-wrap:wrap}
.panel h3{margin:0;font-size:13px;color:#fff;flex:1 1 auto}
.kind,.unit{font-size:11px;color:#8e8e8e;border:1px solid #2c3235;border-radius:2px;padding:0 4px}
.unit{color:#73bf69}
.t{font-size:11px;padding:0 4px;border-radius:2px;color:#111}.t-red{background:#f2495c}.t-yellow{background:#fade2a}.t-orange{background:#ff9830}.t-green{background:#73bf69}
.description{color:#9fa7b3;margin:4px 0}
.queries{list-style:none;margin:0;padding:0}
.queries li{margin:2px 0}.legend{color:#fade2a;margin-right:6px;font-size:11px}
code{font:11px/1.3 ui-monospace,monospace;color:#c8d1dc;word-break:break-all}
.panel{display:flex;flex-direction:column}.body{flex:1 1 auto;min-height:0;overflow:hidden}.body svg{display:block}
details.queries summary{font-size:10px;color:#8e8e8e;cursor:pointer}
.no-data .body{display:flex;align-items:center;justify-content:center;color:#9fa7b3}
.nodata{text-align:center}.nodata strong{display:block;color:#ff9830;font-size:14px}.nodata code{display:block;margin-top:4px}
.error{color:#f2495c;font-size:11px}
.stats{display:flex;flex-direction:column;justify-content:center;height:100%;gap:4px}
.stat{display:flex;flex-direction:column;align-items:center;justify-content:center;flex:1 1 0;border-radius:2px}
.stat-value{font-size:28px;font-weight:600;line-height:1.1}.stat-name{font-size:11px;color:#9fa7b3}
.table{border-collapse:collapse;width:100%;font-size:11px}.table th{color:#6e9fff;text-align:left;border-bottom:1px solid #2c3235}.table td{padding:1px 4px;border-bottom:1px solid #22252b}
.source{color:#9fa7b3;margin-left:12px}
`;

/** JSON safe inside a script element: `<` written as an escape so `</script>` cannot occur. */
function inertJson(json: string): string {
  return json.replace(/</g, '\\u003c');
}

export function previewHtml(dashboards: readonly PreviewDashboard[], options: PreviewOptions = {}): string {
  const nav = dashboards
    .map((d) => `<a href="#${escapeHtml(d.uid ?? '')}">${escapeHtml(d.title ?? '')}</a>`)
    .join('');
  const subtitle = options.subtitle ? `<span class="source">${escapeHtml(options.subtitle)}</span>` : '';
  const data =
    options.dataJson === undefined
      ? ''
      : `<script type="application/json" id="obsgen-preview-data">${inertJson(options.dataJson)}</script>\n`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>obsgen dashboards preview</title><style>${style}</style></head>
<body><nav><strong>obsgen dashboards</strong> ${nav}${subtitle}</nav>
${dashboards.map((d) => dashboardHtml(d, options.panelBody)).join('\n')}
${data}</body></html>
`;
}
