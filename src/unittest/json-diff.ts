// A structural diff of two JSON values, laid out as promtool 2.50's `test rules --diff` prints it
// (it uses github.com/nsf/jsondiff with its console options): the expected value pretty-printed
// with four-space indents and keys sorted, a changed scalar as `expected => got`, an entry only one
// side has marked as removed (expected only) or added (got only). On a terminal the marks are
// jsondiff's colours (red, green, yellow); in a log they are words, since colour codes read as noise.

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

type Mark = 'added' | 'removed' | 'changed';

const colours: Readonly<Record<Mark, string>> = {
  added: '\u001b[0;32m',
  removed: '\u001b[0;31m',
  changed: '\u001b[0;33m',
};
const reset = '\u001b[0m';
const indentUnit = '    ';

export interface JsonDiff {
  /** Whether both values are the same. */
  readonly same: boolean;
  readonly text: string;
}

function isObject(v: Json): v is { readonly [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function kind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A whole value, pretty-printed at `level`. */
function print(v: Json, level: number): string {
  const pad = indentUnit.repeat(level + 1);
  const close = indentUnit.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${pad}${print(x, level + 1)}`).join(',\n')}\n${close}]`;
  }
  if (isObject(v)) {
    const keys = Object.keys(v).sort(byCodePoint);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${print(v[k] ?? null, level + 1)}`).join(',\n')}\n${close}}`;
  }
  return JSON.stringify(v);
}

/** Compares `expected` with `got`; `colour` writes jsondiff's terminal colours instead of words. */
export function jsonDiff(expected: Json, got: Json, colour: boolean): JsonDiff {
  let same = true;
  const marked = (mark: Mark, text: string): string => {
    same = false;
    return colour ? `${colours[mark]}${text}${reset}` : `(${mark}) ${text}`;
  };
  const walk = (a: Json, b: Json, level: number): string => {
    const pad = indentUnit.repeat(level + 1);
    const close = indentUnit.repeat(level);
    if (kind(a) !== kind(b)) return marked('changed', `${print(a, level)} => ${print(b, level)}`);
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.max(a.length, b.length);
      if (n === 0) return '[]';
      const items: string[] = [];
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        if (x !== undefined && y !== undefined) items.push(walk(x, y, level + 1));
        else if (x !== undefined) items.push(marked('removed', print(x, level + 1)));
        else if (y !== undefined) items.push(marked('added', print(y, level + 1)));
      }
      return `[\n${items.map((s) => `${pad}${s}`).join(',\n')}\n${close}]`;
    }
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodePoint);
      if (keys.length === 0) return '{}';
      const entries = keys.map((k) => {
        const key = `${JSON.stringify(k)}: `;
        const x = a[k];
        const y = b[k];
        if (x !== undefined && y !== undefined) return `${key}${walk(x, y, level + 1)}`;
        if (x !== undefined) return marked('removed', `${key}${print(x, level + 1)}`);
        return marked('added', `${key}${print(y ?? null, level + 1)}`);
      });
      return `{\n${entries.map((s) => `${pad}${s}`).join(',\n')}\n${close}}`;
    }
    return a === b ? JSON.stringify(a) : marked('changed', `${JSON.stringify(a)} => ${JSON.stringify(b)}`);
  };
  const text = walk(expected, got, 0);
  return { same, text };
}
