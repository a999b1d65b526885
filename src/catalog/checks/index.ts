// Semantic checks of the catalog alone, run on a schema-valid catalog. One module per concern.
// Checks that need the model's conventions or SLO resolution run after resolve (src/model/checks/).
import { duplicateMetricNames, saturationMetrics, unknownTeams } from './references.ts';
import { routeChecks } from './routes.ts';
import { secretValues } from './secrets.ts';
import { rulerFields } from './target.ts';
import type { CatalogCheck } from './types.ts';

export const catalogChecks: readonly CatalogCheck[] = [
  unknownTeams,
  duplicateMetricNames,
  saturationMetrics,
  ...routeChecks,
  secretValues,
  rulerFields,
];
