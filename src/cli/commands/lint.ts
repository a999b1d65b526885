// `obsgen lint [--format text|json] [--fail-on error|warning|info] [--scrape-interval DUR] [--catalog FILE] PATH...`
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Problem, problem, renderFinding, type Severity, sortProblems } from '../../problem.ts';
import { durationMs } from '../../promql/duration.ts';
import type { PromVersion } from '../../promql/functions.ts';
import { type MetricContract, metricContract } from '../../validate/contract.ts';
import { lintFiles } from '../../validate/files.ts';
import { reachesThreshold } from '../../validate/lint.ts';
import { type Command, ExitCode } from '../io.ts';

const usageText = `usage: obsgen lint [--format text|json] [--fail-on error|warning|info] [--scrape-interval DURATION] [--promql 2.42|3] [--catalog FILE] PATH...
  PATH: rule files (plain groups or PrometheusRule, .yaml/.yml), dashboard JSON, or folders of them
  --fail-on           exit 1 when a finding is at least this severe (default error)
  --scrape-interval   scrape interval promql/rate-window assumes (default 1m, Prometheus's default)
  --promql            the PromQL the expressions are parsed as (default 2.42; 3 for Prometheus 3, Mimir, Thanos)
  --catalog           a catalog whose metric types and labels the checks use (gauges under rate(), unknown labels, undeclared metrics)
`;

interface LintArgs {
  readonly format: 'text' | 'json';
  readonly failOn: Severity;
  readonly scrapeIntervalMs: number | undefined;
  readonly promql: PromVersion;
  readonly catalog: string | null;
  readonly paths: readonly string[];
}

export function parseLintArgs(args: readonly string[]): LintArgs | string {
  let format: 'text' | 'json' = 'text';
  let failOn: Severity = 'error';
  let scrapeIntervalMs: number | undefined;
  let promql: PromVersion = '2.42';
  let catalog: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') return `--format must be text or json, not ${v ?? 'nothing'}`;
      format = v;
    } else if (flag === '--fail-on') {
      const v = value();
      if (v !== 'error' && v !== 'warning' && v !== 'info')
        return `--fail-on must be error, warning or info, not ${v ?? 'nothing'}`;
      failOn = v;
    } else if (flag === '--scrape-interval') {
      const v = value();
      const ms = v === undefined ? null : durationMs(v);
      if (ms === null || ms <= 0)
        return `--scrape-interval must be a duration such as 15s, not ${v ?? 'nothing'}`;
      scrapeIntervalMs = ms;
    } else if (flag === '--promql') {
      const v = value();
      if (v !== '2.42' && v !== '3') return `--promql must be 2.42 or 3, not ${v ?? 'nothing'}`;
      promql = v;
    } else if (flag === '--catalog') {
      const v = value();
      if (v === undefined || v === '') return '--catalog needs a catalog file, e.g. --catalog catalog.yaml';
      catalog = v;
    } else if (flag.startsWith('-') && flag !== '-') return `unknown option ${flag}`;
    else paths.push(arg);
  }
  if (paths.length === 0) return 'no PATH given';
  return { format, failOn, scrapeIntervalMs, promql, catalog, paths };
}

/** Files under the given paths: files as given, folders searched for .yaml/.yml/.json (sorted). */
async function expandPaths(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: { file: string; discovered: boolean }[]; problems: Problem[] }> {
  const files: { file: string; discovered: boolean }[] = [];
  const problems: Problem[] = [];
  const visit = async (shown: string, discovered: boolean): Promise<void> => {
    const full = path.resolve(cwd, shown);
    const info = await stat(full).catch(() => null);
    if (!info) {
      problems.push(
        problem('lint/read', 'error', 'no such file or folder', { file: shown, line: 1, column: 1 }),
      );
      return;
    }
    if (!info.isDirectory()) {
      files.push({ file: shown, discovered });
      return;
    }
    const entries = (await readdir(full, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const child = path.join(shown, entry.name);
      if (entry.isDirectory()) await visit(child, true);
      else if (/\.(ya?ml|json)$/.test(entry.name)) files.push({ file: child, discovered: true });
    }
  };
  for (const p of paths) await visit(p, false);
  return { files, problems };
}

/** The metric contract of a catalog, or the errors that keep it from loading. */
async function catalogContract(
  file: string,
  cwd: string,
): Promise<MetricContract | { problems: readonly Problem[] }> {
  const { loadCatalog } = await import('../../model/resolve.ts');
  const loaded = await loadCatalog(path.resolve(cwd, file), file);
  if (!loaded.model) return { problems: loaded.problems.filter((p) => p.severity === 'error') };
  return metricContract(loaded.model);
}

export const lint: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(usageText);
    return ExitCode.success;
  }
  const parsed = parseLintArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`obsgen lint: ${parsed}\n${usageText}`);
    return ExitCode.usage;
  }
  const contract = parsed.catalog === null ? null : await catalogContract(parsed.catalog, io.cwd);
  if (contract !== null && 'problems' in contract) {
    io.stderr.write(`${contract.problems.map(renderFinding).join('\n')}\n`);
    return ExitCode.failure;
  }
  const expanded = await expandPaths(parsed.paths, io.cwd);
  const unreadable: Problem[] = [];
  const read = await Promise.all(
    expanded.files.map(async ({ file, discovered }) => {
      try {
        return [{ file, discovered, text: await readFile(path.resolve(io.cwd, file), 'utf8') }];
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        unreadable.push(
          problem('lint/read', 'error', `cannot read: ${reason}`, { file, line: 1, column: 1 }),
        );
        return [];
      }
    }),
  );
  const sources = read.flat();
  const options = {
    promql: parsed.promql,
    contract,
    ...(parsed.scrapeIntervalMs === undefined ? {} : { scrapeIntervalMs: parsed.scrapeIntervalMs }),
  };
  const problems = sortProblems([
    ...expanded.problems,
    ...unreadable,
    ...(await lintFiles(sources, options)),
  ]);
  if (parsed.format === 'json') {
    const rows = problems.map((p) => ({
      file: p.file,
      line: p.line,
      column: p.column,
      severity: p.severity,
      check: p.check,
      message: p.message,
    }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (problems.length > 0) {
    // One write: a large file has thousands of findings.
    io.stdout.write(`${problems.map(renderFinding).join('\n')}\n`);
  }
  return reachesThreshold(problems, parsed.failOn) ? ExitCode.failure : ExitCode.success;
};
