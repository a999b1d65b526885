// The rules generator's output as data: per service its groups in file order, with where each
// came from. The rule and group types themselves are the model's (src/model/rules.ts).
import type { Service } from '../../model/model.ts';
import type { RuleGroup } from '../../model/rules.ts';
import type { SourcePosition } from '../../problem.ts';

export type { AlertingRule, PromQL, RecordingRule, Rule, RuleGroup } from '../../model/rules.ts';

/** The rule groups of one service, as they land in its PrometheusRule and plain rule file. */
export interface ServiceRules {
  readonly service: string;
  readonly groups: readonly RuleGroup[];
}

/** A group with where its expressions come from, for error positions; null for obsgen's own rules. */
export interface SourcedGroup {
  readonly group: RuleGroup;
  readonly at: SourcePosition | null;
}

/** One service's groups in file order, as the rules generator hands them to the checks and emit. */
export interface ServiceRuleSet {
  readonly service: Service;
  readonly groups: readonly SourcedGroup[];
}
