// Rules users write in TypeScript: alerts/*.ts default-export defineAlerts(...) for a service.
// Loaded by the resolve step, so the rules generator reads them from the model like every other
// input; a file that throws or names an unknown service fails gen at its own line.
import { positionInFile, userCallSite } from '../callsite.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import type { Model, Service } from './model.ts';
import type { RuleGroup, UserRuleGroup } from './rules.ts';
import { builtValue, errorMessage, loadServiceDefinitions, relativeTo } from './usermodules.ts';

/** What a defineAlerts build may return per group: a RuleGroup, or a builder whose build() makes one. */
export type RuleGroupSource = RuleGroup | { build(): RuleGroup };

export interface AlertsContext {
  readonly service: Service;
  readonly model: Model;
}

export interface AlertsDefinition {
  readonly kind: 'obsgen/alerts';
  readonly service: string;
  readonly build: (context: AlertsContext) => readonly RuleGroupSource[];
  readonly at: SourcePosition | null;
}

/** Declares extra rule groups for one catalog service; use as the default export of alerts/<name>.ts. */
export function defineAlerts(service: string, build: AlertsDefinition['build']): AlertsDefinition {
  return { kind: 'obsgen/alerts', service, build, at: userCallSite() };
}

export interface UserRules {
  readonly byService: ReadonlyMap<string, readonly UserRuleGroup[]>;
  readonly problems: readonly Problem[];
}

const check = 'gen/user-module';

export async function loadUserAlerts(projectDir: string, model: Model): Promise<UserRules> {
  const byService = new Map<string, UserRuleGroup[]>();
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
