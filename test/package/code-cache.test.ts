// The compiled CLI's V8 code caches (bin/compiled.js): written on a command's first run, stamped
// with the bundle's build id, used as they are after that, and never trusted for another build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** bin/ and dist/ (which `npm ci` builds) in a folder of their own, so their caches are the test's. */
function installedCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-code-cache-'));
  for (const entry of ['bin', 'dist', 'package.json'])
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), {
      recursive: true,
      filter: (f) => !f.endsWith('.cache'),
    });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function obsgen(dir: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [path.join(dir, 'bin/obsgen.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const buildId = (dir: string): string =>
  readFileSync(path.join(dir, 'dist/obsgen.cjs'), 'utf8').split('\n')[0] ?? '';
const cache = (dir: string, name: string): string => path.join(dir, `dist/obsgen.${name}.cache`);
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
const testFile = 'test/unittest/fixtures/alerts-for.yml';

describe('the compiled CLI code cache', () => {
  let dir = '';
  beforeEach(() => {
    if (!existsSync(path.join(repoRoot, 'dist/obsgen.cjs')))
      throw new Error('dist/ is missing: run npm run build');
    dir = installedCopy();
  });

  it("writes a command's cache on its first run, stamped with the build id, and keeps it after", () => {
    expect(existsSync(cache(dir, 'test'))).toBe(false);
    expect(obsgen(dir, ['test', testFile]).stdout).toContain('1 passed, 0 failed');
    const written = readFileSync(cache(dir, 'test'));
    expect(written.toString('utf8', 0, written.indexOf(10))).toBe(buildId(dir));
    expect(written.length).toBeGreaterThan(10_000);
    const before = statSync(cache(dir, 'test')).mtimeMs;
    expect(obsgen(dir, ['test', testFile]).stdout).toContain('1 passed, 0 failed');
    expect(statSync(cache(dir, 'test')).mtimeMs).toBe(before);
    // Other commands have caches of their own; --version shares one with --help.
    expect(existsSync(cache(dir, 'lint'))).toBe(false);
    expect(obsgen(dir, ['--version']).stdout).toBe(`${version}\n`);
    expect(existsSync(cache(dir, 'version'))).toBe(true);
  });

  it.each([
    [
      'another build',
      (data: Buffer) =>
        Buffer.concat([Buffer.from('// obsgen build 0123\n'), data.subarray(data.indexOf(10) + 1)]),
    ],
    [
      'damaged V8 data',
      (data: Buffer) => Buffer.concat([data.subarray(0, data.indexOf(10) + 1), Buffer.alloc(4096, 7)]),
    ],
    ['no stamp', () => Buffer.from('garbage')],
  ])('runs as without a cache from %s, and replaces it', (_, damage) => {
    obsgen(dir, ['--version']);
    const good = readFileSync(cache(dir, 'version'));
    writeFileSync(cache(dir, 'version'), damage(good));
    const result = obsgen(dir, ['--version']);
    expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    const replaced = readFileSync(cache(dir, 'version'));
    expect(replaced.toString('utf8', 0, replaced.indexOf(10))).toBe(buildId(dir));
  });

  it('writes no cache for a word that is not a command', () => {
    expect(obsgen(dir, ['bogus']).status).toBe(2);
    expect(existsSync(cache(dir, 'bogus'))).toBe(false);
  });
});
