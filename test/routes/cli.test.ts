import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/cli/commands/routes.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-routes-cli-'));
writeFileSync(
  path.join(dir, 'am.yaml'),
  `route:
  receiver: root
  routes:
    - matchers: [team="a", severity="critical"]
      receiver: a-pager
      continue: true
    - matchers: [team="a"]
      receiver: a-chat
receivers: [{name: root}, {name: a-pager}, {name: a-chat}]
`,
);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await routes(args, {
    cwd: dir,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('obsgen routes test', () => {
  it('prints the receivers comma-separated', async () => {
    expect(await run('test', '--config', 'am.yaml', 'team=a', 'severity=critical')).toEqual({
      code: 0,
      out: 'a-pager,a-chat\n',
      err: '',
    });
  });
  it('verifies the expected receivers like amtool', async () => {
    expect(
      (
        await run(
          'test',
          '--config=am.yaml',
          '--verify.receivers=a-pager,a-chat',
          'team=a',
          'severity=critical',
        )
      ).code,
    ).toBe(0);
    const mismatch = await run(
      'test',
      '--config',
      'am.yaml',
      '--verify.receivers=a-chat',
      'team=a',
      'severity=critical',
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.out).toContain('WARNING: Expected receivers did not match resolved receivers.');
  });
  it('refuses non-equality labels, missing files and missing flags', async () => {
    expect((await run('test', '--config', 'am.yaml', 'team=~a')).code).toBe(1);
    expect((await run('test', '--config', 'nope.yaml', 'a=b')).code).toBe(1);
    expect((await run('test', 'a=b')).code).toBe(2);
    expect((await run()).code).toBe(2);
  });
});
