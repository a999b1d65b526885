// Where a user's TypeScript called one of our builders, so errors point at their line, not ours.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourcePosition } from './problem.ts';

/** obsgen's own code: src/ in a checkout, dist/ in the package (its one bundle, dist/obsgen.cjs). */
const ownSources = ownFolder(path.dirname(fileURLToPath(import.meta.url)));

function ownFolder(dir: string): string {
  for (let d = dir; path.dirname(d) !== d; d = path.dirname(d)) {
    const name = path.basename(d);
    if (name === 'src' || name === 'dist') return d;
  }
  return dir;
}

/** The first stack frame outside obsgen's own src/ (and node internals). */
export function userCallSite(stack: string | undefined = new Error().stack): SourcePosition | null {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const frame = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!frame) continue;
    const [, location = '', lineText = '0', columnText = '0'] = frame;
    const file = location.startsWith('file://') ? fileURLToPath(location) : location;
    if (file.startsWith(ownSources) || file.includes('/node_modules/') || file.startsWith('node:')) continue;
    return { file, line: Number(lineText), column: Number(columnText) };
  }
  return null;
}

/** Position of an error thrown while loading a user's module: its first frame inside `file`. */
export function positionInFile(error: unknown, file: string): SourcePosition {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return { file, line: Number(match?.[1] ?? 1), column: Number(match?.[2] ?? 1) };
}
