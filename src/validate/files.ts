// Lint of a set of files as `obsgen lint` reads them: rule files linted together (so duplicates across
// files are found), dashboard JSON handed to the dashboard checks.
import { type Problem, sortProblems } from '../problem.ts';
import { type LoadedRule, loadRuleText } from '../rulefile/load.ts';
import { type LintOptions, lintRules } from './lint.ts';

export interface SourceText {
  /** Path as shown in findings. */
  readonly file: string;
  readonly text: string;
  /** Found by searching a folder (not named by the user): JSON that is no dashboard is skipped. */
  readonly discovered?: boolean;
}

/** Dashboard JSON (a dashboard model or a wrapper holding one), not e.g. a JSON Schema next to it. */
function looksLikeDashboard(text: string): boolean {
  return /"(panels|dashboard)"\s*:/.test(text);
}

export async function lintFiles(
  sources: readonly SourceText[],
  options: LintOptions = {},
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rules: LoadedRule[] = [];
  // The dashboard checks load the Grafana SDK: a run over rule files alone does not pay for it.
  const dashboards = sources.some((s) => s.file.endsWith('.json'))
    ? await import('./dashboards/index.ts')
    : null;
  for (const source of sources) {
    if (source.file.endsWith('.json')) {
      if (source.discovered && !looksLikeDashboard(source.text)) continue;
      if (dashboards) problems.push(...dashboards.lintDashboard(source.text, source.file));
      continue;
    }
    const loaded = loadRuleText(source.file, source.text);
    problems.push(...loaded.problems);
    rules.push(...loaded.rules);
  }
  return sortProblems([...problems, ...lintRules(rules, options)]);
}
