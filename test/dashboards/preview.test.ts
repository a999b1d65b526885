// `obsgen preview`: one static page with every dashboard on Grafana's 24-column grid; checked in a
// real headless chromium where it is installed (Debian package `chromium`), with data from a scenario
// and a PNG per dashboard.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewHtml } from '../../src/artifacts/dashboards/preview.ts';
import { chromiumFlags } from '../../src/preview/screenshot.ts';
import { runCli } from '../support/project.ts';
import { tool } from '../support/tools.ts';

const root = path.resolve(import.meta.dirname, '../..');
const chromium = tool('chromium');

async function writePreview(...extra: string[]): Promise<string> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'obsgen-preview-')), 'preview.html');
  const result = await runCli(['preview', '--out', out, ...extra], root);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

describe('obsgen preview', () => {
  it('lays panels out on the 24-column grid with titles, units, thresholds and queries, escaped', () => {
    const html = previewHtml([
      {
        uid: 'u',
        title: 'A <b>',
        panels: [
          { type: 'row', title: 'Row', gridPos: { x: 0, y: 0, w: 24, h: 1 } },
          {
            id: 2,
            type: 'timeseries',
            title: 'Latency',
            gridPos: { x: 12, y: 1, w: 12, h: 8 },
            fieldConfig: {
              defaults: {
                unit: 's',
                thresholds: {
                  steps: [
                    { value: null, color: 'green' },
                    { value: 0.5, color: 'red' },
                  ],
                },
              },
            },
            targets: [
              {
                expr: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket{a="<"}[$__rate_interval])))',
                legendFormat: 'p99',
              },
            ],
          },
        ],
      },
    ]);
    expect(html).toContain('grid-column:13 / span 12;grid-row:2 / span 8');
    expect(html).toContain('<span class="unit">s</span>');
    expect(html).toContain('<span class="t t-red">0.5</span>');
    expect(html).toContain('x_bucket{a=&#34;&#60;&#34;}');
    expect(html).toContain('A &#60;b&#62;');
  });

  it('writes the page for the example project', async () => {
    const html = await readFile(await writePreview(), 'utf8');
    expect(html).toContain('id="cloudviz-svc"');
    expect(html).toContain('id="obsgen-fleet"');
    expect(html).toContain('id="platform-overview"');
  });

  it('refuses an unknown flag', async () => {
    const result = await runCli(['preview', '--outt', 'x'], root);
    expect(result.code).toBe(2);
  });

  describe.skipIf(!chromium.path)('in headless chromium', () => {
    it('renders every dashboard and panel', async () => {
      const page = await writePreview();
      const dom = execFileSync(
        chromium.path ?? 'chromium',
        [...chromiumFlags, '--dump-dom', `file://${page}`],
        { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      expect(dom).toContain('<article class="dashboard" id="cloudviz-svc">');
      expect((dom.match(/class="panel"/g) ?? []).length).toBeGreaterThan(20);
      const shot = path.join(path.dirname(page), 'shot.png');
      execFileSync(
        chromium.path ?? 'chromium',
        [...chromiumFlags, `--screenshot=${shot}`, '--window-size=1440,900', `file://${page}`],
        { timeout: 60_000, stdio: 'ignore' },
      );
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
    }, 120_000);

    it('draws the scenario as charts in the browser and writes a PNG per dashboard', async () => {
      const pngs = await mkdtemp(path.join(tmpdir(), 'obsgen-png-'));
      const page = await writePreview(
        '--scenario',
        'scenarios/incident.yaml',
        '--tag',
        'cloudviz',
        '--png',
        pngs,
      );
      const dom = execFileSync(
        chromium.path ?? 'chromium',
        [...chromiumFlags, '--dump-dom', `file://${page}`],
        { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      // One SVG chart per time series panel with data; stat panels as coloured values.
      const svgs = dom.match(/<svg [^>]*width="\d+"/g) ?? [];
      expect(svgs.length).toBeGreaterThanOrEqual(12);
      expect(dom).toContain('<span class="stat-value">');
      expect(dom).toContain('id="obsgen-preview-data"');
      expect((await readdir(pngs)).sort()).toEqual([
        'cloudviz-slo.png',
        'cloudviz-svc.png',
        'platform-overview.png',
      ]);
      for (const f of await readdir(pngs))
        expect((await stat(path.join(pngs, f))).size).toBeGreaterThan(20_000);
    }, 240_000);
  });
});

describe('obsgen preview without --out', () => {
  it('writes into .obsgen/, which git ignores, not the repository root', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-preview-default-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    await writeFile(
      path.join(dir, 'catalog.yaml'),
      await readFile(path.join(root, 'test/catalog/fixtures/base.yaml'), 'utf8'),
    );
    const result = await runCli(['preview'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^wrote \.obsgen\/preview\.html: \d+ dashboards\n$/);
    expect(await readFile(path.join(dir, '.obsgen/preview.html'), 'utf8')).toContain('<html');
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(status).toBe('?? catalog.yaml\n');
  });
});
