// `obsgen gen [--catalog FILE] [--out DIR] [--check]`
import path from 'node:path';
import { regenerateCommand } from '../../emit/regenerate.ts';
import { diffOutput, writeOutput } from '../../emit/write.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { renderProblem } from '../../problem.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { type Command, ExitCode } from '../io.ts';

const usage = 'usage: obsgen gen [--catalog FILE] [--out DIR] [--check]\n';

export const gen: Command = async (argv, io) => {
  const parsed = parseArgs(argv, ['catalog', 'out'], ['check', 'help']);
  if (!parsed.ok || parsed.args.positionals.length > 0) {
    io.stderr.write(
      `obsgen gen: ${parsed.ok ? `unexpected argument ${parsed.args.positionals[0]}` : parsed.message}\n${usage}`,
    );
    return ExitCode.usage;
  }
  if (parsed.args.flags.has('help')) {
    io.stdout.write(usage);
    return ExitCode.success;
  }
  const catalogArg = stringFlag(parsed.args, 'catalog', 'catalog.yaml');
  const outDir = path.resolve(io.cwd, stringFlag(parsed.args, 'out', 'generated'));
  const result = await runPipeline(path.resolve(io.cwd, catalogArg), catalogArg, { outDir });
  for (const p of result.problems) io.stderr.write(`${renderProblem(p)}\n`);
  if (result.files.length === 0) {
    io.stderr.write(
      `obsgen gen: ${result.problems.filter((p) => p.severity === 'error').length} error(s); ${path.relative(io.cwd, outDir) || '.'} left unchanged\n`,
    );
    return ExitCode.failure;
  }
  const changes = await diffOutput(outDir, result.files);
  const shown = path.relative(io.cwd, outDir) || '.';
  if (parsed.args.flags.has('check')) {
    if (changes.length === 0) {
      io.stdout.write(`${shown} is up to date (${result.files.length} files)\n`);
      return ExitCode.success;
    }
    for (const c of changes) io.stdout.write(`would be ${c.change}: ${path.join(shown, c.path)}\n`);
    io.stderr.write(
      `obsgen gen --check: ${changes.length} file(s) differ; run \`${regenerateCommand(io.cwd, catalogArg, outDir)}\` and commit ${shown}/\n`,
    );
    return ExitCode.failure;
  }
  if (changes.length > 0) await writeOutput(outDir, result.files);
  io.stdout.write(`wrote ${shown}: ${result.files.length} files, ${changes.length} changed\n`);
  return ExitCode.success;
};
