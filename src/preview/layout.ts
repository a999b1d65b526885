// Pixel sizes of panels on the preview page, which lays dashboards out on Grafana's 24-column grid at
// a fixed width so a chart is drawn at the size it is shown (and Grafana's maxDataPoints, the panel
// width in pixels, is known).
import type { PreviewPanel } from '../artifacts/dashboards/preview.ts';

/** Width of the grid in pixels: about what Grafana gives a 1440px wide browser window. */
export const GRID_WIDTH = 1392;
export const GRID_GAP = 8;
/** Pixels per grid unit of height; Grafana uses 30px plus the gap. */
export const ROW_UNIT = 30;
/** Panel chrome: title bar and padding, taken off the chart. */
const HEADER = 26;
const PADDING = 8;

export const COLUMN_WIDTH = (GRID_WIDTH - 23 * GRID_GAP) / 24;

/** The chart area of a panel, in whole pixels. */
export function panelPixels(panel: PreviewPanel): { width: number; height: number } {
  const g = panel.gridPos ?? { x: 0, y: 0, w: 12, h: 8 };
  const width = g.w * COLUMN_WIDTH + (g.w - 1) * GRID_GAP - 2 * PADDING;
  const height = g.h * ROW_UNIT + (g.h - 1) * GRID_GAP - HEADER - 2 * PADDING;
  return { width: Math.max(40, Math.floor(width)), height: Math.max(30, Math.floor(height)) };
}
