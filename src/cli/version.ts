// obsgen's own version, for --version and the dependency `obsgen init` writes.
import { existsSync, readFileSync } from 'node:fs';

/**
 * The package's version, from the nearest package.json above this module: src/cli/ in a checkout,
 * a file of the bundled dist/ (whichever chunk holds this module) in the package.
 */
export function version(): string {
  let dir = new URL('.', import.meta.url);
  while (!existsSync(new URL('package.json', dir)) && dir.pathname !== '/') dir = new URL('..', dir);
  const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { version?: unknown };
  return String(manifest.version);
}
