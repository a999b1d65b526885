// The public API for users' alerts/, slos/ and dashboards/ modules: `import { ... } from 'obsgen'`.
export { AlertRuleBuilder, RecordingRuleBuilder, RuleGroupBuilder } from './artifacts/rules/builders.ts';
export type { AlertingRule, RecordingRule, Rule, RuleGroup } from './artifacts/rules/types.ts';
export type { AlertsContext, AlertsDefinition } from './artifacts/rules/user.ts';
export { defineAlerts } from './artifacts/rules/user.ts';
export { type CatalogInput, defineCatalog } from './catalog/schema/index.ts';
export type { Metric, Model, Service, Team } from './model/model.ts';
