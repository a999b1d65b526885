// The generated tests hold where the rules run. Prometheus 3's ranges are left-open, so a burn's
// first minutes rate higher and an alert can fire a minute apart from 2.x; the generated tests
// assert only minutes both semantics agree on. Generated for target prometheus-3, they pass the
// engine's 3.x profile and its 2.42 profile (promtool's), as the default target's do.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PromVersion } from '../../src/promql/functions.ts';
import { runTestFile } from '../../src/unittest/runner.ts';
import { type Generated, generate } from './support.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The rule files and generated tests, written to a temp folder laid out like generated/. */
async function writeTests(generated: Generated): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-target-tests-'));
  const tests: string[] = [];
  for (const [file, content] of generated.files) {
    if (!file.startsWith('prometheus/rule-files/') && !file.startsWith('tests/')) continue;
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
    if (file.startsWith('tests/')) tests.push(path.join(dir, file));
  }
  return tests.sort();
}

function failures(tests: readonly string[], promql: PromVersion): string[] {
  return tests
    .map((file) => runTestFile(file, { promql }))
    .filter((r) => !r.ok)
    .map((r) => `${path.basename(r.file)}: ${JSON.stringify(r.failures).slice(0, 400)}`);
}

describe('generated tests under target prometheus-3', () => {
  it('pass the engine 3.x profile and the 2.42 one on the example catalog', {
    timeout: 120_000,
  }, async () => {
    const example = await readFile(path.join(root, 'catalog.yaml'), 'utf8');
    const catalog = example.replace(/^settings:\n/m, 'settings:\n  target: prometheus-3\n');
    expect(catalog).toContain('  target: prometheus-3\n');
    const generated = await generate(catalog);
    expect(generated.errors).toEqual([]);
    const tests = await writeTests(generated);
    // Every alert keeps its tests: the same files, and the same test groups, as under the default target.
    const groups = (g: Generated) =>
      [...g.files]
        .filter(([f]) => f.startsWith('tests/'))
        .map(([f, text]) => [f, text.match(/^ {2}- name: /gm)?.length]);
    expect(groups(generated)).toEqual(groups(await generate(example)));
    expect(tests.filter((t) => path.basename(t).startsWith('slo-'))).toHaveLength(9);
    const slo = await readFile(tests.find((t) => t.endsWith('slo-cloudviz-latency.yaml')) ?? '', 'utf8');
    expect(slo).toContain('le="1.0"');
    expect(failures(tests, '3')).toEqual([]);
    expect(failures(tests, '2.42')).toEqual([]);
  });
});
