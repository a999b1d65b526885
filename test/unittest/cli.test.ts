import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { test as testCommand } from '../../src/cli/commands/test.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await testCommand(args, {
    cwd: fixtures,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

describe('obsgen test', () => {
  it('exits 0 when every file passes', async () => {
    const r = await run(['alerts-for.yml', 'keep-firing.yml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('alerts-for.yml: SUCCESS');
    expect(r.stdout).toContain('2 passed, 0 failed');
  });

  it('shows expected against got, naming the test and eval_time', async () => {
    const r = await run(['failing-alert.yml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failing-alert.yml: FAILED');
    expect(r.stdout).toContain('test "wrong labels", alertname: PendingLong, time: 12m');
    expect(r.stdout).toContain('- {alertname="PendingLong", job="web"} annotations {}');
    expect(r.stdout).toContain('+ {alertname="PendingLong", job="db"} annotations {}');
  });

  it('--diff prints a failed exp_alerts as a structural diff, promtool 2.50 style', async () => {
    vi.stubEnv('NO_COLOR', '1'); // words, not terminal colours, whatever the runner's environment
    const r = await run(['--diff', 'failing-alert.yml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        '    test "wrong labels", alertname: PendingLong, time: 12m',
        '      diff (expected => got):',
        '        [',
        '            {',
        '                "Annotations": {},',
        '                "Labels": {',
        '                    "alertname": "PendingLong",',
        '                    "job": (changed) "web" => "db"',
        '                }',
        '            }',
        '        ]',
      ].join('\n'),
    );
    // An expectation of an alert that did not fire: what was expected is marked removed.
    expect(r.stdout).toContain('(removed) "alertname": "PendingLong"');
    expect(r.stdout).not.toContain('expected (-) vs got (+)');
  });

  it('--diff prints a failed exp_samples as a structural diff', async () => {
    vi.stubEnv('NO_COLOR', '1');
    const r = await run(['--diff', 'failing-expr.yml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/"Value": \(changed\) 0\.5 => 0\.1666/);
    // Without --diff the default output is unchanged.
    expect((await run(['failing-expr.yml'])).stdout).toContain('expected (-) vs got (+) samples:');
  });

  it('prints the JSON contract: one {file, ok, failures} per file', async () => {
    const r = await run(['--format', 'json', 'alerts-for.yml', 'failing-expr.yml', 'unknown-field.yml']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { file: string; ok: boolean; failures: { kind: string }[] }[];
    expect(json.map((j) => [j.file, j.ok, j.failures.map((f) => f.kind)])).toEqual([
      ['alerts-for.yml', true, []],
      ['failing-expr.yml', false, ['expr']],
      ['unknown-field.yml', false, ['file']],
    ]);
  });

  it('reports malformed files as file:line:col', async () => {
    const r = await run(['unknown-field.yml']);
    expect(r.stdout).toContain('unknown-field.yml:4:5: error: field input_serie not found in test group');
  });

  it('is a usage error without files or with a bad format', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--format', 'xml', 'a.yml'])).code).toBe(2);
  });

  it('warns when a rule depends on a group whose order promtool does not fix', async () => {
    const r = await run(['group-order.yml']);
    expect(r.stderr).toMatch(
      /warning unittest\/group-order: rule HighErrorRatio in group "alerts" reads job:error_ratio:rate1m/,
    );
    // The same rule files under a test that looks at neither rule: nothing to warn about.
    expect((await run(['keep-firing.yml'])).stderr).not.toMatch(/group-order/);
  });
});
