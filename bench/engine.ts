// The PromQL engine: a larger differential fuzz run against promtool (CI runs 30 cases, this runs
// OBSGEN_BENCH_FUZZ_CASES, default 500), and the time each side needs for those files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTestFiles } from '../src/unittest/runner.ts';
import { makeCase, promtoolVerdicts } from '../test/unittest/engine/fuzz-cases.ts';

function promtoolPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function wall(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function run(): Promise<string> {
  const lines = ['## PromQL engine (differential fuzz against promtool)', ''];
  const promtool = promtoolPath();
  if (promtool === null)
    return [...lines, 'skipped: promtool not found (Debian package `prometheus`)'].join('\n');
  const count = Number(process.env.OBSGEN_BENCH_FUZZ_CASES ?? 500);
  const seed0 = Number(process.env.OBSGEN_FUZZ_SEED ?? 100_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-bench-fuzz-'));
  try {
    const cases = Array.from({ length: count }, (_, i) => makeCase(dir, seed0 + i));
    const files = cases.map((c) => c.file);
    let verdicts = new Map<string, boolean>();
    const promtoolMs = wall(() => {
      verdicts = promtoolVerdicts(promtool, files);
    });
    const agree = cases.filter((c) => verdicts.get(c.file) === c.expectPass);
    const passing = cases.filter((c) => c.expectPass).length;
    let obsgenAgree = 0;
    const obsgenMs = wall(() => {
      const results = runTestFiles(files);
      obsgenAgree = results.filter((r) => r.ok === verdicts.get(r.file)).length;
    });
    // Keep the CLI honest too: one process over the same files.
    const cliMs = wall(() => {
      spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/obsgen.js'), 'test', ...files]);
    });
    lines.push(
      `${count} random test files (seeds ${seed0}..${seed0 + count - 1}; ${passing} expected to pass, the rest expect NaN or an evaluation error).`,
      '',
      '| measure | value |',
      '|---|---|',
      `| engine results accepted by promtool (verdict agreement) | ${agree.length}/${count} |`,
      `| \`obsgen test\` runner verdicts equal to promtool's | ${obsgenAgree}/${count} |`,
      `| promtool test rules, one invocation | ${promtoolMs.toFixed(0)} ms |`,
      `| obsgen runner in-process | ${obsgenMs.toFixed(0)} ms (${(promtoolMs / obsgenMs).toFixed(1)}x faster) |`,
      `| obsgen test CLI, one process | ${cliMs.toFixed(0)} ms (${(promtoolMs / cliMs).toFixed(1)}x faster) |`,
    );
    const disagreements = cases.filter((c) => verdicts.get(c.file) !== c.expectPass).slice(0, 5);
    for (const c of disagreements) lines.push('', `- disagreement: ${path.basename(c.file)} ${c.summary}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}
