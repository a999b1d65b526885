// `obsgen test` against `promtool test rules` on the same files: Prometheus 2.42's engine tests
// (../shared/corpora/promqltest, 559 files) plus the harness fixtures that pass or fail cleanly.
// promtool runs once over all files; obsgen runs once in-process (runTestFiles) and once as the CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runTestFiles } from '../src/unittest/runner.ts';

const root = path.resolve(import.meta.dirname, '..');
const corpusDir = path.resolve(root, '../shared/corpora/promqltest');
const fixtureDir = path.join(root, 'test/unittest/fixtures');

function testFiles(): string[] {
  const files: string[] = [];
  if (existsSync(corpusDir)) {
    for (const sub of readdirSync(corpusDir).sort()) {
      const dir = path.join(corpusDir, sub);
      if (!sub.includes('.'))
        for (const f of readdirSync(dir).sort()) if (f.endsWith('.yml')) files.push(path.join(dir, f));
    }
  }
  const fixtures = [
    'alerts-for',
    'keep-firing',
    'value-format',
    'recording-chain',
    'stale',
    'no-interval',
    'offgrid',
    'failing-alert',
    'failing-expr',
    'nan',
  ];
  for (const f of fixtures) files.push(path.join(fixtureDir, `${f}.yml`));
  return files;
}

function wall(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function bestOf(n: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) best = Math.min(best, wall(fn));
  return best;
}

/** The SLO tests obsgen generates (long windows, many steps): heavier and closer to real suites. */
function generatedTestsSection(promtool: string): string[] {
  const dir = path.join(root, 'generated/tests');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
  const ours = wall(() => runTestFiles(files));
  const lines = [
    `generated/tests (${files.length} SLO test files), one run each:`,
    '',
    '| runner | wall time |',
    '| --- | ---: |',
  ];
  lines.push(`| obsgen runTestFiles (in-process) | ${ours.toFixed(0)} ms |`);
  if (promtool) {
    const theirs = wall(() => {
      spawnSync(promtool, ['test', 'rules', ...files], { cwd: dir, stdio: 'ignore' });
    });
    lines.push(
      `| promtool test rules | ${theirs.toFixed(0)} ms |`,
      '',
      `Ratio promtool / obsgen: ${(theirs / ours).toFixed(2)}x.`,
    );
  }
  return lines;
}

export async function run(): Promise<string> {
  const files = testFiles();
  const lines = ['## Alert unit tests (`obsgen test` vs `promtool test rules`)', ''];
  lines.push(
    `${files.length} test files (promqltest corpus + harness fixtures), one invocation each, best of 3.`,
    '',
  );
  runTestFiles(files.slice(0, 20)); // warm up the JIT
  const inProcess = bestOf(3, () => runTestFiles(files));
  const cli = bestOf(3, () => {
    spawnSync(process.execPath, [path.join(root, 'bin/obsgen.js'), 'test', ...files], {
      cwd: root,
      stdio: 'ignore',
    });
  });
  const promtool = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).stdout.trim();
  lines.push('| runner | wall time | files/s |', '| --- | ---: | ---: |');
  const row = (name: string, ms: number): string =>
    `| ${name} | ${ms.toFixed(0)} ms | ${((files.length / ms) * 1000).toFixed(0)} |`;
  lines.push(
    row('obsgen runTestFiles (in-process)', inProcess),
    row('obsgen test (CLI, process start included)', cli),
  );
  if (promtool) {
    const pt = bestOf(3, () => {
      spawnSync(promtool, ['test', 'rules', ...files], { cwd: fixtureDir, stdio: 'ignore' });
    });
    lines.push(row('promtool test rules', pt), '');
    lines.push(
      `Ratio promtool / obsgen: ${(pt / inProcess).toFixed(2)}x in-process, ${(pt / cli).toFixed(2)}x CLI (target >= 2x).`,
    );
  } else lines.push('', 'promtool not found (Debian package `prometheus`): no ratio.');
  lines.push('', ...generatedTestsSection(promtool));
  return lines.join('\n');
}
