// Typed builders: what compiles prints valid PromQL; what is wrong does not compile.
// The `@ts-expect-error` lines are checked by `tsc --noEmit` (npm run typecheck): if one of those
// calls ever type-checks, the now-unused directive is itself a compile error.
import { describe, expect, it } from 'vitest';
import {
  and,
  bucket,
  compare,
  counter,
  gauge,
  histogram,
  histogramCount,
  histogramQuantile,
  increase,
  overTime,
  rate,
  scalar,
  sum,
  sumBy,
  toPromQL,
  value,
} from '../../src/promql/builders.ts';
import { parse } from '../../src/promql/index.ts';

function valid(text: string): string {
  const result = parse(text);
  expect(result.ok, `${text}: ${result.ok ? '' : result.errors[0]?.message}`).toBe(true);
  return text;
}

describe('typed query builders', () => {
  const h = histogram('http_request_duration_seconds', { job: 'api' });
  const requests = counter('http_requests_total', { job: 'api' });

  it('builds a latency quantile over buckets that keep le', () => {
    const q = histogramQuantile(0.99, sumBy(['le'], rate(bucket(h), '5m')));
    expect(valid(toPromQL(q))).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))',
    );
  });

  it('builds an error-ratio alert condition', () => {
    const errors = counter('http_requests_total', [{ name: 'code', type: '=~', value: '5..' }]);
    const ratio = compare('>', sumBy(['job'], rate(errors, '5m')), scalar(0.05));
    expect(valid(toPromQL(and(ratio, sumBy(['job'], rate(requests, '5m')), { on: ['job'] })))).toBe(
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.05 and on(job) sum by (job) (rate(http_requests_total{job="api"}[5m]))',
    );
  });

  it('quotes label values through quoteLabelValue', () => {
    const tricky = gauge('queue_depth', { queue: 'a"b\\c\n' });
    expect(valid(toPromQL(value(tricky)))).toBe('queue_depth{queue="a\\"b\\\\c\\n"}');
  });

  it('builds gauges over time and histogram counts', () => {
    expect(valid(toPromQL(overTime('max', gauge('queue_depth'), '1h')))).toBe(
      'max_over_time(queue_depth[1h])',
    );
    expect(valid(toPromQL(sum(increase(histogramCount(h), '1d'))))).toBe(
      'sum(increase(http_request_duration_seconds_count{job="api"}[1d]))',
    );
  });

  it('rejects wrong queries at compile time', () => {
    // @ts-expect-error rate() of a gauge is meaningless
    rate(gauge('queue_depth'), '5m');
    // @ts-expect-error histogram_quantile needs le, and sum() without by (le) drops it
    histogramQuantile(0.9, sum(rate(bucket(h), '5m')));
    // @ts-expect-error aggregating by other labels drops le too
    histogramQuantile(0.9, sumBy(['job'], rate(bucket(h), '5m')));
    // @ts-expect-error histogram_quantile over a plain counter's rate has no le
    histogramQuantile(0.9, sumBy(['le'], rate(requests, '5m')));
    // @ts-expect-error a histogram family is not a counter: pick bucket(), histogramCount() or histogramSum()
    rate(h, '5m');
    expect(true).toBe(true);
  });
});
