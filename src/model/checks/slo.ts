// SLO entries must resolve against the metrics contract and describe alerts that can actually fire.

import type { CatalogCheck, CheckContext } from '../../catalog/checks/types.ts';
import { catalogProblem, catalogProblemInValue } from '../../catalog/issues.ts';
import type { MetricSpec } from '../../catalog/schema/metrics.ts';
import type { SloSpec } from '../../catalog/schema/slo.ts';
import type { Problem } from '../../problem.ts';
import { durationMs } from '../../promql/duration.ts';
import { type BucketLabelValues, targetProfile } from '../../target.ts';
import { ruleOwnLabels } from '../conventions.ts';
import type { Metric } from '../model.ts';
import { customTiers, defaultTiers, errorBudget, resolveSli, sliMetrics, sloScrapeMessage } from '../slo.ts';

/** Labels the SLO rules set themselves; grouping by them would clash. */
const reservedGroupBy = ruleOwnLabels;

function asMetrics(metrics: Readonly<Record<string, MetricSpec>>): Metric[] {
  return Object.entries(metrics).map(([key, m]) => ({
    key,
    name: m.name,
    type: m.type,
    help: m.help ?? '',
    unit: m.unit ?? null,
    labels: m.labels,
    buckets: m.buckets ?? [],
  }));
}

function checkSlo(
  spec: SloSpec,
  metrics: readonly Metric[],
  bucketValues: BucketLabelValues,
  report: (path: readonly (string | number)[], message: string, valueOffset?: number) => Problem,
): Problem[] {
  const resolved = resolveSli(spec, metrics, bucketValues);
  if (!resolved.sli) return resolved.problems.map((p) => report(p.path, p.message, p.offset));
  const problems: Problem[] = [];
  const used = sliMetrics(resolved.sli);
  spec.groupBy.forEach((label, index) => {
    if (reservedGroupBy.includes(label)) {
      problems.push(
        report(
          ['groupBy', index],
          `"${label}" is set by the SLO rules themselves; group by a label of the metrics`,
        ),
      );
      return;
    }
    const missing = used.filter((m) => !m.labels.includes(label));
    if (missing.length > 0) {
      problems.push(
        report(
          ['groupBy', index],
          `label "${label}" is not declared for ${[...new Set(missing.map((m) => m.name))].join(', ')}; declared labels: ${missing[0]?.labels.join(', ') || '(none)'}`,
        ),
      );
    }
  });
  const periodMs = durationMs(spec.window) ?? 0;
  const budget = errorBudget(spec.objective);
  const tiers = spec.alerting.tiers ? customTiers(spec.alerting.tiers, periodMs) : defaultTiers(periodMs);
  if (!spec.alerting.disabled) {
    for (const tier of tiers) {
      tier.windows.forEach((w, index) => {
        const path = spec.alerting.tiers ? ['alerting', 'tiers', tier.name, 'windows', index] : ['objective'];
        if (w.factor * budget >= 1) {
          problems.push(
            report(
              path,
              `the ${tier.name} tier can never fire: a burn rate of ${w.factor}x needs an error ratio of ${(w.factor * budget * 100).toPrecision(3)}% with a ${spec.objective}% objective; lower the factor (alerting.tiers) or raise the objective`,
            ),
          );
        }
        if (w.shortMs > w.longMs)
          problems.push(report(path, `the short window must not be longer than the long window`));
        if (w.longMs > periodMs)
          problems.push(report(path, `the long window is longer than the SLO window (${spec.window})`));
      });
    }
  }
  return problems;
}

function sloChecksProblems({ source, spec }: CheckContext): Problem[] {
  return Object.entries(spec.services).flatMap(([serviceName, service]) => {
    const metrics = asMetrics(service.metrics);
    const bucketValues = targetProfile(spec.settings.target).bucketLabelValues;
    // Once per service, at the scrape interval that is too slow for its SLOs.
    const slow = sloScrapeMessage(durationMs(service.scrape.interval) ?? 0, Object.keys(service.slos));
    return [
      ...(slow ? [catalogProblem(source, ['services', serviceName, 'scrape', 'interval'], slow)] : []),
      ...Object.entries(service.slos).flatMap(([sloName, slo]) =>
        checkSlo(slo, metrics, bucketValues, (path, message, valueOffset) => {
          const at = ['services', serviceName, 'slos', sloName, ...path];
          return valueOffset === undefined
            ? catalogProblem(source, at, message)
            : catalogProblemInValue(source, at, valueOffset, message);
        }),
      ),
    ];
  });
}

export const sloChecks: CatalogCheck = {
  id: 'catalog/slo',
  severity: 'error',
  description:
    'SLOs resolve: objective, window, SLI metrics, latency threshold on a bucket, burn-rate tiers that can fire',
  check: sloChecksProblems,
};
