// The same generated tests (SLOs, default alerts, Watchdog) under obsgen's own engine (`obsgen
// test`): same verdicts as promtool, and no warnings.
import path from 'node:path';
import { expect, it } from 'vitest';
import { runTestFiles } from '../../src/unittest/runner.ts';
import { generatedProject } from './support.ts';

it('every generated test passes under runTestFiles', { timeout: 240_000 }, async () => {
  const { tests } = await generatedProject();
  expect(tests).toHaveLength(16);
  const results = runTestFiles(tests);
  const failures = results
    .filter((r) => !r.ok)
    .map((r) => ({ file: path.basename(r.file), failures: r.failures }));
  expect(failures).toEqual([]);
  // group_eval_order fixes every order the tests depend on: no group-order warnings.
  expect(results.flatMap((r) => r.warnings.map((w) => w.message))).toEqual([]);
});
