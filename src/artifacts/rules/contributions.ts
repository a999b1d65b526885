// Other artifacts (SLOs, user alerts) add rule groups to a service's rule files through this list,
// so each service still gets exactly one PrometheusRule and one plain rule file.
import type { Model, Service } from '../../model/model.ts';
import type { Problem } from '../../problem.ts';
import type { RuleGroup } from './types.ts';

export interface Contribution {
  readonly groups: readonly RuleGroup[];
  readonly problems: readonly Problem[];
}

export type RuleContributor = (service: Service, model: Model) => Contribution;

export const ruleContributors: RuleContributor[] = [];
