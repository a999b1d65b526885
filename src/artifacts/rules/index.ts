// The rules artifact: per service, the default groups, the catalog's extra alerts, the groups of
// alerts/*.ts and those other artifacts contribute (SLOs), validated, then emitted twice: as a
// PrometheusRule and as a plain rule file.
import { groupNames } from '../../model/conventions.ts';
import type { Model, Service } from '../../model/model.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import { parse } from '../../promql/index.ts';
import { rulerGroupFields } from '../../target.ts';
import type { GeneratedFile, Generator } from '../types.ts';
import { ruleContributors } from './contributions.ts';
import { defaultAlertSpecs, defaultRuleGroups } from './defaults.ts';
import { mimirRulesFile, prometheusRuleFiles, ruleFile, serializeGroups, thanosRuleFile } from './emit.ts';
import { extraAlertGroup } from './extra.ts';
import { lintServiceRules } from './lint.ts';
import type { RuleGroup } from './types.ts';
import { loadUserAlerts } from './user.ts';

interface PlacedGroup {
  readonly group: RuleGroup;
  /** Where its expressions come from, for error positions; null for obsgen's own rules. */
  readonly at: SourcePosition | null;
}

export const rulesGenerator: Generator = {
  name: 'rules',
  async generate(model, context) {
    const user = await loadUserAlerts(context.projectDir, model);
    const files: GeneratedFile[] = [];
    const problems: Problem[] = [...user.problems];
    for (const service of model.services) {
      const placed = serviceGroups(model, service, user.byService.get(service.name) ?? [], problems);
      const invalid = validateGroups(model, service, placed);
      problems.push(...unknownOverrides(model, service), ...invalid);
      if (invalid.length === 0)
        problems.push(...lintServiceRules(service, placed, model.settings.target.promql));
      files.push(
        ...serviceRuleFiles(
          model,
          service,
          placed.map((p) => p.group),
        ),
      );
    }
    return { files, problems };
  },
};

/**
 * The PrometheusRule and the plain rule file (what promtool and the generated tests load) keep
 * Prometheus's format; the ruler's own fields go where that ruler reads them: the Mimir ruler's
 * namespace file, and for Thanos its rule file and the PrometheusRule (the operator passes
 * partial_response_strategy on to ThanosRuler).
 */
function serviceRuleFiles(model: Model, service: Service, groups: readonly RuleGroup[]): GeneratedFile[] {
  const profile = model.settings.target;
  const items = serializeGroups(groups);
  const fields = rulerGroupFields(profile, service.ruler);
  const rulerItems = Object.keys(fields).length > 0 ? serializeGroups(groups, fields) : items;
  const crdItems = profile.ruler === 'thanos' ? rulerItems : items;
  const rulerFiles =
    profile.ruler === 'mimir'
      ? [mimirRulesFile(service, rulerItems)]
      : profile.ruler === 'thanos'
        ? [thanosRuleFile(service, rulerItems)]
        : [];
  return [...prometheusRuleFiles(model, service, crdItems), ruleFile(service, items), ...rulerFiles];
}

function serviceGroups(
  model: Model,
  service: Service,
  userGroups: readonly PlacedGroup[],
  problems: Problem[],
): PlacedGroup[] {
  const extra = extraAlertGroup(model, service);
  const contributed = ruleContributors.flatMap((contribute) => {
    const result = contribute(service, model);
    problems.push(...result.problems);
    return result.groups.map((group) => ({ group, at: null }));
  });
  return [
    ...defaultRuleGroups(model, service).map((group) => ({ group, at: null })),
    ...(extra ? [{ group: extra, at: service.extraAlerts[0]?.exprAt ?? null }] : []),
    ...contributed,
    ...userGroups,
  ].map((p) => ({ ...p, group: withCatalogInterval(model, p.group) }));
}

/** A group that sets no interval of its own runs at the catalog's evaluationInterval, if set. */
function withCatalogInterval(model: Model, group: RuleGroup): RuleGroup {
  return group.intervalMs > 0 ? group : { ...group, intervalMs: model.settings.evaluationIntervalMs };
}

/** Every expression must parse and type-check; group names must be unique within the service. */
function validateGroups(model: Model, service: Service, placed: readonly PlacedGroup[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Set<string>();
  for (const { group, at } of placed) {
    // Locating a catalog path walks the YAML tree: only do it when there is something to report.
    const where = () => at ?? model.locate(['services', service.name]);
    if (names.has(group.name))
      problems.push(
        problem(
          'gen/duplicate-group',
          'error',
          `rule group "${group.name}" is defined twice for service ${service.name}`,
          where(),
        ),
      );
    names.add(group.name);
    group.rules.forEach((rule, index) => {
      const parsed = parse(rule.expr, { version: model.settings.target.promql });
      const ruleAt = rule.kind === 'alert' ? extraExprPosition(service, rule.alert) : null;
      if (!parsed.ok) {
        for (const error of parsed.errors) {
          const name = rule.kind === 'alert' ? rule.alert : rule.record;
          const errorAt =
            rule.kind === 'alert' && group.name === groupNames.extra(service)
              ? extraExprCharacter(model, service, rule.alert, error.start)
              : null;
          problems.push(
            problem(
              'promql/syntax',
              'error',
              `${group.name}: ${name}: ${error.message}`,
              errorAt ?? ruleAt ?? where(),
            ),
          );
        }
      } else if (parsed.type !== 'vector' && parsed.type !== 'scalar') {
        problems.push(
          problem(
            'promql/syntax',
            'error',
            `${group.name}: rule ${index + 1}: expression must be an instant vector or scalar, got ${parsed.type}`,
            ruleAt ?? where(),
          ),
        );
      }
    });
  }
  return problems;
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

/** An override naming no generated alert would silently do nothing. */
function unknownOverrides(model: Model, service: Service): Problem[] {
  const known = defaultAlertSpecs(model, service).map((spec) => spec.name);
  return [...service.alertOverrides.keys()]
    .filter((name) => !known.includes(name))
    .map((name) =>
      problem(
        'catalog/schema',
        'error',
        `services.${service.name}.alerts.overrides.${name}: no generated alert is named "${name}"; overridable alerts: ${known.join(', ')}`,
        model.locate(['services', service.name, 'alerts', 'overrides', name]),
      ),
    );
}
