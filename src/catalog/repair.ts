// A catalog that fails the schema still has entries that parsed. To report every problem in one run,
// the later checks read a copy with the failing values taken out: a failing field is dropped (an
// optional one then takes its default), and when dropping it is not enough (a required field), the
// entry holding it goes. Names of the entries that went are returned, so a check that would now call
// them unknown stays quiet about them.
import type { z } from 'zod';

type Path = readonly (string | number)[];

export interface Repaired {
  readonly value: unknown;
  /** Keys taken out, e.g. a receiver whose integration failed, so nothing later calls it missing. */
  readonly removedNames: ReadonlySet<string>;
}

const maxRounds = 8;

/** Later problems that name an entry taken out would be false ("unknown team"): leave them out. */
export function aboutRemoved(message: string, removedNames: ReadonlySet<string>): boolean {
  for (const name of removedNames) if (message.includes(`"${name}"`)) return true;
  return false;
}

/** The catalog with every failing value taken out until it parses, or null when it never does. */
export function repairForChecks<S extends z.ZodType>(schema: S, value: unknown): Repaired | null {
  const current = structuredClone(value);
  const removedNames = new Set<string>();
  const tried = new Set<string>();
  for (let round = 0; round < maxRounds; round++) {
    const parsed = schema.safeParse(current ?? {});
    if (parsed.success) return { value: current, removedNames };
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const targets: Path[] =
        issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
      for (const target of targets) {
        // The same path failing again means dropping it was not enough: take out its parent.
        let at: Path = target;
        while (tried.has(at.join('\0')) && at.length > 0) at = at.slice(0, -1);
        if (at.length === 0) return null;
        tried.add(at.join('\0'));
        const key = at[at.length - 1];
        if (removeAt(current, at) && typeof key === 'string') removedNames.add(key);
      }
    }
  }
  return null;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Deletes the value at `path` (an array element is spliced out); false when there was none. */
function removeAt(root: unknown, path: Path): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined || typeof parent !== 'object' || parent === null) return false;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (key >= parent.length) return false;
    parent.splice(key, 1);
    return true;
  }
  if (!(String(key) in parent)) return false;
  delete (parent as Record<string, unknown>)[String(key)];
  return true;
}
