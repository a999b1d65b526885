// Semantic checks that read the model's conventions or resolve SLOs: they run in the resolve step,
// after the catalog's own checks, on the same schema-valid catalog and at the same positions.
import type { CatalogCheck } from '../../catalog/checks/types.ts';
import { staticLabelClashes } from './labels.ts';
import { ignoredOverrides } from './overrides.ts';
import { sloChecks } from './slo.ts';
import { unknownOverrides } from './unknown-overrides.ts';

export const modelChecks: readonly CatalogCheck[] = [
  sloChecks,
  ignoredOverrides,
  unknownOverrides,
  staticLabelClashes,
];
