// Finds the real tools (promtool, amtool) and the shared corpora that differential tests compare with.
// Absent: the test is skipped with a notice naming the Debian package; under OBSGEN_REQUIRE_TOOLS=1
// (CI) absence is a failure, so CI can never skip these checks silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const requireTools = process.env.OBSGEN_REQUIRE_TOOLS === '1';

const debianPackage: Record<string, string> = {
  promtool: 'prometheus',
  amtool: 'prometheus-alertmanager',
  prometheus: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  chromium: 'chromium',
};

function which(binary: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export interface Availability {
  readonly path: string | null;
  /** Why it is missing, for `describe.skipIf` notices. */
  readonly notice: string;
}

function unavailable(notice: string): Availability {
  if (requireTools) throw new Error(`OBSGEN_REQUIRE_TOOLS=1 but ${notice}`);
  console.warn(`[obsgen tests] skipped: ${notice}`);
  return { path: null, notice };
}

/** Path of a real tool, or null (with a printed notice) when the test must be skipped. */
export function tool(
  binary: 'promtool' | 'amtool' | 'chromium' | 'prometheus' | 'prometheus-alertmanager',
): Availability {
  const found = which(binary);
  if (found) return { path: found, notice: '' };
  return unavailable(`${binary} not found: install the Debian package '${debianPackage[binary]}'`);
}

/** Folder of a shared corpus (../shared/corpora/NAME from the project root), or null when absent. */
export function corpus(name: string): Availability {
  const dir = path.resolve(import.meta.dirname, '../../../shared/corpora', name);
  if (existsSync(dir)) return { path: dir, notice: '' };
  return unavailable(`corpus ${dir} is absent (it sits beside the project in ../shared/corpora)`);
}
