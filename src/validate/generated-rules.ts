// The check stage for the rules gen is about to emit, straight from memory: every expression must
// type-check to an instant vector or scalar and group names must be unique within a service; then the
// same lint checks as `obsgen lint` run, reading the ASTs the generators built (never a reparse of
// their printed text). PromQL a user wrote as text is parsed here, once. Findings point at where a
// rule came from, never at a generated file: the user's call site, the character of an `alerts.extra`
// expression, or for obsgen's own rules the catalog field that produced them; each distinct finding
// is reported once, naming every rule it is about.
import { exprText } from '../artifacts/rules/expr.ts';
import type { PromQL, Rule, ServiceRuleSet, SourcedGroup } from '../artifacts/rules/types.ts';
import { sloGroupNames } from '../artifacts/slos/names.ts';
import { alertNames, groupNames, paths, recording } from '../model/conventions.ts';
import type { Model, Service } from '../model/model.ts';
import { type Problem, problem, type SourcePosition, sortProblems } from '../problem.ts';
import type { Expr, ValueType } from '../promql/ast.ts';
import type { PromqlError } from '../promql/errors.ts';
import type { PromVersion } from '../promql/functions.ts';
import { checkBuilt, parse } from '../promql/index.ts';
import type { Target } from '../rulefile/load.ts';
import { checks } from './checks/index.ts';
import { type Finding, lintFindings, type RuleToLint, type TemplateCache, templateCache } from './lint.ts';

/** Syntax errors are reported by the validation here, with catalog positions; skip them in lint. */
const genChecks = checks.filter((check) => check.id !== 'promql/syntax');

/** Checks whose findings about obsgen's own rules say nothing the catalog does not already. */
const ownRulesUnchecked: ReadonlySet<string> = new Set(['alerts/runbook-url']);

type Typed = { readonly ok: true; readonly expr: Expr; readonly type: ValueType };
type Invalid = { readonly ok: false; readonly errors: readonly PromqlError[] };

/** A built AST is type-checked as it is; text is parsed. A built AST that fails is reported as its text parses. */
function typed(expr: PromQL, version: PromVersion): Typed | Invalid {
  if (typeof expr === 'string') return parse(expr, { version });
  return checkBuilt(expr, () => exprText(expr), { version });
}

/** What the checks of one gen run share between services: only values that depend on their key alone. */
export interface RuleCheckCaches {
  readonly templates: TemplateCache;
}

export function ruleCheckCaches(): RuleCheckCaches {
  return { templates: templateCache() };
}

/** Problems of one service's rules: validation first, lint only when every expression is valid. */
export function checkServiceRules(
  model: Model,
  ruleSet: ServiceRuleSet,
  caches: RuleCheckCaches = ruleCheckCaches(),
): Problem[] {
  const version = model.settings.target.promql;
  const problems: Problem[] = [];
  const names = new Set<string>();
  const toLint: RuleToLint[] = [];
  /**
   * Rules obsgen wrote itself (not the user's alerts.extra or alerts/*.ts), known by their group:
   * a few groups to hash rather than every rule.
   */
  const ownGroups = new Set<RuleToLint['group']>();
  const own = { has: (rule: RuleToLint) => ownGroups.has(rule.group) };
  const service = ruleSet.service;
  const extraGroup = groupNames.extra(service);
  // The rules' identity for rules/duplicate: all of a service's rules land in one file.
  const file = paths.ruleFile(service.name);
  for (const sourced of ruleSet.groups) {
    const { group, at } = sourced;
    if (names.has(group.name))
      problems.push(
        problem(
          'gen/duplicate-group',
          'error',
          `rule group "${group.name}" is defined twice for service ${service.name}`,
          groupPosition(model, service, at),
        ),
      );
    names.add(group.name);
    const lintGroup = { name: group.name, intervalMs: group.intervalMs > 0 ? group.intervalMs : null };
    const extra = group.name === extraGroup;
    if (at === null && !extra) ownGroups.add(lintGroup);
    group.rules.forEach((rule, index) => {
      const result = typed(rule.expr, version);
      if (!result.ok) {
        const ruleAt = rule.kind === 'alert' ? extraExprPosition(service, rule.alert) : null;
        for (const error of result.errors) {
          // A catalog expression's error points at its character inside the YAML scalar.
          const errorAt =
            rule.kind === 'alert' && group.name === extraGroup
              ? extraExprCharacter(model, service, rule.alert, error.start)
              : null;
          problems.push(
            problem(
              'promql/syntax',
              'error',
              `${group.name}: ${ruleName(rule)}: ${error.message}`,
              errorAt ?? ruleAt ?? groupPosition(model, service, at),
            ),
          );
        }
      } else if (result.type !== 'vector' && result.type !== 'scalar') {
        const ruleAt = rule.kind === 'alert' ? extraExprPosition(service, rule.alert) : null;
        problems.push(
          problem(
            'promql/syntax',
            'error',
            `${group.name}: rule ${index + 1}: expression must be an instant vector or scalar, got ${result.type}`,
            ruleAt ?? groupPosition(model, service, at),
          ),
        );
      } else {
        const locate = ruleLocator(model, service, sourced, rule, extra);
        toLint.push(lintInput(file, lintGroup, rule, result.expr, locate));
      }
    });
  }
  if (problems.length > 0) return problems;
  const findings = lintFindings(toLint, {
    scrapeIntervalMs: ruleSet.service.scrape.intervalMs,
    checks: genChecks,
    promql: version,
    templates: caches.templates,
    // obsgen's own alerts link a runbook exactly when the catalog names one.
    skip: { checks: ownRulesUnchecked, rules: own },
  }).map((f) => (own.has(f.rule) ? ownFinding(model, ruleSet.service, f) : f));
  return onePerCause(findings);
}

/** Where a problem with a whole group points; locating a catalog path walks the YAML tree, done only for a problem. */
function groupPosition(model: Model, service: Service, at: SourcePosition | null): SourcePosition {
  return at ?? model.locate(['services', service.name]);
}

/**
 * A rate window of obsgen's own rules is the service's (rateWindowMs), so a rate-window finding
 * about one is caused by the scrape interval: it points there.
 */
function ownFinding(model: Model, service: Service, f: Finding): Finding {
  if (f.problem.check !== 'promql/rate-window') return f;
  const at = model.locate(['services', service.name, 'scrape', 'interval']);
  return { ...f, problem: { ...f.problem, ...at } };
}

/** Findings with the same check, message and position are one: reported once, naming every rule. */
function onePerCause(findings: readonly Finding[]): Problem[] {
  const byCause = new Map<string, { problem: Problem; rules: string[] }>();
  for (const { rule, problem: p } of findings) {
    const key = JSON.stringify([p.check, p.severity, p.message, p.file, p.line, p.column]);
    const entry = byCause.get(key) ?? { problem: p, rules: [] };
    const name = `${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${rule.name}`;
    if (!entry.rules.includes(name)) entry.rules.push(name);
    byCause.set(key, entry);
  }
  return sortProblems(
    [...byCause.values()].map(({ problem: p, rules }) => ({
      ...p,
      message: `${listed(rules)}: ${p.message}`,
    })),
  );
}

/** `alert A`, or `alert A, recording rule b and 3 more`. */
function listed(names: readonly string[]): string {
  const shown = 3;
  if (names.length <= shown + 1) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/**
 * Where a finding about a rule points: an `alerts.extra` entry's field (its expression to the
 * character), the call site of a group of alerts/*.ts, else the catalog field obsgen built it from.
 * Lazy: locating a catalog path walks the YAML tree, only done for a finding. `extra`: the group is
 * the service's `alerts.extra` one.
 */
function ruleLocator(
  model: Model,
  service: Service,
  { group, at }: SourcedGroup,
  rule: Rule,
  extra: boolean,
): RuleToLint['locate'] {
  if (extra && rule.kind === 'alert') {
    const index = service.extraAlerts.findIndex((a) => a.alert === rule.alert);
    if (index >= 0) return (target, offset) => extraFieldPosition(model, service, index, target, offset);
  }
  if (at !== null) return () => at;
  return () => ownRuleOrigin(model, service, group.name, rule);
}

/** Annotations and labels of an `alerts.extra` rule written as fields of their own in the entry. */
const extraAnnotationFields: Readonly<Record<string, string>> = {
  summary: 'summary',
  description: 'description',
  runbook_url: 'runbook',
};
const extraLabelFields: Readonly<Record<string, string>> = { severity: 'severity' };

/** Where a target of the `index`th `alerts.extra` rule is written; what obsgen adds points at the entry. */
function extraFieldPosition(
  model: Model,
  service: Service,
  index: number,
  target: Target,
  offset: number | undefined,
): SourcePosition {
  const entry = ['services', service.name, 'alerts', 'extra', index];
  if (target === 'expr') return model.locate([...entry, 'expr'], offset);
  if (target === 'name') return model.locate([...entry, 'alert']);
  if (target === 'for') return model.locate([...entry, 'for']);
  if (typeof target === 'object' && 'annotations' in target) {
    const field = extraAnnotationFields[target.annotations];
    return model.locate(field ? [...entry, field] : entry, field ? offset : undefined);
  }
  if (typeof target === 'object' && 'labels' in target) {
    const field = extraLabelFields[target.labels];
    if (field) return model.locate([...entry, field]);
    const own = service.extraAlerts[index]?.labels ?? {};
    return model.locate(target.labels in own ? [...entry, 'labels', target.labels] : entry);
  }
  return model.locate(entry);
}

/** The catalog field an obsgen rule of the service comes from: its SLO, saturation entry, red or scrape. */
function ownRuleOrigin(model: Model, service: Service, groupName: string, rule: Rule): SourcePosition {
  const at = (path: readonly (string | number)[]) => model.locate(['services', service.name, ...path]);
  const slo = service.slos.find(
    (s) =>
      groupName === sloGroupNames.main(service.name, s.name) ||
      groupName === sloGroupNames.hourly(service.name, s.name),
  );
  if (slo) return slo.origin.kind === 'catalog' ? at(['slos', slo.name]) : slo.origin.at;
  const saturation = service.saturation.find((s) =>
    rule.kind === 'record'
      ? rule.record === recording.saturation(model, s.used, s.capacity !== null)
      : rule.alert === alertNames.saturated(s.name),
  );
  if (saturation) return at(['saturation', saturation.name]);
  if (
    rule.kind === 'alert' &&
    (rule.alert === alertNames.targetDown || rule.alert === alertNames.serviceDown)
  )
    return at(['scrape']);
  return service.red ? at(['red']) : at([]);
}

function ruleName(rule: Rule): string {
  return rule.kind === 'alert' ? rule.alert : rule.record;
}

/** Labels or annotations of none: one read-only map for all rules without (most recording rules). */
const noEntries: ReadonlyMap<string, string> = new Map();

/** The checks read labels and annotations as maps, in the record's key order. */
function entryMap(record: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  const keys = Object.keys(record);
  if (keys.length === 0) return noEntries;
  const map = new Map<string, string>();
  for (const key of keys) map.set(key, record[key] ?? '');
  return map;
}

function lintInput(
  file: string,
  group: RuleToLint['group'],
  rule: Rule,
  ast: Expr,
  locate: RuleToLint['locate'],
): RuleToLint {
  return {
    file,
    kind: rule.kind,
    name: ruleName(rule),
    expr: exprText(rule.expr),
    ast,
    forMs: rule.kind === 'alert' ? rule.forMs : 0,
    labels: entryMap(rule.labels),
    annotations: rule.kind === 'alert' ? entryMap(rule.annotations) : noEntries,
    group,
    locate,
  };
}

function extraExprPosition(service: Service, alert: string): SourcePosition | null {
  return service.extraAlerts.find((a) => a.alert === alert)?.exprAt ?? null;
}

/** Where character `offset` of an `alerts.extra` expression is written in the catalog. */
function extraExprCharacter(
  model: Model,
  service: Service,
  alert: string,
  offset: number,
): SourcePosition | null {
  const index = service.extraAlerts.findIndex((a) => a.alert === alert);
  return index < 0
    ? null
    : model.locate(['services', service.name, 'alerts', 'extra', index, 'expr'], offset);
}
