// A PNG per dashboard: each dashboard's page written alone and photographed by headless Chromium
// (Debian package `chromium`; OBSGEN_CHROMIUM names another binary), sized to the dashboard's grid.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PreviewDashboard } from '../artifacts/dashboards/preview.ts';
import { GRID_GAP, GRID_WIDTH, ROW_UNIT } from './layout.ts';

const run = promisify(execFile);

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--hide-scrollbars',
  '--force-device-scale-factor=1',
  // Lay out and paint everything before the shot: a loaded machine otherwise shoots half a page.
  '--virtual-time-budget=10000',
];

/** Page height that shows the whole dashboard: navigation and title, then the grid. */
export function pageHeight(dashboard: PreviewDashboard): number {
  const bottom = Math.max(
    1,
    ...(dashboard.panels ?? []).map((p) => (p.gridPos ? p.gridPos.y + p.gridPos.h : 1)),
  );
  return 150 + bottom * (ROW_UNIT + GRID_GAP);
}

export const PAGE_WIDTH = GRID_WIDTH + 48;

export async function findChromium(): Promise<string | null> {
  const named = process.env.OBSGEN_CHROMIUM;
  if (named) return named;
  for (const candidate of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const { stdout } = await run('sh', ['-c', `command -v ${candidate}`]);
      if (stdout.trim() !== '') return stdout.trim();
    } catch {
      // not installed under this name
    }
  }
  return null;
}

/** Writes `<dir>/<uid>.png` for each page; returns the files written. */
export async function screenshotPages(
  chromium: string,
  pages: readonly { readonly dashboard: PreviewDashboard; readonly html: string }[],
  dir: string,
): Promise<string[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'obsgen-shot-'));
  const written: string[] = [];
  try {
    for (const { dashboard, html } of pages) {
      const page = path.join(work, `${dashboard.uid ?? 'dashboard'}.html`);
      await writeFile(page, html);
      const out = path.join(dir, `${dashboard.uid ?? 'dashboard'}.png`);
      await run(
        chromium,
        [
          ...chromiumFlags,
          `--user-data-dir=${path.join(work, 'profile')}`,
          `--screenshot=${out}`,
          `--window-size=${PAGE_WIDTH},${pageHeight(dashboard)}`,
          `file://${page}`,
        ],
        { timeout: 120_000 },
      );
      written.push(out);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return written;
}
