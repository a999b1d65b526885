// The rules artifact: per service, the default groups, the catalog's extra alerts, the SLO groups
// and the groups of alerts/*.ts (loaded by the resolve step), as data. The check stage validates and
// lints them; emit writes them as a PrometheusRule and a plain rule file.
import type { Model, Service } from '../../model/model.ts';
import { defaultRuleGroups } from './defaults.ts';
import { extraAlertGroup } from './extra.ts';
import type { RuleGroup, ServiceRuleSet, SourcedGroup } from './types.ts';

/**
 * One service's rule set. `sloGroups`: the SLO artifact's groups of the service, placed after the
 * catalog's own alerts. Overrides naming no generated alert are a catalog check
 * (catalog/unknown-override) in resolve.
 */
export function serviceRuleSet(
  model: Model,
  service: Service,
  sloGroups: readonly RuleGroup[],
): ServiceRuleSet {
  return { service, groups: serviceGroups(model, service, sloGroups, service.userRuleGroups) };
}

function serviceGroups(
  model: Model,
  service: Service,
  sloGroups: readonly RuleGroup[],
  userGroups: readonly SourcedGroup[],
): SourcedGroup[] {
  const extra = extraAlertGroup(model, service);
  return [
    ...defaultRuleGroups(model, service).map((group) => ({ group, at: null })),
    ...(extra ? [{ group: extra, at: service.extraAlerts[0]?.exprAt ?? null }] : []),
    ...sloGroups.map((group) => ({ group, at: null })),
    ...userGroups,
  ].map((p) => ({ ...p, group: withCatalogInterval(model, p.group) }));
}

/** A group that sets no interval of its own runs at the catalog's evaluationInterval, if set. */
function withCatalogInterval(model: Model, group: RuleGroup): RuleGroup {
  return group.intervalMs > 0 ? group : { ...group, intervalMs: model.settings.evaluationIntervalMs };
}
