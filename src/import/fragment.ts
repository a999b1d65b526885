// A catalog fragment as YAML: the mapped entries, each note as a comment before the entry it
// belongs to, and a header naming the source and how to merge it. Same input, same bytes.
import { Document, isMap, isPair, isScalar, type Pair } from 'yaml';
import type { ValuePath } from '../catalog/source.ts';
import type { Json } from './input.ts';
import { type Note, noteComment } from './notes.ts';

function oneLine(text: string): string {
  return text.replaceAll(/\s*\n\s*/g, ' ');
}

function pairAt(doc: Document, path: ValuePath): Pair | null {
  const key = path.at(-1);
  const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (key === undefined || !isMap(parent)) return null;
  const found = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  return found && isPair(found) ? found : null;
}

/** The nearest entry of `path` that exists in the output, longest first. */
function nearestPair(doc: Document, path: ValuePath): Pair | null {
  for (let n = path.length; n > 0; n--) {
    const pair = pairAt(doc, path.slice(0, n));
    if (pair) return pair;
  }
  return null;
}

function addComment(target: { commentBefore?: string | null }, line: string): void {
  target.commentBefore = target.commentBefore ? `${target.commentBefore}\n ${line}` : ` ${line}`;
}

export function renderFragment(header: readonly string[], fragment: Json, notes: readonly Note[]): string {
  const doc = new Document(fragment);
  const headerLines = [...header];
  const byPosition = [...notes].sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  for (const note of byPosition) {
    const line = oneLine(noteComment(note));
    const pair = note.attach.length > 0 ? nearestPair(doc, note.attach) : null;
    if (pair && isScalar(pair.key)) addComment(pair.key, line);
    else headerLines.push(line);
  }
  doc.commentBefore = headerLines.map((l) => ` ${oneLine(l)}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** Keys in their natural order for map-valued data (names of services, teams, metrics). */
export function sortedObject<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
