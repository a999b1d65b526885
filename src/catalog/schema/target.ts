// The catalog's say on what runs the rules: `settings.target` and the ruler-specific fields.
// What each target changes in the output lives in src/target.ts.
import { z } from 'zod';
import { targets } from '../../target.ts';

export const target = z.enum(targets);

/** Thanos Ruler's per-group choice when a store does not answer (Thanos docs, "Partial Response"). */
export const partialResponseStrategy = z.enum(['warn', 'abort']);

/** Mimir tenant ids: 1-150 of the characters Mimir allows ("About Grafana Mimir tenant IDs"). */
const tenantId = z
  .string()
  .regex(/^[a-zA-Z0-9!\-_.*'()]{1,150}$/, "must be a Mimir tenant id: 1-150 of a-z A-Z 0-9 ! - _ . * ' ( )")
  .refine((id) => id !== '.' && id !== '..' && id !== '__mimir_cluster', 'is reserved by Mimir');

export const serviceRuler = z.strictObject({
  sourceTenants: z
    .array(tenantId)
    .min(1)
    .optional()
    .describe(
      "target mimir: the tenants this service's rules read (a federated rule group: source_tenants); the ruler then labels each series with __tenant_id__, which every aggregation keeps",
    ),
  partialResponseStrategy: partialResponseStrategy
    .optional()
    .describe(
      "target thanos: partial_response_strategy of this service's groups (default: settings.partialResponseStrategy)",
    ),
});
