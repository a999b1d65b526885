// Every command survives a reader that leaves early (`obsgen test FILE | head -1`): the pipe is closed
// before the command writes, and it must still end with its own exit code and no EPIPE on stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-closed-stdout-'));
const lintFile = path.join(scratch, 'rules.yaml');
writeFileSync(
  lintFile,
  'groups:\n- name: g\n  rules:\n  - alert: Errors\n    expr: rate(errors_total[5m]) > 0.1\n',
);
const passing = 'test/unittest/fixtures/alerts-for.yml';

function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/obsgen.js', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const cases: readonly { args: readonly string[]; code: number }[] = [
  { args: ['--help'], code: 0 },
  { args: ['test', passing, passing, passing], code: 0 },
  { args: ['test', '--format', 'json', passing], code: 0 },
  { args: ['lint', lintFile], code: 0 },
  { args: ['lint', '--format', 'json', lintFile], code: 0 },
  { args: ['gen', '--check'], code: 0 },
  {
    args: [
      'routes',
      'test',
      '--config',
      'generated/alertmanager/alertmanager.yaml',
      'team=platform',
      'severity=critical',
    ],
    code: 0,
  },
  { args: ['openslo', 'export'], code: 0 },
  { args: ['preview', '--out', path.join(scratch, 'preview.html')], code: 0 },
];

describe('a closed stdout', () => {
  it.each(cases)('obsgen $args exits $code without EPIPE', { timeout: 120_000 }, async ({ args, code }) => {
    const result = await runWithClosedStdout(args);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(code);
  });
});
