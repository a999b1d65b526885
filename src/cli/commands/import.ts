// `obsgen import FORMAT FILE [--out FILE]`: another tool's files as a catalog fragment (or, for
// rules, an alerts/*.ts module) on stdout or in --out. Unmapped fields are warnings and comments;
// an error writes nothing and exits 1.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../emit/write.ts';
import { importers } from '../../import/index.ts';
import { renderProblem, sortProblems } from '../../problem.ts';
import { parseArgs } from '../args.ts';
import { type CliIO, type Command, ExitCode } from '../io.ts';

function usage(): string {
  const formats = Object.values(importers)
    .map((i) => `  ${i.name.padEnd(10)} ${i.summary}`)
    .join('\n');
  return `usage: obsgen import ${Object.keys(importers).join('|')} FILE [--out FILE] [--service NAME]\n\nformats:\n${formats}\n`;
}

export const importCommand: Command = async (argv, io) => {
  const parsed = parseArgs(argv, ['out', 'service'], ['help']);
  if (parsed.ok && parsed.args.flags.has('help')) {
    io.stdout.write(usage());
    return ExitCode.success;
  }
  const [format, file, ...extra] = parsed.ok ? parsed.args.positionals : [];
  const importer = format === undefined ? undefined : importers[format];
  if (!parsed.ok || !importer || file === undefined || extra.length > 0) {
    const why = !parsed.ok
      ? parsed.message
      : format === undefined || importer
        ? 'expected a format and one FILE'
        : `unknown format "${format}"`;
    io.stderr.write(`obsgen import: ${why}\n${usage()}`);
    return ExitCode.usage;
  }
  const flag = (name: string) => {
    const value = parsed.args.flags.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return runImport(importer.name, file, flag('out'), flag('service'), io);
};

async function runImport(
  format: string,
  file: string,
  out: string | undefined,
  service: string | undefined,
  io: CliIO,
): Promise<number> {
  const importer = importers[format];
  if (!importer) return ExitCode.usage;
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    io.stderr.write(`${file}:1:1: error: cannot read: ${reason}\n`);
    return ExitCode.failure;
  }
  const result = importer.run(file, text, service === undefined ? {} : { service });
  for (const p of sortProblems(result.problems)) io.stderr.write(`${renderProblem(p)}\n`);
  if (result.output === null || result.problems.some((p) => p.severity === 'error')) return ExitCode.failure;
  if (out === undefined) io.stdout.write(result.output);
  else await writeFileAtomic(path.resolve(io.cwd, out), result.output);
  return ExitCode.success;
}
