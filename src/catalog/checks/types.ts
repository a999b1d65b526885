// A semantic catalog check: reads the schema-valid catalog, returns problems at catalog positions;
// its shape (id, severity, description, check) is the one every check shares (src/check.ts).
import type { CheckOf } from '../../check.ts';
import type { Problem } from '../../problem.ts';
import type { CatalogSpec } from '../schema/index.ts';
import type { SourceFile } from '../source.ts';

export interface CheckContext {
  readonly source: SourceFile;
  readonly spec: CatalogSpec;
  /** The catalog as written, before defaults apply. */
  readonly raw: unknown;
}

/** A catalog check: problems at catalog positions; each carries the check's id. */
export type CatalogCheck = CheckOf<CheckContext, void, Problem>;

/** Every check's problems, each stamped with the id of the check that found it. */
export function runCatalogChecks(checks: readonly CatalogCheck[], ctx: CheckContext): Problem[] {
  return checks.flatMap((check) => check.check(ctx).map((found) => ({ ...found, check: check.id })));
}
