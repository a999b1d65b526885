// One gen run, in the order data flows: catalog -> model -> generators (files, rule groups as data)
// -> checks -> emit (rule files serialized, headers, kustomization) -> the complete set of output
// files. Nothing here touches generated/; the CLI decides whether to write (gen) or compare (--check).
import path from 'node:path';
import { generators } from '../artifacts/index.ts';
import { serviceRuleSet } from '../artifacts/rules/index.ts';
import { sloRuleGroups } from '../artifacts/slos/rules.ts';
import type { GenContext, GeneratedFile, Generator } from '../artifacts/types.ts';
import { emitDocuments } from '../emit/documents.ts';
import { kustomization } from '../emit/kustomization.ts';
import { regenerateAdvice } from '../emit/regenerate.ts';
import { serviceRuleFiles } from '../emit/rules.ts';
import { withHeaderNotes } from '../emit/yaml.ts';
import { yamlCaches } from '../emit/yaml-shapes.ts';
import type { Model } from '../model/model.ts';
import { loadProject } from '../model/resolve.ts';
import { hasErrors, type Problem, sortProblems } from '../problem.ts';
import { lintDashboard } from '../validate/dashboards/index.ts';
import { recordedNames, undeclaredSeriesGivenRecords } from '../validate/dashboards/output-series.ts';
import { checkServiceRules, ruleCheckCaches } from '../validate/generated-rules.ts';

export interface PipelineResult {
  /** Sorted by path; empty when there are errors. */
  readonly files: readonly GeneratedFile[];
  readonly problems: readonly Problem[];
}

export interface PipelineOptions {
  /** The folder the files are for (default: `generated/` beside the catalog); headers say how to rebuild it. */
  readonly outDir?: string;
}

export async function runPipeline(
  catalogFile: string,
  displayName: string,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const loaded = await loadProject(catalogFile, displayName);
  if (!loaded.model) return { files: [], problems: loaded.problems };
  const context = { projectDir: path.dirname(path.resolve(catalogFile)) };
  const generated = await generateArtifacts(loaded.model, context, generators);
  const files = generated.files;
  const problems: Problem[] = [...loaded.problems, ...generated.problems];
  problems.push(...duplicatePaths(files));
  // Panels reading a series that neither the catalog nor any generated rule produces.
  problems.push(
    ...undeclaredSeriesGivenRecords(loaded.model, files, generated.recorded, generated.seriesSelected),
  );
  if (hasErrors(problems)) return { files: [], problems: sortProblems(problems) };
  const note = loaded.model.settings.target.headerNote;
  const advice = regenerateAdvice(
    catalogFile,
    options.outDir ?? path.join(path.dirname(path.resolve(catalogFile)), 'generated'),
  );
  const all = [...files, kustomization(files)]
    .map((file) => {
      const yaml = file.path.endsWith('.yaml') || file.path.endsWith('.yml');
      const content = withHeaderNotes(file.content, yaml ? note : null, advice);
      return content === file.content ? file : { ...file, content };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: all, problems: sortProblems(problems) };
}

export interface Artifacts {
  /** In generator order, rule files last; not yet sorted or given their headers' notes. */
  readonly files: readonly GeneratedFile[];
  readonly problems: readonly Problem[];
  /** Every series a generated recording rule writes. */
  readonly recorded: ReadonlySet<string>;
  /** What the generators know each dashboard file's queries select (see ArtifactOutput). */
  readonly seriesSelected: ReadonlyMap<GeneratedFile, ReadonlySet<string>>;
}

/**
 * The generators, then per service its rule groups (as data), their checks and the rule files
 * emitted from them, then the checks on the user's dashboards.
 */
export async function generateArtifacts(
  model: Model,
  context: GenContext,
  fileGenerators: readonly Generator[],
): Promise<Artifacts> {
  const files: GeneratedFile[] = [];
  const problems: Problem[] = [];
  const userDashboards: GeneratedFile[] = [];
  const seriesSelected = new Map<GeneratedFile, ReadonlySet<string>>();
  for (const generator of fileGenerators) {
    const output = await generator.generate(model, context);
    files.push(...output.files);
    for (const [file, names] of output.seriesSelected ?? []) seriesSelected.set(file, names);
    files.push(...emitDocuments(output.documents ?? []));
    problems.push(...output.problems);
    userDashboards.push(...(output.userDashboards ?? []));
  }
  // Rule files other generators wrote as text are read back; the rules generator's groups are data.
  const recorded = recordedNames(
    files.filter((f) => f.path.startsWith('prometheus/rule-files/')).map((f) => f.content),
  );
  const ruleFiles: GeneratedFile[] = [];
  const caches = ruleCheckCaches();
  // Every service's rule files have the same keys, most the same shapes: both are kept for the run.
  const ruleCaches = yamlCaches();
  // A service at a time, so its rule trees die young instead of every service's living through
  // the whole run (the collector copies what lives).
  for (const service of model.services) {
    const ruleSet = serviceRuleSet(model, service, service.slos.flatMap(sloRuleGroups));
    problems.push(...checkServiceRules(model, ruleSet, caches));
    const groups = ruleSet.groups.map((g) => g.group);
    for (const group of groups)
      for (const rule of group.rules) if (rule.kind === 'record') recorded.add(rule.record);
    ruleFiles.push(...serviceRuleFiles(model, service, groups, ruleCaches));
  }
  for (const json of userDashboards) problems.push(...lintDashboard(json.content, `generated/${json.path}`));
  files.push(...ruleFiles);
  return { files, problems, recorded, seriesSelected };
}

/** Two generators writing one path is a bug or a name clash in the catalog; never let one win silently. */
function duplicatePaths(files: readonly GeneratedFile[]): Problem[] {
  const seen = new Set<string>();
  return files.flatMap((file) => {
    if (!seen.has(file.path)) {
      seen.add(file.path);
      return [];
    }
    return [
      {
        check: 'gen/duplicate-output',
        severity: 'error' as const,
        message: `two artifacts would write ${file.path}`,
        file: file.path,
        line: 1,
        column: 1,
      },
    ];
  });
}
