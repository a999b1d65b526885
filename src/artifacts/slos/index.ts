// The SLO artifact: per SLO, rule groups contributed to the service's rule files (through the rules
// contribution hook); plus sloSeries for the dashboards. Their tests come from the tests artifact.
import type { Model, Service, Slo } from '../../model/model.ts';
import { type NormalizedSlo, normalizeSlo } from '../../model/slo.ts';
import { type Problem, problem } from '../../problem.ts';
import { ruleContributors } from '../rules/contributions.ts';
import type { Generator } from '../types.ts';
import { sloLabels, sloRecords, windowLabel } from './names.ts';
import { burnWindows, sloRuleGroups } from './rules.ts';
import { loadUserSlos } from './user.ts';

export { type BuiltSlo, defineSlos, SloBuilder, type SlosDefinition } from './builder.ts';

export { sloRuleGroups } from './rules.ts';

/** SLOs from slos/*.ts, per model: loaded by the generator (which runs before rules) for the contributor. */
const userSlos = new WeakMap<Model, ReadonlyMap<string, readonly Slo[]>>();

/** Catalog SLOs, then those of slos/*.ts. */
export function allSlos(model: Model, service: Service): readonly Slo[] {
  return [...service.slos, ...(userSlos.get(model)?.get(service.name) ?? [])];
}

/** The service's SLOs, normalized; problems point at the catalog entry (the catalog checks report them first). */
export function serviceSlos(model: Model, service: Service): { slos: NormalizedSlo[]; problems: Problem[] } {
  const slos: NormalizedSlo[] = [];
  const problems: Problem[] = [];
  for (const slo of allSlos(model, service)) {
    if (!service.slos.includes(slo)) {
      // slos/*.ts entries were checked when loaded.
      const normalized = normalizeSlo(model, service, slo).slo;
      if (normalized) slos.push(normalized);
      continue;
    }
    const result = normalizeSlo(model, service, slo);
    if (result.slo) slos.push(result.slo);
    for (const p of result.problems) {
      const path = ['services', service.name, 'slos', slo.name, ...p.path];
      problems.push(
        problem('catalog/schema', 'error', `${path.join('.')}: ${p.message}`, model.locate(path, p.offset)),
      );
    }
  }
  return { slos, problems };
}

ruleContributors.push((service, model) => {
  const { slos, problems } = serviceSlos(model, service);
  return { groups: slos.flatMap(sloRuleGroups), problems };
});

/** Loads slos/*.ts of the project so every function here sees those SLOs too; returns their problems. */
export async function loadProjectSlos(model: Model, projectDir: string): Promise<Problem[]> {
  const user = await loadUserSlos(projectDir, model);
  userSlos.set(model, user.byService);
  return [...user.problems];
}

export const slosGenerator: Generator = {
  name: 'slos',
  async generate(model, context) {
    // The SLO rules go out through the rules contribution above, their tests through the tests artifact.
    return { files: [], problems: await loadProjectSlos(model, context.projectDir) };
  },
};

/** Series of one SLO for dashboards: recording-rule names and the label matchers that pick them. */
export interface SloSeries {
  /** `{service="...", slo="..."}` matchers every series below needs (plus groupBy labels to split). */
  readonly matchers: Readonly<Record<string, string>>;
  /** Labels an SLO is split by (one panel series per value). */
  readonly groupBy: readonly string[];
  /** Good-events ratio over the short window: 1 - errorRate / totalRate (compute in the panel). */
  readonly errorRate: string;
  readonly totalRate: string;
  /** Burn-rate series name; pick a window with the `window` label, e.g. window="1h". */
  readonly burnRate: string;
  readonly windowLabel: string;
  /** Window label values recorded for this SLO, ascending. */
  readonly windows: readonly string[];
  readonly objective: string;
  readonly budgetRemaining: string;
  readonly budgetConsumed: string;
  /** Budget consumed per report period: pick one with the `periodLabel` label, e.g. period="7d". */
  readonly periodBudgetConsumed: string;
  readonly periodLabel: string;
  /** The report periods (`reportWindows`), ascending, e.g. ["7d"]. */
  readonly reportPeriods: readonly string[];
  /** The objective as a ratio (0.999) and the period (`30d`), for thresholds and titles. */
  readonly objectiveRatio: number;
  readonly period: string;
}

/**
 * What the dashboards generator needs to draw SLO panels for one catalog SLO: e.g.
 * `slo:error_budget_remaining:ratio{service="cloudviz", slo="availability"}` for the budget gauge,
 * `slo:burn_rate:ratio{service="cloudviz", slo="availability"}` by `window` for the burn-rate graph,
 * and `1 - slo:error_events:rate5m{...} / slo:total_events:rate5m{...}` for the SLI.
 * Returns null when the SLO does not exist or does not resolve.
 */
export function sloSeries(model: Model, service: Service, sloName: string): SloSeries | null {
  const entry = allSlos(model, service).find((s) => s.name === sloName);
  const slo = entry ? normalizeSlo(model, service, entry).slo : null;
  if (!slo) return null;
  return {
    matchers: { service: slo.service, [sloLabels.slo]: slo.name },
    groupBy: slo.groupBy,
    errorRate: sloRecords.errorRate,
    totalRate: sloRecords.totalRate,
    burnRate: sloRecords.burnRate,
    windowLabel: sloLabels.window,
    windows: burnWindows(slo).map(windowLabel),
    objective: sloRecords.objective,
    budgetRemaining: sloRecords.budgetRemaining,
    budgetConsumed: sloRecords.budgetConsumed,
    periodBudgetConsumed: sloRecords.periodBudgetConsumed,
    periodLabel: sloLabels.period,
    reportPeriods: slo.reportPeriodsMs.map(windowLabel),
    objectiveRatio: slo.objective,
    period: windowLabel(slo.periodMs),
  };
}
