// What a rule lint check reads and returns; its shape (id, severity, description, check) is the one
// every check shares (src/check.ts).

import type { CheckOf } from '../check.ts';
import type { Severity } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';
import type { LoadedRule, Target } from '../rulefile/load.ts';
import type { Template } from '../template/ast.ts';
import type { MetricContract } from './contract.ts';

/** A rule as the checks see it: the loaded fields plus the parsed expression and templates. */
export interface LintRule extends LoadedRule {
  /** null when the expression does not parse (then only `promql/syntax` reports on it). */
  readonly ast: Expr | null;
  /** Parse errors of `expr`, offsets into the expression text. */
  readonly exprErrors: readonly { readonly message: string; readonly offset: number }[];
  /** Template parse errors, by `labels.NAME` / `annotations.NAME`. */
  readonly templateErrors: ReadonlyMap<
    string,
    readonly { readonly message: string; readonly offset: number }[]
  >;
  /**
   * Parsed label and annotation templates, by `labels.NAME` / `annotations.NAME`; absent when invalid,
   * and for plain text (no `{{`), which has nothing a check reads.
   */
  readonly templates: ReadonlyMap<string, Template>;
}

export interface CheckContext {
  /** Scrape interval the rate-window check assumes, in ms. */
  readonly scrapeIntervalMs: number;
  /** Every rule being linted in this run, in file order (for cross-rule checks such as duplicates). */
  readonly rules: readonly LintRule[];
  /** Names the recording rules of this run write. */
  readonly recordedNames: ReadonlySet<string>;
  /** The catalog's metrics (`obsgen lint --catalog`), or null when linting rules on their own. */
  readonly contract: MetricContract | null;
}

export interface Finding {
  readonly message: string;
  /** Where to point; the whole rule when absent. */
  readonly target?: Target;
  /** Character offset inside the target's value (e.g. an AST node's start in `expr`). */
  readonly offset?: number;
  /** Overrides the check's default severity for this finding. */
  readonly severity?: Severity;
}

/** What a check returns when it finds nothing: one frozen list, not a new one per rule and check. */
export const noFindings: readonly Finding[] = Object.freeze([]);

/** Adds a finding to a list made at the first one: most rules have none, so most checks make no list. */
export function withFinding(findings: Finding[] | null, finding: Finding): Finding[] {
  if (findings === null) return [finding];
  findings.push(finding);
  return findings;
}

/** A rule check: findings about one rule, in the context of every rule of the run. */
export interface Check extends CheckOf<LintRule, CheckContext, Finding> {
  /** The one kind of rule it can find something in (it finds nothing in the other); either when absent. */
  readonly kind?: LoadedRule['kind'];
}

/** The target of a `labels.NAME` / `annotations.NAME` key of LintRule.templates. */
export function templateTarget(key: string): Target {
  const dot = key.indexOf('.');
  const name = key.slice(dot + 1);
  return key.startsWith('labels.') ? { labels: name } : { annotations: name };
}

/** Default scrape interval assumed when none is known: Prometheus's own default (`global.scrape_interval`). */
export const defaultScrapeIntervalMs = 60_000;
