// gen runs the same lint checks as `obsgen lint` on every rule it emits, straight from memory (no
// YAML round trip). Findings point at where the rule came from: the user's call site or catalog entry,
// else the generated rule file.
import { paths } from '../../model/conventions.ts';
import type { Service } from '../../model/model.ts';
import type { Problem, SourcePosition } from '../../problem.ts';
import type { PromVersion } from '../../promql/functions.ts';
import { checks } from '../../validate/checks/index.ts';
import { lintRules } from '../../validate/lint.ts';
import type { LoadedRule } from '../../validate/rule-file.ts';
import type { RuleGroup } from './types.ts';

export interface SourcedGroup {
  readonly group: RuleGroup;
  readonly at: SourcePosition | null;
}

/** Syntax errors are reported by gen's own validation, with catalog positions; skip them here. */
const genChecks = checks.filter((check) => check.id !== 'promql/syntax');

export function lintServiceRules(
  service: Service,
  groups: readonly SourcedGroup[],
  promql: PromVersion = '2.42',
): Problem[] {
  const fallback: SourcePosition = { file: `generated/${paths.ruleFile(service.name)}`, line: 1, column: 1 };
  const rules: LoadedRule[] = groups.flatMap(({ group, at }) =>
    group.rules.map(
      (rule): LoadedRule => ({
        file: (at ?? fallback).file,
        kind: rule.kind,
        name: rule.kind === 'alert' ? rule.alert : rule.record,
        expr: rule.expr,
        forMs: rule.kind === 'alert' ? rule.forMs : 0,
        labels: new Map(Object.entries(rule.labels)),
        annotations: new Map(Object.entries(rule.kind === 'alert' ? rule.annotations : {})),
        group: { name: group.name, intervalMs: group.intervalMs > 0 ? group.intervalMs : null },
        locate: () => at ?? fallback,
      }),
    ),
  );
  const own = (p: Problem) =>
    p.file === fallback.file && p.line === fallback.line && p.column === fallback.column;
  return lintRules(rules, { scrapeIntervalMs: service.scrape.intervalMs, checks: genChecks, promql }).filter(
    // obsgen's own alerts (located at the fallback) link a runbook exactly when the catalog names one.
    (p) => !(p.check === 'alerts/runbook-url' && own(p)),
  );
}
