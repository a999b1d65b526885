// SLOs users write in slos/*.ts (defineSlos + SloBuilder), loaded at run time and validated with the
// catalog's own SLO schema and checks; problems point at the user's call site.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionInFile } from '../../callsite.ts';
import { slo as sloSchema } from '../../catalog/schema/slo.ts';
import type { Model, Slo } from '../../model/model.ts';
import { normalizeSlo } from '../../model/slo.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import { listModules } from '../rules/user.ts';
import { type BuiltSlo, SloBuilder, type SlosDefinition } from './builder.ts';

const check = 'gen/user-module';

export interface UserSlos {
  readonly byService: ReadonlyMap<string, readonly Slo[]>;
  readonly problems: readonly Problem[];
}

function isDefinition(value: unknown): value is SlosDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'obsgen/slos';
}

function relativeTo(projectDir: string, at: SourcePosition): SourcePosition {
  return { ...at, file: path.isAbsolute(at.file) ? path.relative(projectDir, at.file) : at.file };
}

export async function loadUserSlos(projectDir: string, model: Model): Promise<UserSlos> {
  const byService = new Map<string, Slo[]>();
  const problems: Problem[] = [];
  for (const file of await listModules(path.join(projectDir, 'slos'))) {
    const shown = path.relative(projectDir, file);
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      problems.push(
        problem(check, 'error', `cannot load: ${error instanceof Error ? error.message : String(error)}`, {
          ...positionInFile(error, file),
          file: shown,
        }),
      );
      continue;
    }
    for (const definition of Array.isArray(exported) ? exported : [exported]) {
      if (!isDefinition(definition)) {
        problems.push(
          problem(
            check,
            'error',
            'the default export must be defineSlos(service, [...]) (or a list of them)',
            { file: shown, line: 1, column: 1 },
          ),
        );
        continue;
      }
      const at = relativeTo(projectDir, definition.at ?? { file, line: 1, column: 1 });
      const service = model.services.find((s) => s.name === definition.service);
      if (!service) {
        problems.push(
          problem(
            check,
            'error',
            `unknown service "${definition.service}"; catalog services: ${model.services.map((s) => s.name).join(', ')}`,
            at,
          ),
        );
        continue;
      }
      const taken = new Set(service.slos.map((s) => s.name));
      for (const item of definition.slos) {
        const built: BuiltSlo = item instanceof SloBuilder ? item.build() : item;
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
            problem(
              check,
              'error',
              `service ${service.name} already has an SLO named "${built.name}"`,
              where,
            ),
          );
          continue;
        }
        taken.add(built.name);
        const slo: Slo = { name: built.name, spec: parsed.data, at: where };
        const normalized = normalizeSlo(model, service, slo);
        for (const p of normalized.problems)
          problems.push(
            problem(check, 'error', `SLO "${built.name}": ${p.path.join('.')}: ${p.message}`, where),
          );
        if (normalized.slo) byService.set(service.name, [...(byService.get(service.name) ?? []), slo]);
      }
    }
  }
  return { byService, problems };
}
