// Prometheus rules as data. Durations are milliseconds here and formatted only when emitted.
// An expression is an AST when obsgen or a user's builder call built it (the checks read it as is,
// emit prints it) or the PromQL text a user wrote (parsed once, by the check stage).
import type { Service } from '../../model/model.ts';
import type { Problem, SourcePosition } from '../../problem.ts';
import type { Expr } from '../../promql/ast.ts';

export type PromQL = string | Expr;
export interface RecordingRule {
  readonly kind: 'record';
  readonly record: string;
  readonly expr: PromQL;
  readonly labels: Readonly<Record<string, string>>;
}

export interface AlertingRule {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: PromQL;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  readonly name: string;
  /** 0: the Prometheus global evaluation interval. */
  readonly intervalMs: number;
  /** In evaluation order: a recording rule must come before the rules that read it. */
  readonly rules: readonly Rule[];
}

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

export interface RulesOutput {
  readonly ruleSets: readonly ServiceRuleSet[];
  readonly problems: readonly Problem[];
}
