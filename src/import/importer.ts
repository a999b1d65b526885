// The one shape every `obsgen import FORMAT` importer has: text of a file in, the text to write out
// (a catalog fragment, or for rules an alerts/*.ts module) and every problem with its position.
import type { Problem } from '../problem.ts';

export interface ImportOptions {
  /** The catalog service the imported rules belong to (rules import; default from the file name). */
  readonly service?: string;
}

export interface ImportResult {
  /** What to write; null when an error leaves nothing worth writing. */
  readonly output: string | null;
  /** Errors (nothing is written) and warnings: every input field not mapped, every lint finding. */
  readonly problems: readonly Problem[];
}

export interface Importer {
  readonly name: string;
  /** One line for the usage text. */
  readonly summary: string;
  run(file: string, text: string, options: ImportOptions): ImportResult;
}
