// `obsgen test [--format text|json] FILE...`: promtool-format rule unit tests on the built-in engine,
// with rule coverage (--coverage, --coverage-min), JUnit XML (--junit), a group filter (--run) and
// a structural diff of failed expectations (--diff).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderFinding } from '../../problem.ts';
import { belowMinimum, CoverageCollector, renderCoverage } from '../../unittest/coverage.ts';
import { type Failure, renderFailure, renderFailureDiff } from '../../unittest/failure.ts';
import { junitXml } from '../../unittest/junit.ts';
import { runTestFile } from '../../unittest/runner.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { type Command, ExitCode } from '../io.ts';

const usage =
  'usage: obsgen test [--format text|json] [--promql 2.42|3] [--run REGEX] [--diff] [--junit FILE] [--coverage [--coverage-min PERCENT]] FILE...\n';

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

export const test: Command = async (argv, io) => {
  const parsed = parseArgs(
    argv,
    ['format', 'promql', 'run', 'junit', 'coverage-min'],
    ['help', 'coverage', 'diff'],
  );
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
  let run: RegExp | undefined;
  const runText = parsed.args.flags.get('run');
  if (typeof runText === 'string') {
    try {
      run = new RegExp(runText);
    } catch (e) {
      io.stderr.write(`obsgen test: --run: ${(e as Error).message}\n${usage}`);
      return ExitCode.usage;
    }
  }
  const minText = parsed.args.flags.get('coverage-min');
  const coverageMin = typeof minText === 'string' ? Number(minText.replace(/%$/, '')) : null;
  if (coverageMin !== null && !(Number.isFinite(coverageMin) && coverageMin >= 0 && coverageMin <= 100)) {
    io.stderr.write(`obsgen test: --coverage-min must be a percentage from 0 to 100\n${usage}`);
    return ExitCode.usage;
  }
  const coverage = parsed.args.flags.has('coverage') || coverageMin !== null;
  // promtool colours its diff always; we do on a terminal only (NO_COLOR and FORCE_COLOR as usual).
  const colour =
    process.env.NO_COLOR === undefined &&
    (process.env.FORCE_COLOR !== undefined || process.stdout.isTTY === true);
  const render = parsed.args.flags.has('diff') ? (f: Failure) => renderFailureDiff(f, colour) : renderFailure;
  const files = parsed.args.positionals;
  if (files.length === 0) {
    io.stderr.write(`obsgen test: no test files given\n${usage}`);
    return ExitCode.usage;
  }
  const results = files.map((f) =>
    runTestFile(path.resolve(io.cwd, f), { displayName: f, promql, ...(run ? { run } : {}) }),
  );
  const junit = parsed.args.flags.get('junit');
  if (typeof junit === 'string') writeFileSync(path.resolve(io.cwd, junit), junitXml(results));
  const collector = new CoverageCollector();
  for (const r of results)
    collector.add(
      r.ruleFiles,
      r.groups.map((g) => g.group),
    );
  const report = coverage ? collector.report() : null;
  // Test files sharing rule files share their warnings: print each once.
  const warnings = new Set(results.flatMap((r) => r.warnings.map(renderFinding)));
  for (const w of warnings) io.stderr.write(`${w}\n`);
  if (format === 'json') {
    const files = results.map(({ file, ok, failures }) => ({ file, ok, failures }));
    // With --coverage the array gets a companion: {results, coverage}.
    io.stdout.write(`${JSON.stringify(report ? { results: files, coverage: report } : files, null, 2)}\n`);
  } else {
    for (const r of results) {
      if (r.ok) {
        io.stdout.write(`${r.file}: SUCCESS\n`);
        continue;
      }
      io.stdout.write(`${r.file}: FAILED\n`);
      for (const f of r.failures) io.stdout.write(`${indent(render(f))}\n`);
    }
    const failed = results.filter((r) => !r.ok).length;
    io.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
    if (report) io.stdout.write(`\n${renderCoverage(report)}`);
  }
  if (report && coverageMin !== null && belowMinimum(report, coverageMin)) {
    io.stderr.write(
      `obsgen test: rule coverage ${(Math.floor(report.total.percent * 10) / 10).toFixed(1)}% is below --coverage-min ${coverageMin}%\n`,
    );
    return ExitCode.failure;
  }
  return results.every((r) => r.ok) ? ExitCode.success : ExitCode.failure;
};
