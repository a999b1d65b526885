// The check stage for the rules gen is about to emit, straight from memory: every expression must
// type-check to an instant vector or scalar and group names must be unique within a service; then the
// same lint checks as `obsgen lint` run, reading the ASTs the generators built (never a reparse of
// their printed text). PromQL a user wrote as text is parsed here, once. Findings point at where a
// rule came from: the user's call site or catalog entry, else the generated rule file.
import { exprText } from '../artifacts/rules/expr.ts';
import type { PromQL, Rule, ServiceRuleSet, SourcedGroup } from '../artifacts/rules/types.ts';
import { groupNames, paths } from '../model/conventions.ts';
import type { Model, Service } from '../model/model.ts';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import type { Expr, ValueType } from '../promql/ast.ts';
import { checkTypes } from '../promql/check.ts';
import type { PromqlError } from '../promql/errors.ts';
import type { PromVersion } from '../promql/functions.ts';
import { parse } from '../promql/index.ts';

import { checks } from './checks/index.ts';
import { lintRules, type RuleToLint } from './lint.ts';

/** Syntax errors are reported by the validation here, with catalog positions; skip them in lint. */
const genChecks = checks.filter((check) => check.id !== 'promql/syntax');

type Typed = { readonly ok: true; readonly expr: Expr; readonly type: ValueType };
type Invalid = { readonly ok: false; readonly errors: readonly PromqlError[] };

/** A built AST is type-checked as it is; text is parsed. A built AST that fails is reported as its text parses. */
function typed(expr: PromQL, version: PromVersion): Typed | Invalid {
  if (typeof expr === 'string') return parse(expr, { version });
  const checked = checkTypes('', expr, version);
  if (checked.errors.length === 0) return { ok: true, expr, type: checked.type };
  return parse(exprText(expr), { version, cache: false });
}

/** Problems of one service's rules: validation first, lint only when every expression is valid. */
export function checkServiceRules(model: Model, ruleSet: ServiceRuleSet): Problem[] {
  const version = model.settings.target.promql;
  const problems: Problem[] = [];
  const names = new Set<string>();
  const toLint: RuleToLint[] = [];
  const fallback: SourcePosition = {
    file: `generated/${paths.ruleFile(ruleSet.service.name)}`,
    line: 1,
    column: 1,
  };
  for (const sourced of ruleSet.groups) {
    const { group, at } = sourced;
    // Locating a catalog path walks the YAML tree: only do it when there is something to report.
    const where = () => at ?? model.locate(['services', ruleSet.service.name]);
    if (names.has(group.name))
      problems.push(
        problem(
          'gen/duplicate-group',
          'error',
          `rule group "${group.name}" is defined twice for service ${ruleSet.service.name}`,
          where(),
        ),
      );
    names.add(group.name);
    group.rules.forEach((rule, index) => {
      const result = typed(rule.expr, version);
      const ruleAt = rule.kind === 'alert' ? extraExprPosition(ruleSet.service, rule.alert) : null;
      if (!result.ok) {
        for (const error of result.errors) {
          // A catalog expression's error points at its character inside the YAML scalar.
          const errorAt =
            rule.kind === 'alert' && group.name === groupNames.extra(ruleSet.service)
              ? extraExprCharacter(model, ruleSet.service, rule.alert, error.start)
              : null;
          problems.push(
            problem(
              'promql/syntax',
              'error',
              `${group.name}: ${ruleName(rule)}: ${error.message}`,
              errorAt ?? ruleAt ?? where(),
            ),
          );
        }
      } else if (result.type !== 'vector' && result.type !== 'scalar') {
        problems.push(
          problem(
            'promql/syntax',
            'error',
            `${group.name}: rule ${index + 1}: expression must be an instant vector or scalar, got ${result.type}`,
            ruleAt ?? where(),
          ),
        );
      } else toLint.push(lintInput(sourced, rule, result.expr, at ?? fallback));
    });
  }
  if (problems.length > 0) return problems;
  const own = (p: Problem) =>
    p.file === fallback.file && p.line === fallback.line && p.column === fallback.column;
  return lintRules(toLint, {
    scrapeIntervalMs: ruleSet.service.scrape.intervalMs,
    checks: genChecks,
    promql: version,
  }).filter(
    // obsgen's own alerts (located at the fallback) link a runbook exactly when the catalog names one.
    (p) => !(p.check === 'alerts/runbook-url' && own(p)),
  );
}

function ruleName(rule: Rule): string {
  return rule.kind === 'alert' ? rule.alert : rule.record;
}

function lintInput({ group }: SourcedGroup, rule: Rule, ast: Expr, at: SourcePosition): RuleToLint {
  return {
    file: at.file,
    kind: rule.kind,
    name: ruleName(rule),
    expr: exprText(rule.expr),
    ast,
    forMs: rule.kind === 'alert' ? rule.forMs : 0,
    labels: new Map(Object.entries(rule.labels)),
    annotations: new Map(Object.entries(rule.kind === 'alert' ? rule.annotations : {})),
    group: { name: group.name, intervalMs: group.intervalMs > 0 ? group.intervalMs : null },
    locate: () => at,
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
