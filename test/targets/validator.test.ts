// The validator's 3.x profile: what `obsgen lint --promql 3` and gen under a 3.x target parse as.
import { describe, expect, it } from 'vitest';
import { lintRuleText } from '../../src/validate/lint.ts';

const rules = `groups:
  - name: utf8
    rules:
      - record: job:http_requests:rate5m
        expr: sum by ("k8s.namespace") (rate({"http.requests.total", job="api"}[5m]))
      - record: job:queue:smoothed
        expr: holt_winters(queue_depth[10m], 0.5, 0.5)
`;

function syntax(promql: '2.42' | '3'): string[] {
  return lintRuleText('rules.yaml', rules, { promql })
    .filter((p) => p.check === 'promql/syntax')
    .map((p) => `${p.line}:${p.column}: ${p.message}`);
}

describe('lint --promql', () => {
  it('2.42 rejects the quoted names, 3 rejects holt_winters, each at its line', () => {
    expect(syntax('2.42')).toEqual([
      expect.stringMatching(
        /^5:\d+: unexpected string "\\"k8s.names"\.\.\. in grouping opts, expected label$/,
      ),
    ]);
    expect(syntax('3')).toEqual([
      expect.stringMatching(
        /^7:\d+: function "holt_winters" was renamed to "double_exponential_smoothing" in Prometheus 3\.0/,
      ),
    ]);
  });
});
