// `obsgen preview [--catalog FILE] [--out FILE] [--tag TAG] [--scenario FILE | --prometheus URL]
// [--from T --to T] [--scrape-interval D] [--png DIR]`: renders every dashboard gen would write
// (catalog and dashboards/*.ts; with --tag only those tagged, e.g. a service or team) into one static
// HTML page laid out on Grafana's 24-column grid. With a data source each panel is drawn from its
// queries: a scenario evaluated by obsgen's engine, or a live Prometheus.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dashboardsGenerator } from '../../artifacts/dashboards/index.ts';
import { type PreviewDashboard, previewHtml } from '../../artifacts/dashboards/preview.ts';
import { loadProject } from '../../model/resolve.ts';
import type { TimeRange } from '../../preview/interval.ts';
import { previewPage } from '../../preview/page.ts';
import { previewData } from '../../preview/panel-data.ts';
import { DEFAULT_SCRAPE_INTERVAL_MS, PrometheusSource } from '../../preview/prometheus.ts';
import { loadScenario } from '../../preview/scenario.ts';
import { findChromium, screenshotPages } from '../../preview/screenshot.ts';
import type { PreviewSource } from '../../preview/source.ts';
import { hasErrors, renderProblem, sortProblems } from '../../problem.ts';
import { parseDuration } from '../../promql/index.ts';
import { type ParsedArgs, parseArgs, stringFlag } from '../args.ts';
import { type CliIO, type Command, ExitCode } from '../io.ts';

const usage =
  'usage: obsgen preview [--catalog FILE] [--out FILE] [--tag TAG] [--scenario FILE | --prometheus URL]\n' +
  '                      [--from TIME] [--to TIME] [--scrape-interval DURATION] [--png DIR]\n';

/**
 * Without --out the page goes to a scratch folder that ignores itself in git, so a preview never
 * shows up as an untracked file in the repository.
 */
export const defaultPreviewFile = '.obsgen/preview.html';

const valued = ['catalog', 'out', 'tag', 'scenario', 'prometheus', 'from', 'to', 'scrape-interval', 'png'];

/** `now`, `now-6h` (Grafana's relative times), RFC 3339, or Unix seconds; null when unreadable. */
export function parseTime(text: string, nowMs: number): number | null {
  const rel = /^now(?:-(.+))?$/.exec(text);
  if (rel) {
    if (rel[1] === undefined) return nowMs;
    const d = parseDuration(rel[1]);
    return d.ok ? nowMs - d.ms : null;
  }
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Scenario times are offsets from the scenario's start: `0`, `30m`, `1h30m`. */
function parseOffset(text: string): number | null {
  const d = parseDuration(text);
  return d.ok ? d.ms : null;
}

function fail(io: CliIO, message: string): number {
  io.stderr.write(`obsgen preview: ${message}\n${usage}`);
  return ExitCode.usage;
}

interface SourceChoice {
  readonly source: PreviewSource | null;
  readonly code: number | null;
}

async function chooseSource(
  args: ParsedArgs,
  io: CliIO,
  defaultTime: { from?: string; to?: string },
): Promise<SourceChoice> {
  const scenario = stringFlag(args, 'scenario', '');
  const url = stringFlag(args, 'prometheus', '');
  const scrapeText = stringFlag(args, 'scrape-interval', '');
  let scrapeMs: number | null = null;
  if (scrapeText !== '') {
    const d = parseDuration(scrapeText);
    if (!d.ok || d.ms <= 0)
      return { source: null, code: fail(io, `--scrape-interval ${scrapeText} is not a duration like 15s`) };
    scrapeMs = d.ms;
  }
  if (scenario !== '' && url !== '')
    return {
      source: null,
      code: fail(io, '--scenario and --prometheus exclude each other: pick one data source'),
    };
  if (scenario !== '') {
    const loaded = loadScenario(path.resolve(io.cwd, scenario), scenario, io.cwd);
    const problems = loaded.ok ? loaded.warnings : loaded.problems;
    for (const p of sortProblems(problems)) io.stderr.write(`${renderProblem(p)}\n`);
    if (!loaded.ok) {
      io.stderr.write('obsgen preview: fix the scenario; nothing written\n');
      return { source: null, code: ExitCode.failure };
    }
    return { source: loaded.source, code: null };
  }
  if (url !== '') {
    if (!/^https?:\/\//.test(url))
      return { source: null, code: fail(io, `--prometheus ${url} is not an http(s) URL`) };
    const now = Date.now();
    const from = parseTime(defaultTime.from ?? 'now-6h', now) ?? now - 6 * 3_600_000;
    const to = parseTime(defaultTime.to ?? 'now', now) ?? now;
    return {
      source: new PrometheusSource(url, { fromMs: from, toMs: to }, scrapeMs ?? DEFAULT_SCRAPE_INTERVAL_MS),
      code: null,
    };
  }
  return { source: null, code: null };
}

/** The range asked for with --from/--to, else the source's own. */
function chooseRange(args: ParsedArgs, source: PreviewSource, io: CliIO): TimeRange | number {
  const now = Date.now();
  const read = (name: 'from' | 'to', fallback: number): number | null => {
    const text = stringFlag(args, name, '');
    if (text === '') return fallback;
    return source.relativeTime ? parseOffset(text) : parseTime(text, now);
  };
  const fromMs = read('from', source.defaultRange.fromMs);
  const toMs = read('to', source.defaultRange.toMs);
  const form = source.relativeTime
    ? 'an offset into the scenario like 30m'
    : 'now-1h, RFC 3339 or Unix seconds';
  if (fromMs === null) return fail(io, `--from ${stringFlag(args, 'from', '')} is not ${form}`);
  if (toMs === null) return fail(io, `--to ${stringFlag(args, 'to', '')} is not ${form}`);
  if (toMs <= fromMs) return fail(io, '--to must come after --from');
  return { fromMs, toMs };
}

export const preview: Command = async (argv, io) => {
  const parsed = parseArgs(argv, valued, ['help']);
  if (!parsed.ok || parsed.args.positionals.length > 0) {
    return fail(io, parsed.ok ? `unexpected argument ${parsed.args.positionals[0]}` : parsed.message);
  }
  if (parsed.args.flags.has('help')) {
    io.stdout.write(usage);
    return ExitCode.success;
  }
  const args = parsed.args;
  const catalogArg = stringFlag(args, 'catalog', 'catalog.yaml');
  const outArg = stringFlag(args, 'out', '');
  const out = path.resolve(io.cwd, outArg === '' ? defaultPreviewFile : outArg);
  const tag = stringFlag(args, 'tag', '');
  const catalogFile = path.resolve(io.cwd, catalogArg);
  const loaded = await loadProject(catalogFile, catalogArg);
  const output = loaded.model
    ? await dashboardsGenerator.generate(loaded.model, { projectDir: path.dirname(catalogFile) })
    : null;
  const problems = sortProblems([...loaded.problems, ...(output?.problems ?? [])]);
  for (const p of problems) io.stderr.write(`${renderProblem(p)}\n`);
  if (!output || hasErrors(problems)) {
    io.stderr.write('obsgen preview: fix the errors above; nothing written\n');
    return ExitCode.failure;
  }
  const dashboards = output.files
    .filter((f) => f.path.startsWith('grafana/dashboards/') && f.path.endsWith('.json'))
    .map((f) => JSON.parse(f.content) as PreviewDashboard & { time?: { from?: string; to?: string } })
    .filter((d) => tag === '' || (d.tags ?? []).includes(tag));
  const chosen = await chooseSource(args, io, dashboards[0]?.time ?? {});
  if (chosen.code !== null) return chosen.code;
  let pages: { dashboard: PreviewDashboard; html: string }[];
  let html: string;
  if (chosen.source) {
    const range = chooseRange(args, chosen.source, io);
    if (typeof range === 'number') return range;
    const data = await previewData(chosen.source, dashboards, range);
    html = previewPage(dashboards, data);
    pages = dashboards.map((d, i) => ({
      dashboard: d,
      html: previewPage([d], { ...data, dashboards: data.dashboards.slice(i, i + 1) }),
    }));
    const empty = data.dashboards.reduce(
      (n, d) =>
        n +
        Object.values(d.panels).filter((p) =>
          p.targets.every((t) => t.error === null && t.series.length === 0),
        ).length,
      0,
    );
    const failed = data.dashboards.reduce(
      (n, d) => n + Object.values(d.panels).filter((p) => p.targets.some((t) => t.error !== null)).length,
      0,
    );
    if (empty > 0) io.stderr.write(`obsgen preview: ${empty} panels show no data\n`);
    if (failed > 0) io.stderr.write(`obsgen preview: ${failed} panels have a failing query\n`);
  } else {
    html = previewHtml(dashboards);
    pages = dashboards.map((d) => ({ dashboard: d, html: previewHtml([d]) }));
  }
  await mkdir(path.dirname(out), { recursive: true });
  if (outArg === '') await writeFile(path.join(path.dirname(out), '.gitignore'), '*\n');
  await writeFile(out, html);
  io.stdout.write(`wrote ${path.relative(io.cwd, out)}: ${dashboards.length} dashboards\n`);
  const pngDir = stringFlag(args, 'png', '');
  if (pngDir !== '') {
    const chromium = await findChromium();
    if (!chromium) {
      io.stderr.write(
        'obsgen preview: --png needs headless Chromium: install the Debian package chromium or set OBSGEN_CHROMIUM\n',
      );
      return ExitCode.failure;
    }
    const dir = path.resolve(io.cwd, pngDir);
    await mkdir(dir, { recursive: true });
    const written = await screenshotPages(chromium, pages, dir);
    for (const f of written) io.stdout.write(`wrote ${path.relative(io.cwd, f)}\n`);
  }
  return ExitCode.success;
};
