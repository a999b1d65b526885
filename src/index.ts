// The public API for users' alerts/, slos/ and dashboards/ modules: `import { ... } from 'obsgen'`.

export { AlertRuleBuilder, RecordingRuleBuilder, RuleGroupBuilder } from './artifacts/rules/builders.ts';
export type { AlertingRule, RecordingRule, Rule, RuleGroup } from './artifacts/rules/types.ts';
export { type CatalogInput, defineCatalog } from './catalog/schema/index.ts';
export { registerServiceMetrics } from './instrument/index.ts';
export { defineDashboard } from './model/dashboard-authoring.ts';
export type { Metric, Model, Service, Team } from './model/model.ts';
export { defineSlos, SloBuilder } from './model/slo-builder.ts';
export type { AlertsContext, AlertsDefinition } from './model/user-alerts.ts';
export { defineAlerts } from './model/user-alerts.ts';
/** Typed PromQL builders: `rate()` only of counters, `histogramQuantile()` only over buckets that keep `le`. */
export * as promql from './promql/builders.ts';
