// `npm run build` (also `prepare`, so `npm ci` and `npm pack` build): dist/ holds the type
// declarations tsc writes and the JavaScript esbuild bundles from src/:
// - dist/obsgen.cjs: all of obsgen in one CommonJS file, each module run on its first use (a command
//   initializes what it imports, not the rest). One copy of each module, so the library a user's
//   alerts/*.ts imports and the CLI that loads them share their classes. CommonJS because Node 20
//   caches V8's compiled code only for a script compiled through node:vm (bin/compiled.js). Its
//   first line is its build id, a hash of the rest, which bin/compiled.js stamps on its caches.
// - one small ES module per entry point of package.json (`exports`), re-exporting its part of it.
// - two ES modules the bundle requires: dist/esm-only.js and dist/dynamic-import.js (see below).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const bundleFile = path.join(dist, 'obsgen.cjs');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const target = `node${manifest.engines.node.replace(/^>=/, '')}`;

/** X.js of every dist/X.js that `exports` names, and cli/main.js for bin/. */
const parts = [
  ...Object.values(manifest.exports)
    .map((exported) => (typeof exported === 'string' ? exported : exported.default))
    .filter((file) => file.startsWith('./dist/') && file.endsWith('.js'))
    .map((file) => file.slice('./dist/'.length)),
  'cli/main.js',
];
const sourceOf = (part) => `./src/${part.slice(0, -'.js'.length)}.ts`;

/** Whether CommonJS can resolve the package: its exports have a require, node or default condition. */
function requireable(name) {
  const { exports } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return exports === undefined || /"(require|node|default)"/.test(JSON.stringify(exports));
}

// Dependencies stay in node_modules, shared with a user's own imports of them, except js-yaml, which
// reads every rule and test file: bundled, its code is cached with obsgen's.
const bundled = new Set(['js-yaml']);
// Packages exporting only an `import` condition, which a require cannot resolve: the bundle requires
// dist/esm-only.js instead, an ES module importing them (Node >= 20.19 requires one), so only the
// command that uses them (gen's schema checks) reads them.
const esmOnly = Object.keys(manifest.dependencies).filter((name) => !requireable(name));
const external = Object.keys(manifest.dependencies)
  .filter((name) => !bundled.has(name) && !esmOnly.includes(name))
  .flatMap((name) => [name, `${name}/*`]);
// src/dynamic-import.ts stays an ES module of its own, so its import() is Node's (see there).
const dynamicImport = path.join(root, 'src/dynamic-import.ts');

/** Sends the ES modules above to their files beside the bundle; collects the esm-only specifiers. */
function esModulesBeside(esmOnlyImports) {
  const packagePattern = new RegExp(`^(${esmOnly.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})(/|$)`);
  return {
    name: 'es-modules-beside',
    setup(builder) {
      if (esmOnly.length > 0)
        builder.onResolve({ filter: packagePattern }, (args) => {
          esmOnlyImports.add(args.path);
          return { path: './esm-only.js', external: true };
        });
      builder.onResolve({ filter: /dynamic-import\.ts$/ }, (args) =>
        path.resolve(args.resolveDir, args.path) === dynamicImport
          ? { path: './dynamic-import.js', external: true }
          : undefined,
      );
    },
  };
}

async function bundle() {
  const esmOnlyImports = new Set();
  const accessors = parts.map(
    (part) => `  ${JSON.stringify(part)}: () => require(${JSON.stringify(sourceOf(part))}),`,
  );
  await build({
    // One accessor per part, each initializing its modules when first called.
    stdin: { contents: `module.exports = {\n${accessors.join('\n')}\n};\n`, resolveDir: root, loader: 'js' },
    outfile: bundleFile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target,
    external,
    plugins: [esModulesBeside(esmOnlyImports)],
    // The sources find files (package.json, packages loaded on first use) from their own URL.
    define: { 'import.meta.url': '__obsgenModuleUrl' },
    banner: { js: 'const __obsgenModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: 'warning',
  });
  const text = readFileSync(bundleFile, 'utf8');
  const buildId = createHash('sha256').update(text).digest('hex').slice(0, 32);
  writeFileSync(bundleFile, `// obsgen build ${buildId}\n${text}`);
  return esmOnlyImports;
}

/** Plain re-exports, so the packages load from node_modules with their files (re2-wasm's .wasm). */
function writeEsmOnly(specifiers) {
  const lines = [...specifiers].sort().map((specifier) => `export * from ${JSON.stringify(specifier)};`);
  const header = '// The ES-module-only packages dist/obsgen.cjs uses, for its require (scripts/build.js).';
  writeFileSync(path.join(dist, 'esm-only.js'), `${[header, ...lines].join('\n')}\n`);
}

/** The names an entry point exports, as esbuild sees them. */
async function exportedNames(source) {
  const result = await build({
    entryPoints: [path.join(root, source)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target,
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs)[0].exports;
}

async function writeEntryPoint(part) {
  const names = (await exportedNames(sourceOf(part))).sort();
  const named = names.filter((n) => n !== 'default');
  const relative = path.relative(path.dirname(path.join(dist, part)), bundleFile);
  const lines = [
    `// ${sourceOf(part)}, from the one bundle the CLI runs too (scripts/build.js).`,
    "import { createRequire } from 'node:module';",
    `const part = createRequire(import.meta.url)(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)})[${JSON.stringify(part)}]();`,
    ...(named.length > 0 ? [`export const { ${named.join(', ')} } = part;`] : []),
    ...(names.includes('default') ? ['export default part.default;'] : []),
  ];
  writeFileSync(path.join(dist, part), `${lines.join('\n')}\n`);
}

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
writeEsmOnly(await bundle());
await build({
  entryPoints: [dynamicImport],
  outfile: path.join(dist, 'dynamic-import.js'),
  format: 'esm',
  platform: 'node',
  target,
  logLevel: 'warning',
});
for (const part of parts.filter((p) => p !== 'cli/main.js')) await writeEntryPoint(part);
