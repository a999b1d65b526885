// SLOs users write in slos/*.ts (defineSlos + SloBuilder), loaded at run time and validated with the
// catalog's own SLO schema and checks, and normalized; problems point at the user's call site.
import { slo as sloSchema } from '../catalog/schema/slo.ts';
import { type Problem, problem } from '../problem.ts';
import type { Model, SloEntry } from './model.ts';
import { type NormalizedSlo, normalizeSlo, sloScrapeMessage } from './slo.ts';
import type { BuiltSlo, SlosDefinition } from './slo-builder.ts';
import { builtValue, loadServiceDefinitions, relativeTo } from './usermodules.ts';

const check = 'gen/user-module';

export interface UserSlos {
  readonly byService: ReadonlyMap<string, readonly NormalizedSlo[]>;
  readonly problems: readonly Problem[];
}

export async function loadUserSlos(projectDir: string, model: Model): Promise<UserSlos> {
  const byService = new Map<string, NormalizedSlo[]>();
  const { bound, problems } = await loadServiceDefinitions<SlosDefinition>(projectDir, model, {
    folder: 'slos',
    kind: 'obsgen/slos',
    check,
    expected: 'defineSlos(service, [...])',
  });
  for (const { definition, service, at } of bound) {
    const taken = new Set(service.slos.map((s) => s.name));
    for (const item of definition.slos) {
      const built = builtValue<BuiltSlo>(item);
      const where = relativeTo(projectDir, built.at ?? at);
      const parsed = sloSchema.safeParse(built.spec);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push(
            problem(
              check,
              'error',
              `SLO "${built.name}": ${issue.path.join('.') || 'spec'}: ${issue.message}`,
              where,
            ),
          );
        continue;
      }
      if (taken.has(built.name)) {
        problems.push(
          problem(check, 'error', `service ${service.name} already has an SLO named "${built.name}"`, where),
        );
        continue;
      }
      taken.add(built.name);
      const slo: SloEntry = { name: built.name, spec: parsed.data, origin: { kind: 'module', at: where } };
      const normalized = normalizeSlo(model, service, slo);
      for (const p of normalized.problems)
        problems.push(
          problem(check, 'error', `SLO "${built.name}": ${p.path.join('.')}: ${p.message}`, where),
        );
      if (normalized.slo)
        byService.set(service.name, [...(byService.get(service.name) ?? []), normalized.slo]);
    }
  }
  problems.push(...slowScrapes(model, byService));
  return { byService, problems };
}

/**
 * The catalog check reports a scrape too slow for a service's catalog SLOs; this, for a service
 * whose SLOs all come from slos/*.ts, at the same catalog field.
 */
function slowScrapes(model: Model, byService: ReadonlyMap<string, readonly NormalizedSlo[]>): Problem[] {
  return model.services.flatMap((service) => {
    if (service.slos.length > 0) return [];
    const names = (byService.get(service.name) ?? []).map((s) => s.name);
    const message = sloScrapeMessage(service.scrape.intervalMs, names);
    if (!message) return [];
    const path = ['services', service.name, 'scrape', 'interval'] as const;
    return [problem('catalog/schema', 'error', `${path.join('.')}: ${message}`, model.locate(path))];
  });
}
