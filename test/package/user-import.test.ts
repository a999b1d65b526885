// Which module format a user's file has, and the hint a format error gets.
import { describe, expect, it } from 'vitest';
import { formatHint, moduleFormat } from '../../src/user-import.ts';

describe('moduleFormat', () => {
  const packages: Record<string, string | null> = {
    '/repo/esm': 'module',
    '/repo/cjs': '',
    '/repo': null,
    '/': null,
  };
  const read = (dir: string): string | null => packages[dir] ?? null;
  it.each([
    ['/repo/esm/alerts/a.ts', 'module'],
    ['/repo/cjs/alerts/a.ts', 'commonjs'],
    ['/repo/cjs/alerts/a.mts', 'module'],
    ['/repo/esm/alerts/a.cts', 'commonjs'],
    ['/repo/other/catalog.ts', 'commonjs'],
  ] as const)('%s is %s', (file, format) => {
    expect(moduleFormat(file, read)).toBe(format);
  });
});

describe('formatHint', () => {
  it('tells a CommonJS .js file how to become an ES module', () => {
    expect(formatHint('Cannot use import statement outside a module', '/r/alerts/a.js', 'commonjs')).toBe(
      'a.js loads as CommonJS because its package.json has no "type": "module": add "type": "module" to package.json, or rename it to .mjs (or write it in TypeScript)',
    );
  });
  it('tells TypeScript using CommonJS globals what to use instead', () => {
    expect(formatHint('__dirname is not defined in ES module scope', '/r/alerts/a.ts', 'commonjs')).toContain(
      'use import.meta.dirname',
    );
  });
  it('tells a file importing obsgen where it is not installed how to fix it', () => {
    expect(
      formatHint("Cannot find package 'obsgen' imported from /r/catalog.ts", '/r/catalog.ts', 'commonjs'),
    ).toBe(
      'catalog.ts imports obsgen, which is not installed beside it: install it there (`npm install` the tarball `npm pack` writes in an obsgen clone), or drop the import: defineCatalog and its siblings only add types, so `export default { ... }` loads the same',
    );
    expect(formatHint("Cannot find package 'obsgenx' imported from /r/a.ts", '/r/a.ts', 'module')).toBeNull();
  });
  it('leaves other errors alone', () => {
    expect(formatHint('boom', '/r/alerts/a.ts', 'commonjs')).toBeNull();
  });
});
