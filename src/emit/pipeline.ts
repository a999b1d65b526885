// catalog -> model -> every generator -> validation -> the complete set of output files.
// Nothing here touches generated/; the CLI decides whether to write (gen) or compare (gen --check).
import path from 'node:path';
import { generators } from '../artifacts/index.ts';
import type { GeneratedFile } from '../artifacts/types.ts';
import { loadCatalog } from '../catalog/load.ts';
import { hasErrors, type Problem, sortProblems } from '../problem.ts';
import { undeclaredSeriesInOutput } from '../validate/dashboards/output-series.ts';
import { kustomization } from './kustomization.ts';
import { regenerateAdvice } from './regenerate.ts';
import { withRegenerateAdvice, withTargetNote } from './yaml.ts';

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
  const loaded = await loadCatalog(catalogFile, displayName);
  if (!loaded.model) return { files: [], problems: loaded.problems };
  const context = { projectDir: path.dirname(path.resolve(catalogFile)) };
  const files: GeneratedFile[] = [];
  const problems: Problem[] = [...loaded.problems];
  for (const generator of generators) {
    const output = await generator.generate(loaded.model, context);
    files.push(...output.files);
    problems.push(...output.problems);
  }
  problems.push(...duplicatePaths(files));
  // Panels reading a series that neither the catalog nor any generated rule produces.
  problems.push(...undeclaredSeriesInOutput(loaded.model, files));
  if (hasErrors(problems)) return { files: [], problems: sortProblems(problems) };
  const note = loaded.model.settings.target.headerNote;
  const advice = regenerateAdvice(
    catalogFile,
    options.outDir ?? path.join(path.dirname(path.resolve(catalogFile)), 'generated'),
  );
  const all = [...files, kustomization(files)]
    .map((file) =>
      file.path.endsWith('.yaml') || file.path.endsWith('.yml')
        ? { ...file, content: withTargetNote(file.content, note) }
        : file,
    )
    .map((file) => ({ ...file, content: withRegenerateAdvice(file.content, advice) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: all, problems: sortProblems(problems) };
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
