// The packed obsgen, installed as a user installs it: `npm pack` (which builds dist/ through
// `prepare`), then `npm install ./obsgen-X.tgz` in a new folder. Dependencies come from the npm cache
// that `npm ci` filled (or the registry).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; npm and npx are found on PATH like a user's shell finds them. */
export function run(command: string, args: readonly string[], cwd: string): Run {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let packed: string | undefined;

/** Path of the tarball, packed once per test file. */
export function packObsgen(): string {
  if (packed) return packed;
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: repoRoot, stdio: 'ignore' });
  const [tarball] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${dir}`);
  packed = path.join(dir, tarball);
  return packed;
}

/** A new npm project (`npm init -y`: CommonJS) with obsgen installed from the tarball. */
export function userProject(type: 'commonjs' | 'module'): string {
  const dir = mkdtempSync(path.join(tmpdir(), `obsgen-user-${type}-`));
  mkdirSync(dir, { recursive: true });
  must(run('npm', ['init', '-y'], dir));
  if (type === 'module') must(run('npm', ['pkg', 'set', 'type=module'], dir));
  must(run('npm', ['install', '--prefer-offline', packObsgen()], dir));
  return dir;
}

export function must(result: Run): Run {
  if (result.status !== 0)
    throw new Error(`exit ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  return result;
}
