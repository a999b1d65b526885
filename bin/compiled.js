// Runs the compiled package (dist/obsgen.cjs, see scripts/build.js) with V8's code cache. Node 20
// caches compiled code only for a script compiled through node:vm, and without the cache, parsing and
// compiling obsgen's functions is a third of a short command's start. Each command keeps a cache of
// what it compiled on its first run (reading a cache costs in proportion to its size), stamped with
// the bundle's build id: V8 itself tells a cache from another source only by its length. The bundle
// is registered as the CommonJS module of its path, so the entry points a user's files import
// (dist/index.js...) share its modules and classes.
import { readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = path.join(path.dirname(realpathSync(fileURLToPath(import.meta.url))), '..', 'dist');
const bundleFile = path.join(dist, 'obsgen.cjs');

/** The cache a command line uses: its command's, or one for --version, --help and mistakes. */
function cacheName(argv) {
  const [first = ''] = argv;
  return /^[a-z]+$/.test(first) ? first : 'version';
}

/** The V8 data of a cache written for this build, or undefined. */
function readCache(file, buildId) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const stamp = bytes.indexOf(10);
  return stamp > 0 && bytes.toString('utf8', 0, stamp) === buildId ? bytes.subarray(stamp + 1) : undefined;
}

function writeCache(file, buildId, data) {
  // A read-only install keeps working, only without the cache; the rename makes a concurrent run
  // read the old file or the new one, never half of one.
  const staging = `${file}.${process.pid}`;
  try {
    writeFileSync(staging, Buffer.concat([Buffer.from(`${buildId}\n`), data]));
    renameSync(staging, file);
  } catch {
    // not writable here
  }
}

/** Loads the bundle with the named cache; `saveCache` keeps what V8 has compiled of it so far. */
function loadBundle(name) {
  const source = readFileSync(bundleFile, 'utf8');
  const buildId = source.slice(0, source.indexOf('\n'));
  const file = path.join(dist, `obsgen.${name}.cache`);
  const cachedData = readCache(file, buildId);
  const script = new vm.Script(Module.wrap(source), { filename: bundleFile, cachedData });
  const require = createRequire(bundleFile);
  const module = new Module(bundleFile);
  module.filename = bundleFile;
  require.cache[bundleFile] = module;
  script.runInThisContext()(module.exports, require, module, bundleFile, dist);
  module.loaded = true;
  return {
    parts: module.exports,
    cacheStale: cachedData === undefined || script.cachedDataRejected === true,
    saveCache: () => writeCache(file, buildId, script.createCachedData()),
  };
}

/** Runs a command line of the compiled CLI; the first run of a command keeps what it compiled. */
export async function run(argv) {
  const name = cacheName(argv);
  const bundle = loadBundle(name);
  const cli = bundle.parts['cli/main.js']();
  const code = await cli.main(argv, cli.processIO());
  if (bundle.cacheStale && (name === 'version' || cli.commandNames.includes(name))) bundle.saveCache();
  return code;
}
