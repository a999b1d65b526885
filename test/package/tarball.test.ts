// The packed package in a team's own repository: compiled JavaScript, typed entry points, and the
// user's TypeScript (alerts/, slos/, dashboards/, catalog.ts) loading in CommonJS and ESM projects alike.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { must, packObsgen, repoRoot, run, userProject } from './tarball.ts';

/** The repository's own user modules, importing the installed package instead of ../src. */
function copyUserModules(dir: string): void {
  cpSync(path.join(repoRoot, 'catalog.yaml'), path.join(dir, 'catalog.yaml'));
  for (const folder of ['alerts', 'slos', 'dashboards']) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    for (const name of readdirSync(path.join(repoRoot, folder)).filter((n) => /^[^.]+\.ts$/.test(n))) {
      const text = readFileSync(path.join(repoRoot, folder, name), 'utf8');
      writeFileSync(path.join(dir, folder, name), text.replace(/'\.\.\/src\/[^']+'/g, "'obsgen'"));
    }
  }
}

/** Every file of a folder with its content, to compare two generated/ trees. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return files;
}

describe('the packed package', () => {
  let tarballFiles: string[] = [];
  beforeAll(() => {
    const listing = must(run('tar', ['-tzf', packObsgen()], repoRoot)).stdout;
    tarballFiles = listing.split('\n').filter(Boolean);
  }, 300_000);

  it('ships compiled JavaScript with types, and neither sources nor tests', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string; default: string } | string>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      expect(tarballFiles, subpath).toContain(`package/${target.types.replace('./', '')}`);
      expect(tarballFiles, subpath).toContain(`package/${target.default.replace('./', '')}`);
    }
    expect(tarballFiles).toContain('package/bin/obsgen.js');
    expect(tarballFiles.filter((f) => /^package\/(src|test|bench|generated)\//.test(f))).toEqual([]);
    expect(tarballFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    // V8 code caches belong to the Node that wrote them: the user's first run of a command writes its own.
    expect(tarballFiles.filter((f) => f.endsWith('.cache'))).toEqual([]);
  });

  it.each(['commonjs', 'module'] as const)(
    'generates what this repository generates, in a %s project',
    (type) => {
      const dir = userProject(type);
      copyUserModules(dir);
      const gen = run('npx', ['obsgen', 'gen'], dir);
      expect(gen.stderr).toBe('');
      expect(gen.status).toBe(0);
      expect(tree(path.join(dir, 'generated'))).toEqual(tree(path.join(repoRoot, 'generated')));
      // The installed binary runs dist/: nothing of obsgen itself is compiled at run time.
      expect(existsSync(path.join(dir, 'node_modules/obsgen/src'))).toBe(false);
    },
    300_000,
  );

  it('loads a catalog.ts without imports in a CommonJS project, and names the fix for an ESM .js file', () => {
    const dir = userProject('commonjs');
    const catalog = readFileSync(path.join(repoRoot, 'test/package/fixtures/catalog.ts'), 'utf8');
    writeFileSync(path.join(dir, 'catalog.ts'), catalog);
    const gen = run('npx', ['obsgen', 'gen', '--catalog', 'catalog.ts'], dir);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    mkdirSync(path.join(dir, 'alerts'));
    writeFileSync(
      path.join(dir, 'alerts/shop.js'),
      "import { defineAlerts } from 'obsgen';\nexport default defineAlerts('shop', () => []);\n",
    );
    const js = run('npx', ['obsgen', 'gen', '--catalog', 'catalog.ts'], dir);
    expect(js.status).toBe(1);
    expect(js.stderr).toContain(
      'alerts/shop.js:1:1: error: cannot load: Cannot use import statement outside a module (shop.js loads as CommonJS because its package.json has no "type": "module": add "type": "module" to package.json, or rename it to .mjs',
    );
  }, 300_000);

  it('scaffolds a repository with obsgen init in which npm run gen and npm test pass', () => {
    const dir = userProject('commonjs');
    const init = must(run('npx', ['obsgen', 'init'], dir));
    expect(init.stdout).toContain('obsgen init: wrote');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.scripts).sort()).toEqual(['check', 'gen', 'test']);
    expect(manifest.dependencies.obsgen).toMatch(/obsgen-.*\.tgz$/);
    must(run('npm', ['run', 'gen'], dir));
    const test = must(run('npm', ['test'], dir));
    expect(test.stdout).toContain('tests/example-alerts.yaml: SUCCESS');
    expect(test.stdout).toMatch(/\n\d+ passed, 0 failed\n/);
    must(run('npm', ['run', 'check'], dir));
  }, 300_000);

  it("prints its version and points a builder's error at the user's line, from the bundled dist/", () => {
    const dir = userProject('commonjs');
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(must(run('npx', ['obsgen', '--version'], dir)).stdout).toBe(`${manifest.version}\n`);
    cpSync(path.join(repoRoot, 'catalog.yaml'), path.join(dir, 'catalog.yaml'));
    mkdirSync(path.join(dir, 'alerts'));
    writeFileSync(
      path.join(dir, 'alerts/bad.ts'),
      "import { defineAlerts } from 'obsgen';\n\nexport default defineAlerts('shoop', () => []);\n",
    );
    const gen = run('npx', ['obsgen', 'gen'], dir);
    expect(gen.status).toBe(1);
    expect(gen.stderr).toContain('alerts/bad.ts:3:16: error: unknown service "shoop"');
  }, 300_000);
});
