// zod issues -> Problems at the YAML position of the offending field.
import type { z } from 'zod';
import { type Problem, problem } from '../problem.ts';
import { positionInValue, positionOfPath, type SourceFile, type ValuePath } from './source.ts';

export const catalogCheck = 'catalog/schema';

/** `services.cloudviz.metrics.requests.type` */
export function dottedPath(path: ValuePath): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

export function catalogProblem(
  source: SourceFile,
  path: ValuePath,
  message: string,
  target: 'value' | 'key' = 'value',
): Problem {
  return problem(
    catalogCheck,
    'error',
    `${dottedPath(path)}: ${message}`,
    positionOfPath(source, path, target),
  );
}

/** A problem at one character of a string field, e.g. where a PromQL selector stops parsing. */
export function catalogProblemInValue(
  source: SourceFile,
  path: ValuePath,
  valueOffset: number,
  message: string,
): Problem {
  return problem(
    catalogCheck,
    'error',
    `${dottedPath(path)}: ${message}`,
    positionInValue(source, path, valueOffset),
  );
}

export function problemsFromZod(source: SourceFile, error: z.ZodError, schema: z.ZodType): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        catalogProblem(
          source,
          [...path, key],
          `unknown key "${key}"${suggestion(key, keysAt(schema, path))}`,
          'key',
        ),
      );
    }
    // A bad map key: point at the key and say what the key schema wanted, not zod's "Invalid key".
    if (issue.code === 'invalid_key')
      return [catalogProblem(source, path, issue.issues.map(messageOf).join('; '), 'key')];
    return [catalogProblem(source, path, messageOf(issue))];
  });
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return `required field is missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${describe(issue.input)}`;
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Minimal view of a zod schema's definition, enough to find the keys an object accepts. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, SchemaLike>;
  readonly valueType?: SchemaLike;
  readonly element?: SchemaLike;
  readonly innerType?: SchemaLike;
  readonly in?: SchemaLike;
}
interface SchemaLike {
  readonly _zod: { readonly def: unknown };
}

function defOf(schema: SchemaLike): SchemaDef {
  return schema._zod.def as SchemaDef;
}

function unwrap(schema: SchemaLike): SchemaLike {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The keys the object schema at `path` accepts, for "did you mean" hints. */
function keysAt(schema: SchemaLike, path: ValuePath): readonly string[] {
  let current: SchemaLike | undefined = schema;
  for (const segment of path) {
    if (!current) return [];
    const def = defOf(unwrap(current));
    current =
      def.type === 'object'
        ? def.shape?.[String(segment)]
        : def.type === 'record'
          ? def.valueType
          : def.type === 'array'
            ? def.element
            : undefined;
  }
  if (!current) return [];
  const def = defOf(unwrap(current));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function suggestion(key: string, known: readonly string[]): string {
  const close = known.find((k) => editDistance(k, key) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}
