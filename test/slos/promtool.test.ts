// promtool is the oracle: every generated test file passes `promtool test rules` against the
// generated rule files, as it does `obsgen test` (the SLO math: fast burn fires on the predicted
// minute, 1x budget and low traffic stay quiet, recovery, no data, zero traffic, traffic weighting;
// every default alert: fires with its labels and annotations, respects its `for`, stays quiet just
// under its threshold and below the traffic floor, resolves; the Watchdog).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runTestFiles } from '../../src/unittest/runner.ts';
import { tool } from '../support/tools.ts';
import { generatedProject } from './support.ts';

const promtool = tool('promtool');
const run = promisify(execFile);

async function promtoolTest(file: string): Promise<{ ok: boolean; output: string }> {
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

describe.skipIf(!promtool.path)('generated tests under promtool', () => {
  it('pass for every alert of the example catalog, as under obsgen test', { timeout: 240_000 }, async () => {
    const { tests } = await generatedProject();
    expect(tests.map((t) => path.basename(t))).toEqual([
      'alerts-anomaly-detection.yaml',
      'alerts-cloudviz.yaml',
      'alerts-healthcare-ai.yaml',
      'alerts-platform-edu.yaml',
      'alerts-rental-ml.yaml',
      'slo-anomaly-detection-latency.yaml',
      'slo-cloudviz-availability.yaml',
      'slo-cloudviz-endpoint-availability.yaml',
      'slo-cloudviz-latency.yaml',
      'slo-healthcare-ai-availability.yaml',
      'slo-healthcare-ai-latency.yaml',
      'slo-platform-edu-availability.yaml',
      'slo-platform-edu-latency.yaml',
      'slo-rental-ml-availability.yaml',
      'slo-rental-ml-latency.yaml',
      'watchdog.yaml',
    ]);
    const results = await pooled(tests.map((file) => () => promtoolTest(file)));
    const failures = results.map((r, i) => (r.ok ? null : `${tests[i]}\n${r.output}`)).filter(Boolean);
    expect(failures).toEqual([]);
    // Differential: obsgen's verdict on each file is promtool's.
    expect(runTestFiles(tests).map((r) => r.ok)).toEqual(results.map((r) => r.ok));
  });
});
