// Input files read with source positions: every document of a multi-document YAML file as a
// SourceFile of the catalog loader, so a path such as ['spec', 'slos', 0, 'objective'] maps back to
// its line and column for errors and for the comments on fields that were not mapped.
import { LineCounter, parseAllDocuments } from 'yaml';
import { positionOfPath, type SourceFile, type ValuePath } from '../catalog/source.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';

export const importCheck = 'import/input';

export interface InputDocument {
  readonly source: SourceFile;
  /** 0-based index of the document in its file. */
  readonly index: number;
  readonly value: unknown;
}

export type ReadResult =
  | { readonly ok: true; readonly documents: readonly InputDocument[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export function readYamlDocuments(file: string, text: string): ReadResult {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const problems = docs.flatMap((doc) =>
    doc.errors.map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      const message = `YAML: ${e.message.split('\n')[0] ?? ''}`;
      return problem(importCheck, 'error', message, { file, line, column: col });
    }),
  );
  if (problems.length > 0) return { ok: false, problems };
  const documents = docs
    .map((document, index) => ({
      source: { file, text, lines, document } satisfies SourceFile,
      index,
      value: document.toJS({ maxAliasCount: 100 }) as unknown,
    }))
    .filter((d) => d.value !== null && d.value !== undefined);
  return { ok: true, documents };
}

/** Where the key at `path` is written (the value for sequence items and the document root). */
export function at(doc: InputDocument, path: ValuePath): SourcePosition {
  const last = path.at(-1);
  return positionOfPath(doc.source, path, typeof last === 'string' ? 'key' : 'value');
}

/** Where the value at `path` starts. */
export function valueAt(doc: InputDocument, path: ValuePath): SourcePosition {
  return positionOfPath(doc.source, path, 'value');
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown): Json {
  return isObject(value) ? value : {};
}

export function stringAt(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** `a.b[0].c`, the way a person names a field of the input. */
export function pathText(path: ValuePath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
