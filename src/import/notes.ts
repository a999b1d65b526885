// Every input field an importer could not map becomes a note: a warning at the field's position
// and a comment in the output, next to the entry it belongs to, saying what was left out and why.
import type { ValuePath } from '../catalog/source.ts';
import { type Problem, problem, type Severity, type SourcePosition } from '../problem.ts';
import { at, type InputDocument, isObject, pathText } from './input.ts';

export const unmappedCheck = 'import/unmapped';

export interface Note {
  readonly at: SourcePosition;
  /** The input field, e.g. `slos[0].alerting.name`. */
  readonly field: string;
  readonly message: string;
  /** The output entry the comment goes before; [] puts it in the header. */
  readonly attach: ValuePath;
  /** warning: something was left out; info: a default was assumed. */
  readonly severity: Severity;
}

export class Notes {
  readonly #notes: Note[] = [];

  /** `field` of `doc` (a path into it) is not mapped, for the reason in `message`. */
  add(doc: InputDocument, field: ValuePath, message: string, attach: ValuePath): void {
    this.#notes.push({ at: at(doc, field), field: pathText(field), message, attach, severity: 'warning' });
  }

  /** `field` was mapped, or stood in for something missing, by an assumption `message` states. */
  assume(doc: InputDocument, field: ValuePath, message: string, attach: ValuePath): void {
    this.#notes.push({ at: at(doc, field), field: pathText(field), message, attach, severity: 'info' });
  }

  /** Notes every key of the object at `path` that is not in `handled`. */
  rest(
    doc: InputDocument,
    path: ValuePath,
    value: unknown,
    handled: readonly string[],
    attach: ValuePath,
    why = 'no catalog equivalent',
  ): void {
    if (!isObject(value)) return;
    for (const key of Object.keys(value))
      if (!handled.includes(key)) this.add(doc, [...path, key], `not mapped: ${why}`, attach);
  }

  list(): readonly Note[] {
    return this.#notes;
  }

  /** Each note as a warning (or info) at its input position. */
  warnings(): Problem[] {
    return this.#notes.map((n) => problem(unmappedCheck, n.severity, `${n.field}: ${n.message}`, n.at));
  }
}

/** The comment line of a note: where the field is, which it is, and what happened to it. */
export function noteComment(note: Note): string {
  return `${note.at.file}:${note.at.line}:${note.at.column}: ${note.field}: ${note.message}`;
}
