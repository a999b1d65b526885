// Every fixture runs through `promtool test rules` and `obsgen test`: verdicts must agree.
// The expected verdicts are also recorded here, so the suite checks obsgen where promtool is absent.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestFile } from '../../src/unittest/runner.ts';
import { tool } from '../support/tools.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

/** promtool 2.42's verdict on each fixture (true = passes). */
const verdicts: Record<string, boolean> = {
  'alerts-for.yml': true,
  'keep-firing.yml': true,
  'value-format.yml': true,
  'recording-chain.yml': true,
  'stale.yml': true,
  'no-interval.yml': true,
  'templates-query.yml': true,
  'staleness-of-recordings.yml': true,
  'twins.yml': true,
  'for-resets.yml': true,
  'label-conflict.yml': false,
  'bad-template.yml': false,
  'limit.yml': false,
  'offgrid.yml': false,
  'pending-then-firing.yml': false,
  'failing-alert.yml': false,
  'failing-expr.yml': false,
  'nan.yml': false,
  'bad-yaml.yml': false,
  'unknown-field.yml': false,
  'bad-series.yml': false,
  'bad-expr.yml': false,
};

describe('obsgen test verdicts', () => {
  it.each(Object.entries(verdicts))('%s passes: %s', (file, pass) => {
    const result = runTestFile(path.join(fixtures, file));
    expect(result.ok, JSON.stringify(result.failures, null, 2)).toBe(pass);
  });
});

const promtool = tool('promtool');

function promtoolPasses(file: string): boolean {
  try {
    execFileSync(promtool.path ?? 'promtool', ['test', 'rules', file], { cwd: fixtures, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!promtool.path)('obsgen test agrees with promtool test rules', () => {
  it.each(Object.keys(verdicts))('%s', (file) => {
    expect(runTestFile(path.join(fixtures, file)).ok).toBe(promtoolPasses(file));
  });
});
