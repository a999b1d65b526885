// Lint of a set of files as `obsgen lint` reads them: rule files linted together (so duplicates across
// files are found), dashboard JSON handed to the dashboard checks.
import { type Problem, sortProblems } from '../problem.ts';
import { type LintOptions, lintRules } from './lint.ts';
import { type LoadedRule, loadRuleText } from './rule-file.ts';

export interface SourceText {
  /** Path as shown in findings. */
  readonly file: string;
  readonly text: string;
}

export async function lintFiles(
  sources: readonly SourceText[],
  options: LintOptions = {},
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rules: LoadedRule[] = [];
  for (const source of sources) {
    if (source.file.endsWith('.json')) {
      problems.push(...lintDashboardText(source));
      continue;
    }
    const loaded = loadRuleText(source.file, source.text);
    problems.push(...loaded.problems);
    rules.push(...loaded.rules);
  }
  return sortProblems([...problems, ...lintRules(rules, options)]);
}

function lintDashboardText(source: SourceText): Problem[] {
  return [
    {
      check: 'dashboards/unavailable',
      severity: 'info',
      message: 'dashboard lint not available',
      file: source.file,
      line: 1,
      column: 1,
    },
  ];
}
