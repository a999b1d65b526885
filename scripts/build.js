// `npm run build` (also `prepare`, so `npm pack` builds): dist/ holds the type declarations tsc writes
// and the JavaScript esbuild bundles from src/, one file per entry point of package.json (`exports` and
// the CLI bin/obsgen.js loads) plus the chunks they share. One copy of each module, so the library a
// user's alerts/*.ts imports and the CLI that loads them share their classes; a few files instead of a
// hundred, so a command starts without resolving and reading each module of obsgen.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** src/X.ts for every dist/X.js the package exposes, and the CLI's entry. */
const entryPoints = [
  ...Object.values(manifest.exports)
    .map((target) => (typeof target === 'string' ? target : target.default))
    .filter((target) => target.startsWith('./dist/')),
  './dist/cli/main.js',
].map((target) => path.join(root, target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')));

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
await build({
  entryPoints,
  outdir: path.join(root, 'dist'),
  outbase: path.join(root, 'src'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: `node${manifest.engines.node.replace(/^>=/, '')}`,
  // Dependencies stay in node_modules, shared with the user's own imports of them.
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
