// `obsgen openslo import FILE`: OpenSLO SLO/SLI/Service documents -> a catalog snippet on stdout.
// `obsgen openslo export [--catalog FILE]`: the catalog's SLOs as OpenSLO v1 documents on stdout.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogSnippet, exportOpenSlo, importOpenSlo } from '../../artifacts/slos/openslo.ts';
import { formatYaml, toYamlDocuments } from '../../emit/yaml.ts';
import { loadCatalog, resolveProject } from '../../model/resolve.ts';
import { renderProblem } from '../../problem.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { type CliIO, type Command, ExitCode } from '../io.ts';

const usage = 'usage: obsgen openslo import FILE\n       obsgen openslo export [--catalog FILE]\n';

async function importCommand(file: string, io: CliIO): Promise<number> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr.write(
      `obsgen openslo import: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return ExitCode.failure;
  }
  const result = importOpenSlo(text);
  for (const p of result.problems) io.stderr.write(`${file}: error: ${p}\n`);
  if (result.slos.length === 0) {
    io.stderr.write(`obsgen openslo import: no SLO could be imported from ${file}\n`);
    return ExitCode.failure;
  }
  io.stdout.write(
    `# catalog entries imported from ${path.basename(file)}: merge into catalog.yaml (each service also needs team, namespace and scrape)\n`,
  );
  io.stdout.write(formatYaml(catalogSnippet(result.slos)));
  return result.problems.length > 0 ? ExitCode.failure : ExitCode.success;
}

async function exportCommand(catalogArg: string, io: CliIO): Promise<number> {
  const loaded = await loadCatalog(path.resolve(io.cwd, catalogArg), catalogArg);
  for (const p of loaded.problems) io.stderr.write(`${renderProblem(p)}\n`);
  if (!loaded.model) return ExitCode.failure;
  const project = await resolveProject(loaded.model, path.dirname(path.resolve(io.cwd, catalogArg)));
  for (const p of project.problems) io.stderr.write(`${renderProblem(p)}\n`);
  if (!project.model || project.problems.length > 0) return ExitCode.failure;
  io.stdout.write(toYamlDocuments(exportOpenSlo(project.model), { header: false, keepKeyOrder: true }));
  return ExitCode.success;
}

export const openslo: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  const parsed = parseArgs(rest, ['catalog'], ['help']);
  if (!parsed.ok || sub === undefined || sub === '--help' || (parsed.ok && parsed.args.flags.has('help'))) {
    const asked = sub === '--help' || (parsed.ok && parsed.args.flags.has('help'));
    (asked ? io.stdout : io.stderr).write(parsed.ok ? usage : `obsgen openslo: ${parsed.message}\n${usage}`);
    return asked ? ExitCode.success : ExitCode.usage;
  }
  const positionals = parsed.args.positionals;
  if (sub === 'import' && positionals.length === 1 && positionals[0] !== undefined)
    return importCommand(positionals[0], io);
  if (sub === 'export' && positionals.length === 0)
    return exportCommand(stringFlag(parsed.args, 'catalog', 'catalog.yaml'), io);
  io.stderr.write(`obsgen openslo: unexpected arguments\n${usage}`);
  return ExitCode.usage;
};
