// Temporary obsgen projects for CLI tests: a catalog, optional user modules, and a runner that
// captures stdout/stderr in-process.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.ts';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

export async function tempProject(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-test-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** Every file under `dir` with its sha256, to prove a folder was left byte-identical. */
export async function treeHash(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  async function walk(current: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        result[path.relative(dir, full)] = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
    }
  }
  await walk(dir);
  return result;
}

/** Text of every file under `dir`, keyed by relative path. */
export async function treeText(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else result[path.relative(dir, full)] = await readFile(full, 'utf8');
    }
  }
  await walk(dir);
  return result;
}

/**
 * Generates a project cleanly, adds `file` with `text`, and checks that gen then fails with a line
 * starting `expected` and leaves generated/ byte-identical.
 */
export async function expectGenFailure(
  catalog: string,
  file: string,
  text: string,
  expected: string,
): Promise<void> {
  const dir = await tempProject({ 'catalog.yaml': catalog });
  expect((await runCli(['gen'], dir)).code).toBe(0);
  const before = await treeHash(path.join(dir, 'generated'));
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
  const result = await runCli(['gen'], dir);
  expect(result.code).toBe(1);
  expect(
    result.stderr.split('\n').some((line) => line.startsWith(expected)),
    result.stderr,
  ).toBe(true);
  expect(await treeHash(path.join(dir, 'generated'))).toEqual(before);
}
