// promtool is the oracle for the SLO math: every generated SLO test file passes `promtool test rules`
// against the generated rule files (fast burn fires on the predicted minute, 1x budget and low
// traffic stay quiet, recovery, no data, zero traffic, traffic weighting).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/emit/pipeline.ts';
import { tool } from '../support/tools.ts';

const promtool = tool('promtool');
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

export async function promtoolTest(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(promtool.path ?? 'promtool', ['test', 'rules', file], {
      maxBuffer: 1 << 24,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Runs `jobs` two at a time (CI has two cores). */
async function pooled<T>(jobs: readonly (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        const job = jobs[index];
        if (job) results[index] = await job();
      }
    }),
  );
  return results;
}

/** The example catalog's generated output, written to a temp folder laid out like generated/. */
export async function generatedProject(): Promise<{ dir: string; tests: string[] }> {
  const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-slo-'));
  const tests: string[] = [];
  for (const file of result.files) {
    if (!file.path.startsWith('prometheus/rule-files/') && !file.path.startsWith('tests/slo-')) continue;
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    if (file.path.startsWith('tests/slo-')) tests.push(target);
  }
  return { dir, tests: tests.sort() };
}

describe.skipIf(!promtool.path)('generated SLO tests under promtool', () => {
  it('pass for every SLO of the example catalog', { timeout: 240_000 }, async () => {
    const { tests } = await generatedProject();
    expect(tests.map((t) => path.basename(t))).toEqual([
      'slo-anomaly-detection-latency.yaml',
      'slo-cloudviz-availability.yaml',
      'slo-cloudviz-latency.yaml',
      'slo-healthcare-ai-availability.yaml',
      'slo-healthcare-ai-latency.yaml',
      'slo-platform-edu-availability.yaml',
      'slo-platform-edu-latency.yaml',
      'slo-rental-ml-availability.yaml',
      'slo-rental-ml-latency.yaml',
    ]);
    const results = await pooled(tests.map((file) => () => promtoolTest(file)));
    const failures = results.map((r, i) => (r.ok ? null : `${tests[i]}\n${r.output}`)).filter(Boolean);
    expect(failures).toEqual([]);
  });
});
