// Prometheus rules as data, as generators build them and alerts/*.ts contributes them. Durations
// are milliseconds here and formatted only when emitted. An expression is an AST when obsgen or a
// user's builder call built it (the checks read it as is, emit prints it) or the PromQL text a user
// wrote (parsed once, by the check stage).
import type { SourcePosition } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';

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

/** A rule group of alerts/*.ts, with the line of the defineAlerts call that made it. */
export interface UserRuleGroup {
  readonly group: RuleGroup;
  readonly at: SourcePosition;
}
