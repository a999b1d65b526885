// lintRuleGroups: the entry point gen uses on the groups it is about to write.
import { describe, expect, it } from 'vitest';
import type { RuleGroup } from '../../src/artifacts/rules/types.ts';
import { renderFinding } from '../../src/problem.ts';
import { lintRuleGroups } from '../../src/validate/lint.ts';

const groups: RuleGroup[] = [
  {
    name: 'api',
    intervalMs: 30_000,
    rules: [
      {
        kind: 'record',
        record: 'job:http_requests:rate5m',
        expr: 'sum by (job) (rate(http_requests_total[5m]))',
        labels: {},
      },
      {
        kind: 'alert',
        alert: 'ApiDown',
        expr: 'sum by (job) (up{job="api"}) == 0',
        forMs: 120_000,
        keepFiringForMs: 0,
        labels: { severity: 'critical' },
        annotations: { summary: '{{ $labels.job }} is down', runbook_url: 'https://runbooks.example/api' },
      },
    ],
  },
];

describe('lintRuleGroups', () => {
  it('finds nothing on good groups', () => {
    expect(lintRuleGroups(groups, { file: 'api.rules.yaml' })).toEqual([]);
  });

  it('positions findings in the emitted text when given', () => {
    const text = [
      'groups:',
      '- name: api',
      '  rules:',
      '  - record: job_http_requests',
      '    expr: sum by (job) (rate(http_requests_total[1m]))',
      '',
    ].join('\n');
    const bad: RuleGroup[] = [
      {
        name: 'api',
        intervalMs: 0,
        rules: [
          {
            kind: 'record',
            record: 'job_http_requests',
            expr: 'sum by (job) (rate(http_requests_total[1m]))',
            labels: {},
          },
        ],
      },
    ];
    expect(
      lintRuleGroups(bad, { file: 'api.rules.yaml', text, scrapeIntervalMs: 30_000 }).map(renderFinding),
    ).toEqual([
      'api.rules.yaml:4:13: warning rules/record-name: recording rule name "job_http_requests" does not follow level:metric:operations (e.g. job:http_requests:rate5m)',
      'api.rules.yaml:5:30: warning promql/rate-window: rate() window 1m is shorter than 4 scrape intervals (2m at a 30s scrape interval)',
    ]);
  });
});
