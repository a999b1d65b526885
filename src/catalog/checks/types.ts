// A semantic catalog check: reads the schema-valid catalog, returns problems at catalog positions.
import type { Problem } from '../../problem.ts';
import type { CatalogSpec } from '../schema/index.ts';
import type { SourceFile } from '../source.ts';

export interface CheckContext {
  readonly source: SourceFile;
  readonly spec: CatalogSpec;
  /** The catalog as written, before defaults apply. */
  readonly raw: unknown;
}

export type CatalogCheck = (ctx: CheckContext) => Problem[];
