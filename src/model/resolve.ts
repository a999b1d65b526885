// Resolve: the schema-valid catalog -> one read-only Model, after the checks that need the model's
// conventions. Every problem of reading, validating and resolving comes back together.

import path from 'node:path';
import { runCatalogChecks } from '../catalog/checks/types.ts';
import { type ReadResult, readCatalog, readCatalogText, type ValidCatalog } from '../catalog/load.ts';
import { aboutRemoved } from '../catalog/repair.ts';
import { hasErrors, type Problem, sortProblems } from '../problem.ts';
import { buildModel, withSlos, withUserRuleGroups } from './build.ts';
import { modelChecks } from './checks/index.ts';
import { alertsOfRemoved } from './default-alerts.ts';
import type { Model } from './model.ts';
import { loadUserAlerts } from './user-alerts.ts';
import { loadUserDashboards } from './user-dashboards.ts';
import { loadUserSlos } from './user-slos.ts';

export interface LoadResult {
  /** Null when any problem is an error. */
  readonly model: Model | null;
  readonly problems: readonly Problem[];
}

export function resolveCatalog(catalog: ValidCatalog): LoadResult {
  const checked = runCatalogChecks(modelChecks, catalog);
  const built = buildModel(catalog.spec, catalog.source);
  const problems = sortProblems([...checked, ...built.problems]);
  return { model: hasErrors(problems) ? null : built.model, problems };
}

/** A read catalog resolved: the read problems, then (when it passed the schema) the resolve ones. */
function resolveRead(read: ReadResult): LoadResult {
  if (!read.catalog)
    return { model: null, problems: sortProblems([...read.problems, ...partialProblems(read)]) };
  const resolved = resolveCatalog(read.catalog);
  const problems = sortProblems([...read.problems, ...resolved.problems]);
  return { model: hasErrors(problems) ? null : resolved.model, problems };
}

/** Resolve problems of what still parsed in a catalog that failed the schema: all found in one run. */
function partialProblems(read: ReadResult): Problem[] {
  if (!read.partial) return [];
  const { catalog, removedNames } = read.partial;
  const quiet = new Set([...removedNames, ...alertsOfRemoved(removedNames)]);
  return resolveCatalog(catalog).problems.filter((p) => !aboutRemoved(p.message, quiet));
}

/** The catalog and the project's TypeScript beside it, resolved into the one complete model. */
export async function loadProject(file: string, displayName: string = file): Promise<LoadResult> {
  const read = await loadCatalog(file, displayName);
  if (!read.model) return read;
  const project = await resolveProject(read.model, path.dirname(path.resolve(file)));
  return { model: project.model, problems: sortProblems([...read.problems, ...project.problems]) };
}

/** catalog.yaml or catalog.ts -> Model, or every problem found. */
export async function loadCatalog(file: string, displayName: string = file): Promise<LoadResult> {
  return resolveRead(await readCatalog(file, displayName));
}

export function loadCatalogText(file: string, text: string): LoadResult {
  return resolveRead(readCatalogText(file, text));
}

/**
 * The project's TypeScript joins the model: the SLOs of slos/*.ts are loaded, checked and normalized
 * next to the catalog's, then the rule groups of alerts/*.ts and the dashboards of dashboards/*.ts are
 * built against that model, so every generator reads one complete model. Null model on any error;
 * the problems of all three folders are reported in one run.
 */
export async function resolveProject(model: Model, projectDir: string): Promise<LoadResult> {
  const slos = await loadUserSlos(projectDir, model);
  const withUserSlos = withSlos(model, (service) => slos.byService.get(service.name) ?? []);
  const alerts = await loadUserAlerts(projectDir, withUserSlos);
  const dashboards = await loadUserDashboards(projectDir, withUserSlos);
  const problems = sortProblems([...slos.problems, ...alerts.problems, ...dashboards.problems]);
  if (hasErrors(problems)) return { model: null, problems };
  const complete = withUserRuleGroups(withUserSlos, (service) => alerts.byService.get(service.name) ?? []);
  return { model: { ...complete, userDashboards: dashboards.dashboards }, problems };
}
