// The series of one service as every generated rule and panel selects them: by the `service` target
// label its monitor attaches, plus the matchers of the catalog's signal.
import type { LabelMatcher, VectorSelector } from '../promql/ast.ts';
import * as q from '../promql/construct.ts';
import { labels } from './conventions.ts';
import type { Service, SignalSelector } from './model.ts';

export function serviceMatchers(service: Service): LabelMatcher[] {
  return [q.eq(labels.service, service.name)];
}

/** A catalog signal of the service, e.g. its error requests; `suffix` picks `_bucket`, `_count`... */
export function signal(service: Service, s: SignalSelector, suffix = ''): VectorSelector {
  const matchers =
    s.matchers.length === 0 ? serviceMatchers(service) : [...serviceMatchers(service), ...s.matchers];
  // q.selector copies the list: a signal without matchers of its own passes the service's as they are.
  return q.selector(`${s.metric.name}${suffix}`, matchers);
}
