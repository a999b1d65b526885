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

export const schemaGenerator: Generator = {
  name: 'schema',
  async generate() {
    return {
      files: [
        {
          path: catalogJsonSchemaPath,
          content: `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`,
          kubernetes: false,
        },
      ],
      problems: [],
    };
  },
};
