// Writing generated/: stale files obsgen wrote are removed, files it did not write are kept, and
// `gen --check` names what differs without writing anything.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject, treeHash } from '../support/project.ts';

const base = await readFile(path.join(import.meta.dirname, '../catalog/fixtures/base.yaml'), 'utf8');
const twoServices = base.replace(
  'services:\n',
  'services:\n  cart:\n    team: web\n    namespace: cart\n    scrape: { port: metrics, selector: { app: cart } }\n    metrics: {}\n',
);

describe('generated/ on disk', () => {
  it('removes stale obsgen files and keeps foreign ones', async () => {
    const dir = await tempProject({ 'catalog.yaml': twoServices });
    expect((await runCli(['gen'], dir)).code).toBe(0);
    const cartRules = path.join(dir, 'generated/prometheus/rules/cart.yaml');
    expect(await readFile(cartRules, 'utf8')).toContain('kind: PrometheusRule');
    await writeFile(path.join(dir, 'generated/NOTES.md'), 'kept\n');

    await writeFile(path.join(dir, 'catalog.yaml'), base);
    expect((await runCli(['gen'], dir)).code).toBe(0);
    await expect(readFile(cartRules, 'utf8')).rejects.toThrow();
    expect(await readFile(path.join(dir, 'generated/NOTES.md'), 'utf8')).toBe('kept\n');
    const kustomization = await readFile(path.join(dir, 'generated/kustomization.yaml'), 'utf8');
    expect(kustomization).not.toContain('cart');
    expect(kustomization).toContain('prometheus/rules/shop.yaml');
  });

  it('gen --check lists the files that would change and writes nothing', async () => {
    const dir = await tempProject({ 'catalog.yaml': base });
    expect((await runCli(['gen'], dir)).code).toBe(0);
    const clean = await runCli(['gen', '--check'], dir);
    expect(clean.code).toBe(0);

    const rulesFile = path.join(dir, 'generated/prometheus/rule-files/shop.rules.yaml');
    await writeFile(rulesFile, 'edited by hand\n');
    await writeFile(path.join(dir, 'catalog.yaml'), twoServices);
    const before = await treeHash(path.join(dir, 'generated'));
    const result = await runCli(['gen', '--check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('would be modified: generated/prometheus/rule-files/shop.rules.yaml');
    expect(result.stdout).toContain('would be added: generated/prometheus/rules/cart.yaml');
    expect(await treeHash(path.join(dir, 'generated'))).toEqual(before);
  });

  it('a regeneration keeps each unchanged file as it is and writes the changed ones anew', async () => {
    const dir = await tempProject({ 'catalog.yaml': twoServices });
    expect((await runCli(['gen'], dir)).code).toBe(0);
    const unchanged = path.join(dir, 'generated/prometheus/rules/shop.yaml');
    const edited = path.join(dir, 'generated/prometheus/rule-files/shop.rules.yaml');
    const generatedText = await readFile(edited, 'utf8');
    await writeFile(edited, 'edited by hand\n');
    const inodes = { unchanged: (await stat(unchanged)).ino, edited: (await stat(edited)).ino };

    expect((await runCli(['gen'], dir)).code).toBe(0);
    // Linked into the new tree, not written again; the edited file is replaced by a new one.
    expect((await stat(unchanged)).ino).toBe(inodes.unchanged);
    expect((await stat(edited)).ino).not.toBe(inodes.edited);
    expect(await readFile(edited, 'utf8')).toBe(generatedText);
  });

  it('usage errors exit 2', async () => {
    const dir = await tempProject({ 'catalog.yaml': base });
    expect((await runCli(['gen', '--nope'], dir)).code).toBe(2);
    expect((await runCli(['gen', 'extra'], dir)).code).toBe(2);
    expect((await runCli(['frobnicate'], dir)).code).toBe(2);
  });

  it('a missing catalog is an error at the file, not a crash', async () => {
    const dir = await tempProject({});
    const result = await runCli(['gen', '--catalog', 'nope.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nope.yaml:1:1: error: cannot read catalog: file not found');
  });
});
