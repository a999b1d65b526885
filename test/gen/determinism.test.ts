// The same catalog gives the same bytes whatever the order of its entries.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, parseDocument, visit } from 'yaml';
import { regenerateAdvice } from '../../src/emit/regenerate.ts';
import { runPipeline } from '../../src/pipeline/run.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffleMaps(text: string, seed: number): string {
  const next = random(seed);
  const document = parseDocument(text);
  visit(document, {
    Map(_, map) {
      if (!isMap(map)) return;
      for (let i = map.items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const a = map.items[i];
        const b = map.items[j];
        if (a && b) [map.items[i], map.items[j]] = [b, a];
      }
    },
  });
  return document.toString({ lineWidth: 0 });
}

describe('determinism', () => {
  it.each([1, 2, 3])('shuffled catalog (seed %i) gives identical files', async (seed) => {
    const original = await readFile(path.join(root, 'catalog.yaml'), 'utf8');
    const shuffled = shuffleMaps(original, seed);
    expect(shuffled).not.toBe(original);
    // Beside the real catalog, so the same alerts/, slos/ and dashboards/ modules load.
    const shuffledFile = path.join(root, `.obsgen-tmp-shuffled-${seed}.yaml`);
    await writeFile(shuffledFile, shuffled);
    const a = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    const b = await runPipeline(shuffledFile, 'catalog.yaml').finally(() =>
      rm(shuffledFile, { force: true }),
    );
    expect(b.problems).toEqual([]);
    expect(b.files.map((f) => f.path)).toEqual(a.files.map((f) => f.path));
    // The headers name the catalog file to regenerate from, which is the one input that differs here.
    const out = path.join(root, 'generated');
    const shuffledAdvice = regenerateAdvice(shuffledFile, out);
    const originalAdvice = regenerateAdvice(path.join(root, 'catalog.yaml'), out);
    expect(shuffledAdvice).not.toBe(originalAdvice);
    for (const [index, file] of a.files.entries())
      expect(b.files[index]?.content.replaceAll(shuffledAdvice, originalAdvice), file.path).toBe(
        file.content,
      );
  });
});
