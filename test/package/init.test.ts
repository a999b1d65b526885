// `obsgen init` in-process: what it writes, and that it never overwrites.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergedManifest } from '../../src/cli/commands/init.ts';
import { files } from '../../src/cli/init-templates.ts';
import { runCli, tempProject } from '../support/project.ts';

describe('obsgen init', () => {
  it('writes the catalog with its schema line, the examples, CI and the Argo CD Application', async () => {
    const dir = await tempProject({});
    const { code, stdout } = await runCli(['init', 'platform'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('next: cd platform && npm install && npm run gen && npm test');
    const read = (name: string): string => readFileSync(path.join(dir, 'platform', name), 'utf8');
    expect(read('catalog.yaml').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=generated/catalog.schema.json',
    );
    expect(JSON.parse(read('package.json'))).toMatchObject({
      name: 'platform',
      scripts: { gen: 'obsgen gen' },
      dependencies: { obsgen: expect.stringMatching(/^\^\d/) },
    });
    for (const ci of ['.github/workflows/obsgen.yaml', '.gitlab-ci.yml'])
      for (const step of ['obsgen gen --check', 'obsgen lint', 'obsgen test', 'promtool test rules'])
        expect(read(ci), `${ci}: ${step}`).toContain(step);
    expect(read('argocd/application.yaml')).toContain('path: generated');
  });

  it('refuses to overwrite: lists every file in the way and writes nothing', async () => {
    const dir = await tempProject({ 'catalog.yaml': 'mine\n', 'alerts/example.ts': 'mine\n' });
    const { code, stderr } = await runCli(['init'], dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'obsgen init: . already has these; nothing written (move them away, or init another folder):\n  catalog.yaml\n  alerts/example.ts\n',
    );
    expect(readFileSync(path.join(dir, 'catalog.yaml'), 'utf8')).toBe('mine\n');
    expect(() => readFileSync(path.join(dir, 'slos/example.ts'))).toThrow();
  });

  it("keeps an existing package.json, replacing only npm's placeholder test script", () => {
    const npmInit = JSON.stringify({
      name: 'x',
      scripts: { test: 'echo "Error: no test specified" && exit 1' },
      dependencies: { obsgen: 'file:obsgen-0.1.0.tgz' },
    });
    const merged = mergedManifest(npmInit, '0.1.0');
    expect('text' in merged && JSON.parse(merged.text)).toMatchObject({
      name: 'x',
      scripts: { test: 'obsgen test generated/tests/*.yaml tests/*.yaml' },
      dependencies: { obsgen: 'file:obsgen-0.1.0.tgz' },
    });
    expect(mergedManifest(JSON.stringify({ scripts: { gen: 'make' } }), '0.1.0')).toEqual({
      conflicts: ['package.json: scripts.gen ("make")'],
    });
  });

  it('lists a conflicting script among the files in the way', async () => {
    const dir = await tempProject({ 'package.json': JSON.stringify({ scripts: { check: 'make check' } }) });
    const { code, stderr } = await runCli(['init'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('  package.json: scripts.check ("make check")');
    expect(Object.keys(files).some((name) => stderr.includes(name))).toBe(false);
  });
});
