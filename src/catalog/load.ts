// Reads catalog.yaml (or catalog.ts) and validates it: the schema-valid catalog with its source
// positions, or every problem found, each at its file:line:col. Resolving it into the model is
// src/model/resolve.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { YAMLError } from 'yaml';
import { positionInFile } from '../callsite.ts';
import { type Problem, problem, sortProblems } from '../problem.ts';
import { errorMessage, importUserModule } from '../user-import.ts';
import { readPlainBlockYaml } from '../yaml/block-yaml.ts';
import { catalogChecks } from './checks/index.ts';
import { runCatalogChecks } from './checks/types.ts';
import { catalogCheck, problemsFromZod } from './issues.ts';
import { aboutRemoved, repairForChecks } from './repair.ts';
import { type CatalogSpec, catalogSchema } from './schema/index.ts';
import { parseYamlSource, positionOfOffset, type SourceFile, typescriptSource } from './source.ts';

/** A catalog that passed the schema: the data with defaults, the text it came from, and as written. */
export interface ValidCatalog {
  readonly source: SourceFile;
  readonly spec: CatalogSpec;
  /** The catalog as written, before defaults apply. */
  readonly raw: unknown;
}

export interface ReadResult {
  /** Null when the catalog cannot be read or fails the schema. */
  readonly catalog: ValidCatalog | null;
  readonly problems: readonly Problem[];
  /**
   * When the catalog fails the schema: what still parses with the failing values taken out, for
   * the later checks, so one run reports every problem. Never a catalog to generate from.
   */
  readonly partial?: PartialCatalog;
}

export interface PartialCatalog {
  readonly catalog: ValidCatalog;
  /** Entries taken out whole; a later problem naming one of them is not reported. */
  readonly removedNames: ReadonlySet<string>;
}

export async function readCatalog(file: string, displayName: string = file): Promise<ReadResult> {
  if (/\.[mc]?ts$/.test(file)) return readCatalogModule(file, displayName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    return {
      catalog: null,
      problems: [
        problem(catalogCheck, 'error', `cannot read catalog: ${reason}`, {
          file: displayName,
          line: 1,
          column: 1,
        }),
      ],
    };
  }
  return readCatalogText(displayName, text);
}

export function readCatalogText(file: string, text: string): ReadResult {
  const source = parseYamlSource(file, text);
  const data = fastLoad(text);
  if (!data.ok) {
    // The positional parser explains syntax errors best; it runs only when the fast one failed.
    const syntax = source.document.errors.map((e) => yamlProblem(source, e));
    return { catalog: null, problems: sortProblems(syntax.length > 0 ? syntax : [data.problem(source)]) };
  }

  return validateCatalog(source, data.value);
}

/** A catalog written in TypeScript: `export default defineCatalog({...})`, checked like the YAML one. */
export async function readCatalogModule(file: string, displayName: string = file): Promise<ReadResult> {
  const at = { file: displayName, line: 1, column: 1 };
  let text: string;
  let value: unknown;
  try {
    text = await readFile(file, 'utf8');
    value = (await importUserModule(file)).default;
  } catch (error) {
    const position = { ...positionInFile(error, path.resolve(file)), file: displayName };
    return {
      catalog: null,
      problems: [problem(catalogCheck, 'error', `cannot load catalog: ${errorMessage(error)}`, position)],
    };
  }
  if (value === undefined) {
    return {
      catalog: null,
      problems: [
        problem(catalogCheck, 'error', 'the catalog module needs `export default defineCatalog({...})`', at),
      ],
    };
  }
  return validateCatalog(typescriptSource(displayName, text), value);
}

/** Schema and the catalog's own semantic checks: the same for YAML and TypeScript catalogs. */
function validateCatalog(source: SourceFile, value: unknown): ReadResult {
  const parsed = catalogSchema.safeParse(value ?? {}, { reportInput: true });
  if (!parsed.success) {
    const schemaProblems = problemsFromZod(source, parsed.error, catalogSchema);
    const partial = partialCatalog(source, value);
    if (!partial) return { catalog: null, problems: sortProblems(schemaProblems) };
    const later = runCatalogChecks(catalogChecks, partial.catalog).filter(
      (p) => !aboutRemoved(p.message, partial.removedNames),
    );
    return { catalog: null, problems: sortProblems([...schemaProblems, ...later]), partial };
  }

  const catalog: ValidCatalog = { source, spec: parsed.data, raw: value };
  return { catalog, problems: sortProblems(runCatalogChecks(catalogChecks, catalog)) };
}

function partialCatalog(source: SourceFile, value: unknown): PartialCatalog | null {
  const repaired = repairForChecks(catalogSchema, value);
  if (!repaired) return null;
  const parsed = catalogSchema.safeParse(repaired.value ?? {});
  if (!parsed.success) return null;
  return {
    catalog: { source, spec: parsed.data, raw: repaired.value },
    removedNames: repaired.removedNames,
  };
}

type FastLoad =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: (source: SourceFile) => Problem };

/**
 * js-yaml reads a large catalog several times faster than a parser that keeps source ranges, and a
 * catalog of plain block YAML reads faster still without it.
 */
function fastLoad(text: string): FastLoad {
  const block = readPlainBlockYaml(text);
  if (block) return { ok: true, value: block.value };
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA }) };
  } catch (error) {
    const mark = error instanceof YAMLException ? error.mark : undefined;
    const message = error instanceof YAMLException ? error.reason : String(error);
    return {
      ok: false,
      problem: (source) =>
        problem(catalogCheck, 'error', `YAML: ${message}`, {
          file: source.file,
          line: (mark?.line ?? 0) + 1,
          column: (mark?.column ?? 0) + 1,
        }),
    };
  }
}

function yamlProblem(source: SourceFile, error: YAMLError): Problem {
  const message =
    error.code === 'DUPLICATE_KEY'
      ? `duplicate key "${duplicateKey(source, error.pos[0])}": names must be unique`
      : error.message.split('\n')[0];
  return problem(catalogCheck, 'error', `YAML: ${message}`, positionOfOffset(source, error.pos[0]));
}

function duplicateKey(source: SourceFile, offset: number): string {
  return /^[^\s:]+/.exec(source.text.slice(offset))?.[0]?.replace(/^["']|["']$/g, '') ?? '?';
}
