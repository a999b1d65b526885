// Runs the lint checks over rule files: load with positions, parse every expression and template once,
// run each check on each rule, and turn findings into Problems pointing into the file.
import { exprText } from '../artifacts/rules/expr.ts';
import type { RuleGroup } from '../artifacts/rules/types.ts';
import { type Problem, problem, type Severity, sortProblems } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';
import { formatDurationInDays } from '../promql/duration.ts';
import type { PromVersion } from '../promql/functions.ts';
import { type LoadedRule, loadRuleText } from '../rulefile/load.ts';
import { yamlLibrary } from '../rulefile/yaml-tree.ts';
import type { Template } from '../template/ast.ts';
import { prometheusFuncs } from '../template/funcs.ts';
import { TemplateParses } from '../template/shared-parse.ts';
import { type Check, type CheckContext, defaultScrapeIntervalMs, type LintRule } from './check.ts';
import { checks as allChecks } from './checks/index.ts';
import type { MetricContract } from './contract.ts';
import { parseExpr } from './parse-expr.ts';

export interface LintOptions {
  /** Scrape interval assumed by promql/rate-window (ms); Prometheus's default 1m when unknown. */
  readonly scrapeIntervalMs?: number;
  /** Defaults to every check. */
  readonly checks?: readonly Check[];
  /** The PromQL the rules are parsed as: 2.42 (default, what promtool here accepts) or 3.x. */
  readonly promql?: PromVersion;
  /** The catalog's metric contract: declared types and labels feed the checks that read it. */
  readonly contract?: MetricContract | null;
  /** Checks whose findings about some rules the caller would drop: not run on those, nothing located. */
  readonly skip?: SkippedChecks;
  /** Template parses to share with other lint runs (gen lints each service on its own); else one per run. */
  readonly templates?: TemplateCache;
}

/** The checks (by id) not run on the rules in `rules` (a set, or anything that answers `has`). */
export interface SkippedChecks {
  readonly checks: ReadonlySet<string>;
  readonly rules: { has(rule: RuleToLint): boolean };
}

type TemplateError = { readonly message: string; readonly offset: number };

/** What Prometheus defines before an alert template's text (rules/alerting.go). */
const alertTemplateVariables = ['$labels', '$externalLabels', '$externalURL', '$value'];

/**
 * Functions an alert template may call: Go's builtins and Prometheus's template functions. Go rejects
 * any other name at parse time, and so does promtool. Lenient on the few later additions.
 */
const alertTemplateFunctions: ReadonlySet<string> = new Set([
  ...prometheusFuncs(null).keys(),
  ...['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'call'],
  ...['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery'],
  ...['graphLink', 'tableLink', 'pathPrefix', 'externalURL', 'toTime', 'stripDomain'],
]);

interface Parsed {
  readonly ast: LintRule['ast'];
  readonly exprErrors: LintRule['exprErrors'];
  readonly templates: LintRule['templates'];
  readonly templateErrors: LintRule['templateErrors'];
}

/**
 * Template parses of a lint run, or of a whole gen run: a parse depends on the text alone (the
 * variables and functions are fixed), and alerts repeat the same actions around each service's name.
 */
export type TemplateCache = TemplateParses;

export function templateCache(): TemplateCache {
  return new TemplateParses({ variables: alertTemplateVariables, functions: alertTemplateFunctions });
}

/** A rule to lint; `ast` when its expression is already parsed or built (gen's own rules), else it is parsed. */
export interface RuleToLint extends LoadedRule {
  readonly ast?: Expr;
}

/** Parses the expression (unless given) and, for alerts, every label and annotation template. */
function parseRule(rule: RuleToLint, cache: TemplateCache, version: PromVersion): Parsed {
  // A given tree has no parse errors: the shared empty list, not one made per rule.
  const parsed = rule.ast !== undefined ? null : parseExpr(rule.expr, version);
  const ast = parsed === null ? (rule.ast ?? null) : parsed.expr;
  const exprErrors = parsed === null ? noExprErrors : parsed.errors;
  if (rule.kind !== 'alert') return { ast, exprErrors, templates: noTemplates, templateErrors: noErrors };
  const templates: ParsedTemplates = { templates: null, errors: null };
  parseSection('labels', rule.labels, cache, templates);
  parseSection('annotations', rule.annotations, cache, templates);
  return {
    ast,
    exprErrors,
    templates: templates.templates ?? noTemplates,
    templateErrors: templates.errors ?? noErrors,
  };
}

/** Most rules have no template error, and some no template: each map is made for its first entry. */
interface ParsedTemplates {
  templates: Map<string, Template> | null;
  errors: Map<string, readonly TemplateError[]> | null;
}

type Section = 'labels' | 'annotations';

/**
 * `labels.summary`, `annotations.description`: the template keys of a section, made once per name
 * rather than joined for every template of every alert (a bounded memo: a few names, the same in
 * every alert).
 */
const templateKeys: Readonly<Record<Section, Map<string, string>>> = {
  labels: new Map(),
  annotations: new Map(),
};
const maxTemplateKeys = 256;

function templateKey(section: Section, name: string): string {
  const keys = templateKeys[section];
  let key = keys.get(name);
  if (key === undefined) {
    key = `${section}.${name}`;
    if (keys.size >= maxTemplateKeys) keys.clear();
    keys.set(name, key);
  }
  return key;
}

function parseSection(
  section: Section,
  values: ReadonlyMap<string, string>,
  cache: TemplateCache,
  into: ParsedTemplates,
): void {
  for (const [name, text] of values) {
    // Without `{{` a text is all text: it cannot fail to parse and reads no label and no $value.
    if (!text.includes('{{')) continue;
    const result = cache.parse(text);
    if (result.ok) {
      into.templates ??= new Map();
      into.templates.set(templateKey(section, name), result.template);
      continue;
    }
    into.errors ??= new Map();
    into.errors.set(templateKey(section, name), result.errors);
  }
}

/** What a rule without templates (a recording rule) or without template errors shares: read-only, empty. */
const noExprErrors: LintRule['exprErrors'] = Object.freeze([]);
const noTemplates: ReadonlyMap<string, Template> = new Map();
const noErrors: ReadonlyMap<string, readonly TemplateError[]> = new Map();

/**
 * A loaded rule with its parses. lintRules drops them once the rule's checks ran, so a large file does not
 * keep every syntax tree alive (and the garbage collector busy); a later use parses again.
 */
class PreparedRule implements LintRule {
  readonly file: string;
  readonly kind: LoadedRule['kind'];
  readonly name: string;
  readonly expr: string;
  readonly forMs: number;
  readonly labels: ReadonlyMap<string, string>;
  readonly annotations: ReadonlyMap<string, string>;
  readonly group: LoadedRule['group'];
  readonly locate: LoadedRule['locate'];
  #parsed: Parsed | null = null;

  constructor(
    private readonly loaded: RuleToLint,
    private readonly cache: TemplateCache,
    private readonly version: PromVersion = '2.42',
  ) {
    this.file = loaded.file;
    this.kind = loaded.kind;
    this.name = loaded.name;
    this.expr = loaded.expr;
    this.forMs = loaded.forMs;
    this.labels = loaded.labels;
    this.annotations = loaded.annotations;
    this.group = loaded.group;
    this.locate = loaded.locate;
  }

  parsed(): Parsed {
    this.#parsed ??= parseRule(this.loaded, this.cache, this.version);
    return this.#parsed;
  }

  release(): void {
    this.#parsed = null;
  }

  get ast(): LintRule['ast'] {
    return this.parsed().ast;
  }

  get exprErrors(): LintRule['exprErrors'] {
    return this.parsed().exprErrors;
  }

  get templates(): LintRule['templates'] {
    return this.parsed().templates;
  }

  get templateErrors(): LintRule['templateErrors'] {
    return this.parsed().templateErrors;
  }
}

/** A rule as the checks see it, parsed now. */
export function prepareRule(rule: LoadedRule): LintRule {
  const prepared = new PreparedRule(rule, templateCache());
  prepared.parsed();
  return prepared;
}

/** Runs the checks over loaded rules (all of them form the context, e.g. for duplicates across files). */
export function lintRules(loaded: readonly RuleToLint[], options: LintOptions = {}): Problem[] {
  return sortProblems(lintFindings(loaded, options).map((f) => f.problem));
}

/** A problem with the rule it is about, for callers that report rules by name (gen). */
export interface Finding {
  readonly rule: RuleToLint;
  readonly problem: Problem;
}

/** lintRules, each problem paired with its rule; in rule order. */
export function lintFindings(loaded: readonly RuleToLint[], options: LintOptions = {}): Finding[] {
  const templates: TemplateCache = options.templates ?? templateCache();
  const rules = loaded.map((rule) => new PreparedRule(rule, templates, options.promql));
  const context = new RunContext(
    options.scrapeIntervalMs ?? defaultScrapeIntervalMs,
    rules,
    options.contract ?? null,
  );
  const skip = options.skip;
  const lists = checkLists(options.checks ?? allChecks, skip?.checks ?? noneSkipped);
  const findings: Finding[] = [];
  rules.forEach((rule, index) => {
    const source = loaded[index];
    if (source === undefined) return;
    const problems: Problem[] = [];
    rule.parsed(); // outside runCheck: a parser bug is not one check's internal error
    const ofKind = lists[source.kind];
    const checks = skip?.rules.has(source) ? ofKind.skipping : ofKind.all;
    for (const check of checks) runCheck(check, rule, context, problems);
    rule.release();
    for (const problem of problems) findings.push({ rule: source, problem });
  });
  return findings;
}

/** A lint run's context; the names its recording rules write are gathered when a check first asks. */
class RunContext implements CheckContext {
  #recordedNames: Set<string> | null = null;

  constructor(
    readonly scrapeIntervalMs: number,
    readonly rules: readonly LintRule[],
    readonly contract: MetricContract | null,
  ) {}

  get recordedNames(): ReadonlySet<string> {
    this.#recordedNames ??= recordedNames(this.rules);
    return this.#recordedNames;
  }
}

/** Names the run's recording rules write (a set filled in a loop: no list per rule). */
function recordedNames(rules: readonly LintRule[]): Set<string> {
  const names = new Set<string>();
  for (const rule of rules) if (rule.kind === 'record') names.add(rule.name);
  return names;
}

/** The checks of each kind of rule, in their order: all of them, and those left when some are skipped. */
interface CheckLists {
  readonly record: { readonly all: readonly Check[]; readonly skipping: readonly Check[] };
  readonly alert: { readonly all: readonly Check[]; readonly skipping: readonly Check[] };
}

/**
 * Check lists by check list and skipped ids: gen lints each service on its own with the same ones,
 * so they are sorted out once rather than per service (a memo of a pure function of both keys).
 */
const checkListMemo = new WeakMap<readonly Check[], WeakMap<ReadonlySet<string>, CheckLists>>();
const noneSkipped: ReadonlySet<string> = new Set();

function checkLists(checks: readonly Check[], skipped: ReadonlySet<string>): CheckLists {
  let bySkipped = checkListMemo.get(checks);
  if (bySkipped === undefined) {
    bySkipped = new WeakMap();
    checkListMemo.set(checks, bySkipped);
  }
  let lists = bySkipped.get(skipped);
  if (lists === undefined) {
    lists = {
      record: { all: applying(checks, 'record', noneSkipped), skipping: applying(checks, 'record', skipped) },
      alert: { all: applying(checks, 'alert', noneSkipped), skipping: applying(checks, 'alert', skipped) },
    };
    bySkipped.set(skipped, lists);
  }
  return lists;
}

function applying(
  checks: readonly Check[],
  kind: RuleToLint['kind'],
  skipped: ReadonlySet<string>,
): readonly Check[] {
  return checks.filter(
    (check) => (check.kind === undefined || check.kind === kind) && !skipped.has(check.id),
  );
}

function runCheck(check: Check, rule: LintRule, context: CheckContext, problems: Problem[]): void {
  try {
    const findings = check.check(rule, context);
    if (findings.length === 0) return;
    const found = findings.map((f) =>
      problem(check.id, f.severity ?? check.severity, f.message, rule.locate(f.target ?? 'name', f.offset)),
    );
    problems.push(...found);
  } catch (error) {
    // A check bug must not hide the other findings; it surfaces as an error naming the check.
    const message = error instanceof Error ? error.message : String(error);
    problems.push(problem(check.id, 'error', `internal error in check: ${message}`, rule.locate('name')));
  }
}

/** Lints the text of one rule file (plain groups or PrometheusRule, multi-document). */
export function lintRuleText(file: string, text: string, options: LintOptions = {}): Problem[] {
  const loaded = loadRuleText(file, text);
  return sortProblems([...loaded.problems, ...lintRules(loaded.rules, options)]);
}

/**
 * Lints in-memory rule groups, as `obsgen gen` holds them before writing. Give `text`, the emitted file,
 * for exact positions; otherwise the groups are rendered as a plain rule file and positions refer to it.
 */
export function lintRuleGroups(
  groups: readonly RuleGroup[],
  options: LintOptions & { readonly file: string; readonly text?: string },
): Problem[] {
  const text = options.text ?? yamlLibrary().stringify({ groups: groups.map(plainGroup) }, { lineWidth: 0 });
  return lintRuleText(options.file, text, options);
}

function plainGroup(group: RuleGroup): Record<string, unknown> {
  return {
    name: group.name,
    ...(group.intervalMs > 0 ? { interval: formatDurationInDays(group.intervalMs) } : {}),
    rules: group.rules.map((rule) =>
      rule.kind === 'record'
        ? { record: rule.record, expr: exprText(rule.expr), labels: rule.labels }
        : {
            alert: rule.alert,
            expr: exprText(rule.expr),
            ...(rule.forMs > 0 ? { for: formatDurationInDays(rule.forMs) } : {}),
            labels: rule.labels,
            annotations: rule.annotations,
          },
    ),
  };
}

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** true when some problem is at least as severe as the threshold (`--fail-on`). */
export function reachesThreshold(problems: readonly Problem[], threshold: Severity): boolean {
  return problems.some((p) => severityRank[p.severity] >= severityRank[threshold]);
}
