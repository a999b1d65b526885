// Rules users write in TypeScript: alerts/*.ts default-export defineAlerts(...) for a service.
// Loaded at run time; a file that throws or names an unknown service fails gen at its own line.
import { positionInFile, userCallSite } from '../../callsite.ts';
import type { Model, Service } from '../../model/model.ts';
import { builtValue, errorMessage, loadServiceDefinitions, relativeTo } from '../../model/usermodules.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import type { RuleGroupBuilder } from './builders.ts';
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

export async function loadUserAlerts(projectDir: string, model: Model): Promise<UserRules> {
  const byService = new Map<string, UserGroup[]>();
  const { bound, problems } = await loadServiceDefinitions<AlertsDefinition>(projectDir, model, {
    folder: 'alerts',
    kind: 'obsgen/alerts',
    check,
    expected: 'defineAlerts(service, build)',
  });
  for (const { definition, file, service, at } of bound) {
    try {
      const groups = definition.build({ service, model }).map((g) => builtValue<RuleGroup>(g));
      byService.set(service.name, [
        ...(byService.get(service.name) ?? []),
        ...groups.map((group) => ({ group, at })),
      ]);
    } catch (error) {
      const where = relativeTo(projectDir, builderErrorAt(error) ?? positionInFile(error, file));
      problems.push(problem(check, 'error', errorMessage(error), where));
    }
  }
  return { byService, problems };
}

/** Where a RuleBuilderError (of any obsgen copy: matched by name) says the user called the builder. */
function builderErrorAt(error: unknown): SourcePosition | null {
  if (!(error instanceof Error) || error.name !== 'RuleBuilderError') return null;
  return (error as { at?: SourcePosition | null }).at ?? null;
}
