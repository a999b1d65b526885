// Helpers for table-driven lint tests: small rule files in, rendered finding lines out.

import type { MetricType } from '../../src/model/model.ts';
import { renderFinding } from '../../src/problem.ts';
import type { PromVersion } from '../../src/promql/functions.ts';
import type { Check } from '../../src/validate/check.ts';
import { contractOf, type MetricContract } from '../../src/validate/contract.ts';
import { lintRuleText } from '../../src/validate/lint.ts';

export interface RuleSpec {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Complete, well-formed alert fields, so a table row only spells out what it is about. */
export const goodAnnotations = { summary: 'Something is wrong', runbook_url: 'https://runbooks.example/x' };
export const goodLabels = { severity: 'warning' };

/**
 * A plain rule file, one rule per spec, every field on one line (flow maps, double-quoted scalars), so
 * positions are easy to read: rule N (from 0) starts on line 4 + 4N, its expr value at column 12.
 * A `for` comes last (one more line), so it moves no position inside its rule.
 */
export function ruleFile(...specs: RuleSpec[]): string {
  const lines = ['groups:', '- name: test', '  rules:'];
  for (const spec of specs) {
    if (spec.record !== undefined) lines.push(`  - record: ${spec.record}`);
    else lines.push(`  - alert: ${spec.alert ?? 'TestAlert'}`);
    lines.push(`    expr: ${JSON.stringify(spec.expr)}`);
    const labels = spec.labels ?? (spec.record === undefined ? goodLabels : {});
    lines.push(`    labels: ${JSON.stringify(labels)}`);
    if (spec.record === undefined)
      lines.push(`    annotations: ${JSON.stringify(spec.annotations ?? goodAnnotations)}`);
    else lines.push('    # no annotations on recording rules');
    if (spec.for !== undefined) lines.push(`    for: ${spec.for}`);
  }
  return `${lines.join('\n')}\n`;
}

export function lintLines(
  text: string,
  checks?: readonly Check[],
  scrapeIntervalMs?: number,
  promql?: PromVersion,
  contract?: MetricContract,
): string[] {
  const options = {
    ...(checks ? { checks } : {}),
    ...(scrapeIntervalMs === undefined ? {} : { scrapeIntervalMs }),
    ...(promql === undefined ? {} : { promql }),
    ...(contract ? { contract } : {}),
  };
  return lintRuleText('rules.yaml', text, options).map(renderFinding);
}

/** A catalog's metric contract from `name: [type, ...labels]` entries, as `--catalog` would give it. */
export function catalogMetrics(
  metrics: Readonly<Record<string, readonly [MetricType, ...string[]]>>,
): MetricContract {
  return contractOf(
    Object.entries(metrics).map(([name, [type, ...labels]]) => ({
      key: name,
      name,
      type,
      help: '',
      unit: null,
      labels,
      buckets: type === 'histogram' ? [0.1, 1] : [],
    })),
  );
}
