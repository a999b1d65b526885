// Typed builders for rules, in the style `new XBuilder(required).optional(...).build()`. Users call
// them from alerts/*.ts; obsgen's own generators use them too. Expressions are AST nodes from the
// PromQL toolkit's query builders (or PromQL text, validated at gen time).
import { userCallSite } from '../../callsite.ts';
import type { SourcePosition } from '../../problem.ts';
import { durationMs } from '../../promql/duration.ts';
import { byCodeUnit, sortPrefix } from '../../sort.ts';
import type { AlertingRule, PromQL, RecordingRule, Rule, RuleGroup } from './types.ts';

export type { PromQL } from './types.ts';
export type Severity = 'critical' | 'warning' | 'info';

/** Text as written, trimmed; an AST stays one, printed only when emitted. */
function ruleExpr(expr: PromQL): PromQL {
  return typeof expr === 'string' ? expr.trim() : expr;
}

/** Milliseconds of a duration a user wrote; an invalid one becomes a gen error at the call site. */
function userDurationMs(text: string, what: string): number {
  const ms = durationMs(text);
  if (ms === null) throw new RuleBuilderError(`${what}: "${text}" is not a duration such as "5m"`);
  return ms;
}

/** Raised for a misuse of the builders; gen reports it at the user's call site. */
export class RuleBuilderError extends Error {
  readonly at: SourcePosition | null;
  constructor(message: string) {
    super(message);
    this.name = 'RuleBuilderError';
    this.at = userCallSite();
  }
}

export class RecordingRuleBuilder {
  readonly #record: string;
  readonly #expr: PromQL;
  readonly #labels: Record<string, string> = {};

  constructor(record: string, expr: PromQL) {
    this.#record = record;
    this.#expr = expr;
  }

  label(name: string, value: string): this {
    this.#labels[name] = value;
    return this;
  }

  build(): RecordingRule {
    return {
      kind: 'record',
      record: this.#record,
      expr: ruleExpr(this.#expr),
      labels: sortedCopy(this.#labels),
    };
  }
}

export class AlertRuleBuilder {
  readonly #alert: string;
  readonly #expr: PromQL;
  #forMs = 0;
  #keepFiringForMs = 0;
  readonly #labels: Record<string, string> = {};
  readonly #annotations: Record<string, string> = {};

  constructor(alert: string, expr: PromQL) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alert))
      throw new RuleBuilderError(
        `alert name "${alert}" must be a valid label value of alertname, e.g. "HighErrorRatio"`,
      );
    this.#alert = alert;
    this.#expr = expr;
  }

  /** How long the condition must hold before the alert fires. */
  for(duration: string): this {
    this.#forMs = userDurationMs(duration, 'for');
    return this;
  }

  forMs(ms: number): this {
    this.#forMs = ms;
    return this;
  }

  /** How long the alert keeps firing after the condition clears (flap damping). */
  keepFiringFor(duration: string): this {
    this.#keepFiringForMs = userDurationMs(duration, 'keepFiringFor');
    return this;
  }

  severity(severity: Severity): this {
    return this.label('severity', severity);
  }

  summary(text: string): this {
    return this.annotation('summary', text);
  }

  description(text: string): this {
    return this.annotation('description', text);
  }

  /** `null` leaves the annotation out (the catalog names no runbook). */
  runbook(url: string | null): this {
    return url === null ? this : this.annotation('runbook_url', url);
  }

  label(name: string, value: string): this {
    this.#labels[name] = value;
    return this;
  }

  annotation(name: string, value: string): this {
    this.#annotations[name] = value;
    return this;
  }

  build(): AlertingRule {
    return {
      kind: 'alert',
      alert: this.#alert,
      expr: ruleExpr(this.#expr),
      forMs: this.#forMs,
      keepFiringForMs: this.#keepFiringForMs,
      labels: sortedCopy(this.#labels),
      annotations: sortedCopy(this.#annotations),
    };
  }
}

export type RuleLike = Rule | RecordingRuleBuilder | AlertRuleBuilder;

export class RuleGroupBuilder {
  readonly #name: string;
  #intervalMs = 0;
  readonly #rules: RuleLike[] = [];

  constructor(name: string) {
    this.#name = name;
  }

  interval(duration: string): this {
    this.#intervalMs = userDurationMs(duration, 'interval');
    return this;
  }

  /** Rules run in the order they are added: add a recording rule before the rules that read it. */
  rule(...rules: RuleLike[]): this {
    this.#rules.push(...rules);
    return this;
  }

  build(): RuleGroup {
    return { name: this.#name, intervalMs: this.#intervalMs, rules: this.#rules.map(buildRule) };
  }
}

export function buildRule(rule: RuleLike): Rule {
  return rule instanceof RecordingRuleBuilder || rule instanceof AlertRuleBuilder ? rule.build() : rule;
}

/** A copy with its keys in code unit order (a rule has a handful of labels and annotations). */
function sortedCopy(record: Readonly<Record<string, string>>): Record<string, string> {
  const keys = Object.keys(record);
  sortPrefix(keys, keys.length, byCodeUnit);
  const copy: Record<string, string> = {};
  for (const key of keys) copy[key] = record[key] as string;
  return copy;
}
