// Users' TypeScript in alerts/, slos/ and dashboards/: each file default-exports one definition (or a
// list). Loading is shared: a file that throws, or exports something else, becomes a Problem at its
// own line instead of a crash.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { positionInFile } from '../callsite.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import { errorMessage, importUserModule } from '../user-import.ts';
import type { Model, Service } from './model.ts';

export { errorMessage } from '../user-import.ts';

/** Modules of a folder, sorted; tests (`*.test.ts`) and declarations are not definitions. */
export async function listModules(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir);
    return entries
      .filter(
        (name) =>
          /\.(ts|mts|js|mjs)$/.test(name) &&
          !/\.(test|spec)\.[mc]?[jt]s$/.test(name) &&
          !name.endsWith('.d.ts'),
      )
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

export interface Loaded<T> {
  readonly definition: T;
  /** Absolute path of the module. */
  readonly file: string;
}

export interface DefinitionKind<T> {
  /** Folder below the project, e.g. `alerts`. */
  readonly folder: string;
  readonly check: string;
  readonly is: (value: unknown) => value is T;
  /** What the default export must be, for the error message. */
  readonly expected: string;
}

/** Every definition exported by the modules of `kind.folder`, with a Problem per module that fails. */
export async function loadDefinitions<T>(
  projectDir: string,
  kind: DefinitionKind<T>,
): Promise<{ loaded: Loaded<T>[]; problems: Problem[] }> {
  const loaded: Loaded<T>[] = [];
  const problems: Problem[] = [];
  for (const file of await listModules(path.join(projectDir, kind.folder))) {
    const shown = path.relative(projectDir, file);
    let exported: unknown;
    try {
      exported = (await importUserModule(file)).default;
    } catch (error) {
      problems.push(
        problem(kind.check, 'error', `cannot load: ${errorMessage(error)}`, {
          ...positionInFile(error, file),
          file: shown,
        }),
      );
      continue;
    }
    for (const definition of Array.isArray(exported) ? exported : [exported]) {
      if (kind.is(definition)) loaded.push({ definition, file });
      else
        problems.push(
          problem(kind.check, 'error', `the default export must be ${kind.expected} (or a list of them)`, {
            file: shown,
            line: 1,
            column: 1,
          }),
        );
    }
  }
  return { loaded, problems };
}

/** What define*() returns for one catalog service: a tagged object remembering its call site. */
export interface ServiceDefinition {
  readonly kind: string;
  readonly service: string;
  readonly at: SourcePosition | null;
}

export interface Bound<T> extends Loaded<T> {
  readonly service: Service;
  /** The definition's call site (else its module), relative to the project. */
  readonly at: SourcePosition;
}

/**
 * The definitions of one kind (`obsgen/alerts`, `obsgen/slos`...) in `folder`, each bound to the
 * catalog service it names; an unknown service is a Problem at the definition.
 */
export async function loadServiceDefinitions<T extends ServiceDefinition>(
  projectDir: string,
  model: Model,
  kind: {
    readonly folder: string;
    readonly kind: T['kind'];
    readonly expected: string;
    readonly check: string;
  },
): Promise<{ bound: Bound<T>[]; problems: Problem[] }> {
  const is = (value: unknown): value is T =>
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind.kind;
  const { loaded, problems } = await loadDefinitions(projectDir, { ...kind, is });
  const bound: Bound<T>[] = [];
  for (const { definition, file } of loaded) {
    const at = relativeTo(projectDir, definition.at ?? { file, line: 1, column: 1 });
    const service = findService(model, definition.service, at, kind.check);
    if ('check' in service) problems.push(service);
    else bound.push({ definition, file, service, at });
  }
  return { bound, problems };
}

/** Positions inside the project print relative to it, as users see their files. */
export function relativeTo(projectDir: string, at: SourcePosition): SourcePosition {
  return { ...at, file: path.isAbsolute(at.file) ? path.relative(projectDir, at.file) : at.file };
}

/** The catalog service a definition names, or a Problem at the definition. */
export function findService(
  model: Model,
  name: string,
  at: SourcePosition,
  check: string,
): Service | Problem {
  const service = model.services.find((s) => s.name === name);
  if (service) return service;
  return problem(
    check,
    'error',
    `unknown service "${name}"; catalog services: ${model.services.map((s) => s.name).join(', ')}`,
    at,
  );
}

/**
 * A builder's result, or the value itself. Checked by shape, not instanceof: user modules may load
 * another copy of obsgen (a global and a local install) whose classes are not ours.
 */
export function builtValue<T>(value: T | { build(): T }): T {
  const build = (value as { build?: unknown }).build;
  return typeof build === 'function' ? (build.call(value) as T) : (value as T);
}
