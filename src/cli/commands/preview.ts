// `obsgen preview [--catalog FILE] [--out FILE] [--tag TAG]`: renders every dashboard gen would write
// (catalog and dashboards/*.ts; with --tag only those tagged, e.g. a service or team) into one static
// HTML page laid out on Grafana's 24-column grid.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dashboardsGenerator } from '../../artifacts/dashboards/index.ts';
import { type PreviewDashboard, previewHtml } from '../../artifacts/dashboards/preview.ts';
import { loadCatalog } from '../../catalog/load.ts';
import { hasErrors, renderProblem, sortProblems } from '../../problem.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { type Command, ExitCode } from '../io.ts';

const usage = 'usage: obsgen preview [--catalog FILE] [--out FILE] [--tag TAG]\n';

export const preview: Command = async (argv, io) => {
  const parsed = parseArgs(argv, ['catalog', 'out', 'tag'], ['help']);
  if (!parsed.ok || parsed.args.positionals.length > 0) {
    io.stderr.write(
      `obsgen preview: ${parsed.ok ? `unexpected argument ${parsed.args.positionals[0]}` : parsed.message}\n${usage}`,
    );
    return ExitCode.usage;
  }
  if (parsed.args.flags.has('help')) {
    io.stdout.write(usage);
    return ExitCode.success;
  }
  const catalogArg = stringFlag(parsed.args, 'catalog', 'catalog.yaml');
  const out = path.resolve(io.cwd, stringFlag(parsed.args, 'out', 'dashboards-preview.html'));
  const tag = stringFlag(parsed.args, 'tag', '');
  const catalogFile = path.resolve(io.cwd, catalogArg);
  const loaded = await loadCatalog(catalogFile, catalogArg);
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
    .map((f) => JSON.parse(f.content) as PreviewDashboard)
    .filter((d) => tag === '' || (d.tags ?? []).includes(tag));
  await writeFile(out, previewHtml(dashboards));
  io.stdout.write(`wrote ${path.relative(io.cwd, out)}: ${dashboards.length} dashboards\n`);
  return ExitCode.success;
};
