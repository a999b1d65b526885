// The command that rebuilds an output folder, for the advice printed in generated headers and by
// `gen --check`: advice naming the default catalog would rebuild the wrong folder.
import path from 'node:path';

export const defaultCatalog = 'catalog.yaml';
export const defaultOut = 'generated';

/** A path as a shell word: quoted only when it needs to be. */
function shellWord(text: string): string {
  return /^[\w./@:+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

function posix(relative: string): string {
  return relative.split(path.sep).join('/') || '.';
}

/**
 * `npm run gen` for the default catalog and folder, else `npx obsgen gen` with the flags that differ,
 * both relative to `cwd` (where the command is to be run).
 */
export function regenerateCommand(cwd: string, catalogFile: string, outDir: string): string {
  const catalog = posix(path.relative(cwd, path.resolve(cwd, catalogFile)));
  const out = posix(path.relative(cwd, path.resolve(cwd, outDir)));
  if (catalog === defaultCatalog && out === defaultOut) return 'npm run gen';
  const flags = [
    ...(catalog === defaultCatalog ? [] : ['--catalog', shellWord(catalog)]),
    ...(out === defaultOut ? [] : ['--out', shellWord(out)]),
  ];
  return ['npx obsgen gen', ...flags].join(' ');
}

/**
 * The advice written into generated headers: relative to the catalog's folder, so the bytes do not
 * depend on where gen was run from.
 */
export function regenerateAdvice(catalogFile: string, outDir: string): string {
  const command = regenerateCommand(path.dirname(path.resolve(catalogFile)), catalogFile, outDir);
  return command === 'npm run gen' ? `run \`${command}\`` : `run \`${command}\` in the catalog's folder`;
}
