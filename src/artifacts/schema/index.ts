// The catalog's JSON Schema, for editors: `# yaml-language-server: $schema=./generated/catalog.schema.json`.
// Derived from the zod schema, so it can never drift from what gen accepts.
import { z } from 'zod';
import { catalogSchema } from '../../catalog/schema/index.ts';
import type { Generator } from '../types.ts';

export const catalogJsonSchemaPath = 'catalog.schema.json';

export function catalogJsonSchema(): Record<string, unknown> {
  // Input mode: fields with defaults are optional for the person writing the catalog.
  return {
    ...z.toJSONSchema(catalogSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'obsgen service catalog',
  };
}

/** The schema file's text: the same for every catalog, so a process converts the zod schema once. */
let schemaText: string | undefined;

export const schemaGenerator: Generator = {
  name: 'schema',
  async generate() {
    schemaText ??= `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
    return {
      files: [{ path: catalogJsonSchemaPath, content: schemaText, kubernetes: false }],
      problems: [],
    };
  },
};
