// Hand-written alerts from the catalog (`alerts.extra`), with the labels and links obsgen adds to all.
import {
  dashboardKinds,
  dashboardUrl,
  groupNames,
  labels as labelNames,
  runbookUrl,
} from '../../model/conventions.ts';
import type { Model, Service } from '../../model/model.ts';
import { AlertRuleBuilder } from './builders.ts';
import type { RuleGroup } from './types.ts';

export function extraAlertGroup(model: Model, service: Service): RuleGroup | null {
  if (service.extraAlerts.length === 0) return null;
  const rules = service.extraAlerts.map((a) => {
    const builder = new AlertRuleBuilder(a.alert, a.expr)
      .forMs(a.forMs ?? 0)
      .severity(a.severity)
      .label(labelNames.team, service.team)
      .label(labelNames.service, service.name)
      .summary(a.summary)
      .description(a.description)
      .runbook(a.runbook ?? runbookUrl(service, a.alert));
    if (a.keepFiringForMs !== null) builder.keepFiringFor(`${a.keepFiringForMs}ms`);
    for (const [name, value] of Object.entries({ ...service.labels, ...a.labels }))
      builder.label(name, value);
    const dashboard = dashboardUrl(model, service.name, dashboardKinds.service);
    if (dashboard) builder.annotation('dashboard_url', dashboard);
    return builder.build();
  });
  return { name: groupNames.extra(service), intervalMs: 0, rules };
}
