// `obsgen test [--format text|json] FILE...`: promtool-format rule unit tests on the built-in engine.
import path from 'node:path';
import { renderFinding } from '../../problem.ts';
import { renderFailure } from '../../unittest/failure.ts';
import { runTestFile } from '../../unittest/runner.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { type Command, ExitCode } from '../io.ts';

const usage = 'usage: obsgen test [--format text|json] [--promql 2.42|3] FILE...\n';

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

export const test: Command = async (argv, io) => {
  const parsed = parseArgs(argv, ['format', 'promql'], ['help']);
  if (!parsed.ok) {
    io.stderr.write(`obsgen test: ${parsed.message}\n${usage}`);
    return ExitCode.usage;
  }
  if (parsed.args.flags.has('help')) {
    io.stdout.write(usage);
    return ExitCode.success;
  }
  const format = stringFlag(parsed.args, 'format', 'text');
  if (format !== 'text' && format !== 'json') {
    io.stderr.write(`obsgen test: --format must be text or json\n${usage}`);
    return ExitCode.usage;
  }
  // --promql 3 runs the engine's Prometheus 3.x profile (left-open ranges, newline-matching regexes).
  const promql = stringFlag(parsed.args, 'promql', '2.42');
  if (promql !== '2.42' && promql !== '3') {
    io.stderr.write(`obsgen test: --promql must be 2.42 or 3\n${usage}`);
    return ExitCode.usage;
  }
  const files = parsed.args.positionals;
  if (files.length === 0) {
    io.stderr.write(`obsgen test: no test files given\n${usage}`);
    return ExitCode.usage;
  }
  const results = files.map((f) => runTestFile(path.resolve(io.cwd, f), { displayName: f, promql }));
  // Test files sharing rule files share their warnings: print each once.
  const warnings = new Set(results.flatMap((r) => r.warnings.map(renderFinding)));
  for (const w of warnings) io.stderr.write(`${w}\n`);
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify(
        results.map(({ file, ok, failures }) => ({ file, ok, failures })),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const r of results) {
      if (r.ok) {
        io.stdout.write(`${r.file}: SUCCESS\n`);
        continue;
      }
      io.stdout.write(`${r.file}: FAILED\n`);
      for (const f of r.failures) io.stdout.write(`${indent(renderFailure(f))}\n`);
    }
    const failed = results.filter((r) => !r.ok).length;
    io.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  }
  return results.every((r) => r.ok) ? ExitCode.success : ExitCode.failure;
};
