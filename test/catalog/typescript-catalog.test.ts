// A catalog written in TypeScript goes through the same schema and checks as the YAML one, and its
// problems point at the property in the .ts file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { regenerateAdvice } from '../../src/emit/regenerate.ts';
import { runCli, tempProject, treeText } from '../support/project.ts';

const api = path.resolve(import.meta.dirname, '../../src/index.ts');
const yamlCatalog = await readFile(path.join(import.meta.dirname, 'fixtures/base.yaml'), 'utf8');

function tsCatalog(value: unknown): string {
  return `import { defineCatalog } from '${api}';\n\nexport default defineCatalog(${JSON.stringify(value, null, 2)});\n`;
}

describe('catalog.ts', () => {
  it('generates the same files as the equivalent YAML catalog', async () => {
    const yamlDir = await tempProject({ 'catalog.yaml': yamlCatalog });
    const tsDir = await tempProject({ 'catalog.ts': tsCatalog(parse(yamlCatalog)) });
    expect((await runCli(['gen'], yamlDir)).stderr).toBe('');
    const ts = await runCli(['gen', '--catalog', 'catalog.ts'], tsDir);
    expect(ts.stderr).toBe('');
    expect(ts.code).toBe(0);
    // The headers name the catalog file to regenerate from, the one input that differs here.
    const tsAdvice = regenerateAdvice(path.join(tsDir, 'catalog.ts'), path.join(tsDir, 'generated'));
    const yamlAdvice = regenerateAdvice(path.join(yamlDir, 'catalog.yaml'), path.join(yamlDir, 'generated'));
    expect(tsAdvice).not.toBe(yamlAdvice);
    const tsTree = Object.fromEntries(
      Object.entries(await treeText(path.join(tsDir, 'generated'))).map(([file, text]) => [
        file,
        text.replaceAll(tsAdvice, yamlAdvice),
      ]),
    );
    expect(tsTree).toEqual(await treeText(path.join(yamlDir, 'generated')));
  });

  it('reports problems at the property in the .ts file', async () => {
    const value = parse(yamlCatalog) as { services: { shop: { team: string } } };
    value.services.shop.team = 'mobile';
    const dir = await tempProject({ 'catalog.ts': tsCatalog(value) });
    const result = await runCli(['gen', '--catalog', 'catalog.ts'], dir);
    expect(result.code).toBe(1);
    const text = tsCatalog(value).split('\n');
    const line = text.findIndex((l) => l.includes('"team": "mobile"')) + 1;
    const column = (text[line - 1] ?? '').indexOf('"team"') + 1;
    expect(result.stderr).toContain(
      `catalog.ts:${line}:${column}: error: services.shop.team: unknown team "mobile"`,
    );
  });

  it('reports a selector that does not parse at its character in the string literal', async () => {
    const value = parse(yamlCatalog) as { services: { shop: { red: { errors: string } } } };
    value.services.shop.red.errors = 'shop_requests_total{code=~}';
    const dir = await tempProject({ 'catalog.ts': tsCatalog(value) });
    const result = await runCli(['gen', '--catalog', 'catalog.ts'], dir);
    expect(result.code).toBe(1);
    const text = tsCatalog(value).split('\n');
    const line = text.findIndex((l) => l.includes('"errors": "shop_requests_total{code=~}"')) + 1;
    const column = (text[line - 1] ?? '').indexOf('}"') + 1;
    expect(result.stderr).toContain(
      `catalog.ts:${line}:${column}: error: services.shop.red.errors: not a selector: unexpected "}" in label matching`,
    );
  });
});
