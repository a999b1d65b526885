// obsgen's own version, for --version and the dependency `obsgen init` writes.
import { readFileSync } from 'node:fs';

/** The package's version; package.json sits two folders up from both src/cli and dist/cli. */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return String(manifest.version);
}
