// The only module that writes generated/. All-or-nothing: the new tree is built beside the output
// folder, then swapped in with renames, so a failure leaves the previous output exactly as it was.
// Files obsgen did not write (listed in no manifest) are carried over untouched.
import { cp, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from '../artifacts/types.ts';

/** Lists the files obsgen owns in the output folder, so stale ones can be removed and no others. */
export const manifestName = '.obsgen-manifest';

export interface OutputChange {
  readonly path: string;
  readonly change: 'added' | 'modified' | 'removed';
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

export async function readManifest(outDir: string): Promise<string[]> {
  const text = await readText(path.join(outDir, manifestName));
  return text === null ? [] : text.split('\n').filter((line) => line !== '');
}

export function manifestText(files: readonly GeneratedFile[]): string {
  return `${files.map((f) => f.path).join('\n')}\n`;
}

/** What writing `files` would change on disk (the basis of `gen --check`). */
export async function diffOutput(outDir: string, files: readonly GeneratedFile[]): Promise<OutputChange[]> {
  const wanted = new Set(files.map((f) => f.path));
  const changes: OutputChange[] = [];
  for (const file of files) {
    const current = await readText(path.join(outDir, file.path));
    if (current === null) changes.push({ path: file.path, change: 'added' });
    else if (current !== file.content) changes.push({ path: file.path, change: 'modified' });
  }
  for (const old of await readManifest(outDir)) {
    if (!wanted.has(old)) changes.push({ path: old, change: 'removed' });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Replaces obsgen's files in `outDir` with `files`, atomically at the folder level. */
export async function writeOutput(outDir: string, files: readonly GeneratedFile[]): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = path.join(parent, `.obsgen-tmp-${stamp}`);
  const previous = path.join(parent, `.obsgen-old-${stamp}`);
  const exists = (await readText(path.join(target, manifestName))) !== null || (await isDirectory(target));
  try {
    if (exists) {
      await cp(target, staging, { recursive: true });
      for (const old of await readManifest(target)) await rm(path.join(staging, old), { force: true });
    } else {
      await mkdir(staging, { recursive: true });
    }
    const all = [...files, { path: manifestName, content: manifestText(files), kubernetes: false }];
    for (const file of all) {
      const destination = path.join(staging, file.path);
      await mkdir(path.dirname(destination), { recursive: true });
      await writeFile(destination, file.content);
    }
    await removeEmptyFolders(staging);
    if (exists) await rename(target, previous);
    await rename(staging, target);
    if (exists) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** Folders emptied by removing stale files go too, so renamed services leave no trace. */
async function removeEmptyFolders(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  let empty = true;
  for (const entry of entries) {
    if (entry.isDirectory()) {
      const child = path.join(dir, entry.name);
      if (await removeEmptyFolders(child)) await rmdir(child);
      else empty = false;
    } else {
      empty = false;
    }
  }
  return empty;
}
