// Prometheus rules as data. Durations are milliseconds here and formatted only when emitted.
export interface RecordingRule {
  readonly kind: 'record';
  readonly record: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface AlertingRule {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: string;
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
