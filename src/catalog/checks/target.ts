// Ruler fields only mean something to the ruler of settings.target; elsewhere they would be dropped
// without a word. And a distributed ruler reads many Prometheus servers' series at once, so
// aggregations that keep none of their external labels sum across clusters.

import { type Problem, problem } from '../../problem.ts';
import { targetProfile } from '../../target.ts';
import { catalogCheck, catalogProblem } from '../issues.ts';
import { positionOfPath } from '../source.ts';
import type { CatalogCheck, CheckContext } from './types.ts';

function rulerFieldsProblems({ source, spec }: CheckContext): Problem[] {
  const target = spec.settings.target;
  const ruler = targetProfile(target).ruler;
  const problems: Problem[] = [];
  const wrongTarget = (path: readonly (string | number)[], field: string, wanted: string) =>
    catalogProblem(
      source,
      path,
      `${field} is read only by the ${wanted} ruler, and settings.target is ${target}: set settings.target: ${wanted}, or remove it`,
      'key',
    );
  if (spec.settings.partialResponseStrategy !== undefined && ruler !== 'thanos')
    problems.push(
      wrongTarget(['settings', 'partialResponseStrategy'], 'partial_response_strategy', 'thanos'),
    );
  for (const [name, service] of Object.entries(spec.services)) {
    const at = ['services', name, 'ruler'];
    if (service.ruler?.sourceTenants !== undefined && ruler !== 'mimir')
      problems.push(wrongTarget([...at, 'sourceTenants'], 'source_tenants', 'mimir'));
    if (service.ruler?.partialResponseStrategy !== undefined && ruler !== 'thanos')
      problems.push(wrongTarget([...at, 'partialResponseStrategy'], 'partial_response_strategy', 'thanos'));
  }
  if (ruler !== 'prometheus' && spec.settings.aggregationLabels.length === 0) {
    problems.push(
      problem(
        catalogCheck,
        'warning',
        `settings.target: the ${target} ruler reads the series of every Prometheus feeding it, and settings.aggregationLabels is empty, so each aggregation sums across them: list the external labels that tell them apart, e.g. aggregationLabels: [cluster]`,
        positionOfPath(source, ['settings', 'target']),
      ),
    );
  }
  return problems;
}

export const rulerFields: CatalogCheck = {
  id: 'catalog/ruler-fields',
  severity: 'error',
  description:
    "ruler fields match settings.target, and a distributed ruler's aggregations keep its external labels",
  check: rulerFieldsProblems,
};
