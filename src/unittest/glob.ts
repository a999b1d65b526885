// Go's filepath.Glob, which promtool applies to `rule_files`: `*`, `?` and `[...]` within one path
// segment (no `**`), results in lexical order.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const hasMeta = (s: string): boolean => /[*?[]/.test(s);

function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close === -1) return /(?!)/;
      let body = segment.slice(i + 1, close);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

export function glob(pattern: string): string[] {
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  const dirs = hasMeta(dir) ? glob(dir) : [dir];
  const re = segmentRegex(base);
  const out: string[] = [];
  for (const d of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      continue;
    }
    for (const e of entries.sort()) if (re.test(e)) out.push(path.join(d, e));
  }
  return out;
}
