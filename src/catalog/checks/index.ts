// Semantic checks run on a schema-valid catalog, in this order. One module per concern.
import { staticLabelClashes } from './labels.ts';
import { ignoredOverrides } from './overrides.ts';
import { duplicateMetricNames, saturationMetrics, unknownTeams } from './references.ts';
import { routeChecks } from './routes.ts';
import { secretValues } from './secrets.ts';
import { sloChecks } from './slo.ts';
import { rulerFields } from './target.ts';
import type { CatalogCheck } from './types.ts';

export const catalogChecks: readonly CatalogCheck[] = [
  unknownTeams,
  duplicateMetricNames,
  saturationMetrics,
  ...routeChecks,
  secretValues,
  sloChecks,
  ignoredOverrides,
  staticLabelClashes,
  rulerFields,
];
