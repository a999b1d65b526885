// Shared by the importer tests: golden files (UPDATE_GOLDEN=1 rewrites them), a fragment merged
// into a catalog and generated with the real pipeline.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { runPipeline } from '../../src/pipeline/run.ts';
import { renderProblem } from '../../src/problem.ts';

type Json = Record<string, unknown>;

export const goldenDir = path.resolve(import.meta.dirname, 'golden');

/** Compares `actual` with the golden file `name` (rewritten under UPDATE_GOLDEN=1). */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actual);
  }
  expect(actual).toBe(await readFile(file, 'utf8'));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, extra: unknown): unknown {
  if (!isObject(base) || !isObject(extra)) return extra;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(extra)) out[key] = key in base ? merge(base[key], value) : value;
  return out;
}

/** The fragment pasted into a catalog: maps merged key by key, the fragment's entries winning. */
export function mergeFragment(catalog: string, fragment: string): string {
  return stringify(merge(parse(catalog), parse(fragment)), { lineWidth: 0 });
}

/** A catalog with the given teams (one chat receiver each) and no services. */
export function teamsCatalog(...teams: string[]): string {
  const entries = teams.map(
    (team) =>
      `  ${team}:\n    receivers:\n      chat: { slack: { channel: "#${team}", apiURL: { secret: am-slack, key: ${team} } } }\n    routing: { default: chat }\n`,
  );
  return `teams:\n${entries.join('')}services: {}\n`;
}

/** Runs gen on `catalog` (and `files`) in a temporary folder; fails the test on any error. */
export async function generate(
  catalog: string,
  files: Readonly<Record<string, string>> = {},
): Promise<{ dir: string; files: ReadonlyMap<string, string> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-import-'));
  for (const [name, text] of Object.entries({ 'catalog.yaml': catalog, ...files })) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const result = await runPipeline(path.join(dir, 'catalog.yaml'), 'catalog.yaml');
  expect(result.problems.filter((p) => p.severity === 'error').map(renderProblem)).toEqual([]);
  return { dir, files: new Map(result.files.map((f) => [f.path, f.content])) };
}
