// Rules users write in TypeScript: alerts/*.ts default-export defineAlerts(...) for a service.
// Loaded at run time; a file that throws or names an unknown service fails gen at its own line.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionInFile, userCallSite } from '../../callsite.ts';
import type { Model, Service } from '../../model/model.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import { RuleBuilderError, RuleGroupBuilder } from './builders.ts';
import type { RuleGroup } from './types.ts';

export interface AlertsContext {
  readonly service: Service;
  readonly model: Model;
}

export interface AlertsDefinition {
  readonly kind: 'obsgen/alerts';
  readonly service: string;
  readonly build: (context: AlertsContext) => readonly (RuleGroup | RuleGroupBuilder)[];
  readonly at: SourcePosition | null;
}

/** Declares extra rule groups for one catalog service; use as the default export of alerts/<name>.ts. */
export function defineAlerts(service: string, build: AlertsDefinition['build']): AlertsDefinition {
  return { kind: 'obsgen/alerts', service, build, at: userCallSite() };
}

export interface UserRules {
  readonly byService: ReadonlyMap<string, readonly UserGroup[]>;
  readonly problems: readonly Problem[];
}

export interface UserGroup {
  readonly group: RuleGroup;
  readonly at: SourcePosition;
}

const check = 'gen/user-module';

export async function listModules(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir);
    return entries
      .filter(
        (name) =>
          /\.(ts|mts|js|mjs)$/.test(name) &&
          !/\.(test|spec)\.[mc]?[jt]s$/.test(name) &&
          !name.endsWith('.d.ts'),
      )
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

function isDefinition(value: unknown): value is AlertsDefinition {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'obsgen/alerts'
  );
}

export async function loadUserAlerts(projectDir: string, model: Model): Promise<UserRules> {
  const byService = new Map<string, UserGroup[]>();
  const problems: Problem[] = [];
  for (const file of await listModules(path.join(projectDir, 'alerts'))) {
    const shown = path.relative(projectDir, file);
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      problems.push(
        problem(check, 'error', `cannot load: ${errorMessage(error)}`, {
          ...positionInFile(error, file),
          file: shown,
        }),
      );
      continue;
    }
    const definitions = Array.isArray(exported) ? exported : [exported];
    for (const definition of definitions) {
      if (!isDefinition(definition)) {
        problems.push(
          problem(
            check,
            'error',
            'the default export must be defineAlerts(service, build) (or a list of them)',
            { file: shown, line: 1, column: 1 },
          ),
        );
        continue;
      }
      const at = relativeTo(projectDir, definition.at ?? { file, line: 1, column: 1 });
      const service = model.services.find((s) => s.name === definition.service);
      if (!service) {
        const known = model.services.map((s) => s.name).join(', ');
        problems.push(
          problem(check, 'error', `unknown service "${definition.service}"; catalog services: ${known}`, at),
        );
        continue;
      }
      try {
        const groups = definition
          .build({ service, model })
          .map((g) => (g instanceof RuleGroupBuilder ? g.build() : g));
        byService.set(service.name, [
          ...(byService.get(service.name) ?? []),
          ...groups.map((group) => ({ group, at })),
        ]);
      } catch (error) {
        const where =
          error instanceof RuleBuilderError && error.at
            ? relativeTo(projectDir, error.at)
            : { ...positionInFile(error, file), file: shown };
        problems.push(problem(check, 'error', errorMessage(error), where));
      }
    }
  }
  return { byService, problems };
}

function relativeTo(projectDir: string, at: SourcePosition): SourcePosition {
  return { ...at, file: path.isAbsolute(at.file) ? path.relative(projectDir, at.file) : at.file };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
