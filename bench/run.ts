// `npm run bench`: runs every bench/<area>.ts module (each exports run(): Promise<string>, a markdown
// section) in one process, so ratios against the real tools are measured in the same run.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const modules = (await readdir(dir))
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.startsWith('_'))
  .filter((name) => only.length === 0 || only.includes(name.replace(/\.ts$/, '')))
  .sort();

console.log(`# obsgen benchmarks (${new Date().toISOString().slice(0, 10)}, node ${process.version})\n`);
for (const name of modules) {
  const module = (await import(pathToFileURL(path.join(dir, name)).href)) as { run?: () => Promise<string> };
  if (typeof module.run !== 'function') continue;
  console.log(await module.run());
  console.log();
}
