// The rows of the per-check tables: a few rules, and the exact rendered findings of that one check.
import type { PromVersion } from '../../src/promql/functions.ts';
import type { MetricContract } from '../../src/validate/contract.ts';
import { catalogMetrics, type RuleSpec } from './support.ts';

export interface Case {
  readonly name: string;
  readonly rules: RuleSpec[];
  readonly expected: string[];
  readonly scrapeIntervalMs?: number;
  /** The PromQL the file is parsed as (default 2.42). */
  readonly promql?: PromVersion;
  /** The catalog's metrics, as `obsgen lint --catalog` passes them. */
  readonly contract?: MetricContract;
}

const checkout = catalogMetrics({
  checkout_http_requests_total: ['counter', 'method', 'code'],
  checkout_request_duration_seconds: ['histogram', 'method'],
  checkout_queue_depth: ['gauge', 'queue'],
  checkout_batch_jobs_count: ['gauge'],
  checkout_rpc_seconds: ['summary'],
});

const withSummary = (description: string) => ({
  summary: 's',
  runbook_url: 'https://runbooks.example/x',
  description,
});

export const tables: Record<string, Case[]> = {
  'promql/rate-of-gauge': [
    { name: 'rate of a counter', rules: [{ expr: 'sum(rate(http_requests_total[5m])) > 1' }], expected: [] },
    {
      name: 'rate of a gauge, by its name',
      rules: [{ expr: 'rate(checkout_queue_depth[5m]) > 1' }],
      expected: [
        'rules.yaml:5:17: warning promql/rate-of-gauge: rate() of checkout_queue_depth, which is not named like a counter (no _total, _count, _sum or _bucket suffix): rate() reads every decrease as a counter reset; use deriv() or delta() for a gauge',
      ],
    },
    {
      name: 'increase of a gauge the catalog declares, whatever its name',
      rules: [{ expr: 'increase(checkout_batch_jobs_count[1h]) > 10' }],
      contract: checkout,
      expected: [
        'rules.yaml:5:21: warning promql/rate-of-gauge: increase() of checkout_batch_jobs_count, which the catalog declares a gauge: increase() reads every decrease as a counter reset; use deriv() or delta() for a gauge',
      ],
    },
    {
      name: 'irate of a summary quantile',
      rules: [{ expr: 'irate(checkout_rpc_seconds{quantile="0.9"}[5m]) > 1' }],
      contract: checkout,
      expected: [
        'rules.yaml:5:18: warning promql/rate-of-gauge: irate() of checkout_rpc_seconds, which the catalog declares a summary quantile (a gauge): irate() reads every decrease as a counter reset; use deriv() or delta() for a gauge',
      ],
    },
    {
      name: 'histogram series are counters',
      rules: [{ expr: 'sum(rate(checkout_request_duration_seconds_count[5m])) > 1' }],
      contract: checkout,
      expected: [],
    },
    { name: 'deriv of a gauge', rules: [{ expr: 'deriv(checkout_queue_depth[10m]) > 1' }], expected: [] },
    { name: 'a recorded series', rules: [{ expr: 'rate(job:queue:depth[5m]) > 1' }], expected: [] },
  ],
  'promql/unknown-label': [
    {
      name: 'declared and target labels',
      rules: [
        { expr: 'sum by (code) (rate(checkout_http_requests_total{job="checkout", code="500"}[5m])) > 1' },
      ],
      contract: checkout,
      expected: [],
    },
    {
      name: 'a matcher on a label the metric does not have',
      rules: [{ expr: 'sum(rate(checkout_http_requests_total{route="/pay"}[5m])) > 1' }],
      contract: checkout,
      expected: [
        'rules.yaml:5:21: warning promql/unknown-label: checkout_http_requests_total has no label route (the catalog declares its labels as method, code, besides target labels): the matcher route="/pay" never sees it',
      ],
    },
    {
      name: 'by a label the metric does not have',
      rules: [{ expr: 'sum by (route) (rate(checkout_http_requests_total[5m])) > 1' }],
      contract: checkout,
      expected: [
        'rules.yaml:5:12: warning promql/unknown-label: sum by (route): checkout_http_requests_total has no label route; the catalog declares its labels as method, code, besides target labels; every series falls into one group without it',
      ],
    },
    {
      name: 'le of a histogram, quantile of a summary',
      rules: [
        {
          expr: 'histogram_quantile(0.9, sum by (le) (rate(checkout_request_duration_seconds_bucket[5m]))) > 1',
        },
        { expr: 'max(checkout_rpc_seconds{quantile="0.9"}) > 1' },
      ],
      contract: checkout,
      expected: [],
    },
    {
      name: 'a label written by label_replace',
      rules: [
        {
          expr: 'sum by (route) (label_replace(rate(checkout_http_requests_total[5m]), "route", "$1", "method", "(.*)")) > 1',
        },
      ],
      contract: checkout,
      expected: [],
    },
    {
      name: 'without the catalog nothing is known',
      rules: [{ expr: 'sum by (route) (rate(checkout_http_requests_total{route="/pay"}[5m])) > 1' }],
      expected: [],
    },
  ],
  'promql/undeclared-metric': [
    {
      name: 'declared metrics and what Prometheus writes',
      rules: [{ expr: 'sum(rate(checkout_http_requests_total[5m])) > 1 and on() up == 1' }],
      contract: checkout,
      expected: [],
    },
    {
      name: 'a misspelt metric',
      rules: [{ expr: 'sum(rate(checkout_http_request_total[5m])) > 1' }],
      contract: checkout,
      expected: [
        "rules.yaml:5:21: warning promql/undeclared-metric: checkout_http_request_total is not a metric the catalog declares (nor a series a rule here records): fix the name, or declare it under the service's metrics",
      ],
    },
    {
      name: 'series recorded by the rules',
      rules: [
        { record: 'checkout_errors', expr: 'sum(rate(checkout_http_requests_total{code="500"}[5m]))' },
        { expr: 'checkout_errors > 1 or job:checkout:rate5m > 1' },
      ],
      contract: checkout,
      expected: [],
    },
    {
      name: 'without the catalog nothing is known',
      rules: [{ expr: 'sum(rate(checkout_http_request_total[5m])) > 1' }],
      expected: [],
    },
  ],
  'alerts/missing-for': [
    { name: 'with for', rules: [{ expr: 'up == 0', for: '5m' }], expected: [] },
    {
      name: 'no for',
      rules: [{ expr: 'up == 0' }],
      expected: [
        'rules.yaml:4:12: warning alerts/missing-for: alert has no for: it fires on the first evaluation that matches, so one late scrape or short burst pages; add for: (e.g. 5m) so the condition must hold',
      ],
    },
    {
      name: 'a time-of-day condition is not a second window',
      rules: [{ expr: 'up == 0 and on() hour() > 8' }],
      expected: [
        'rules.yaml:4:12: warning alerts/missing-for: alert has no for: it fires on the first evaluation that matches, so one late scrape or short burst pages; add for: (e.g. 5m) so the condition must hold',
      ],
    },
    { name: 'a constant fires on purpose', rules: [{ alert: 'Watchdog', expr: 'vector(1)' }], expected: [] },
    {
      name: 'multi-window burn rate',
      rules: [
        {
          expr: '(slo:burn:rate1h > 14.4 and slo:burn:rate5m > 14.4) or (slo:burn:rate6h > 6 and slo:burn:rate30m > 6)',
        },
      ],
      expected: [],
    },
    { name: 'recording rules', rules: [{ record: 'job:x:sum', expr: 'sum(x)' }], expected: [] },
  ],
  'alerts/template-raw-value': [
    {
      name: 'raw $value',
      rules: [
        { expr: 'checkout_queue_depth > 100', annotations: withSummary('Queue depth is {{ $value }}.') },
      ],
      expected: [
        'rules.yaml:7:109: warning alerts/template-raw-value: $value is printed unformatted and without a unit (Go prints e.g. 0.004166666666666667): use humanize, humanizePercentage, humanizeDuration or printf "%.2f", and say what it counts',
      ],
    },
    {
      name: 'at the end of the text',
      rules: [{ expr: 'x > 1', annotations: withSummary('{{ .Value }}') }],
      expected: [
        'rules.yaml:7:94: warning alerts/template-raw-value: $value is printed unformatted and without a unit (Go prints e.g. 0.004166666666666667): use humanize, humanizePercentage, humanizeDuration or printf "%.2f", and say what it counts',
      ],
    },
    {
      name: 'humanized',
      rules: [{ expr: 'x > 1', annotations: withSummary('Queue depth is {{ $value | humanize }}.') }],
      expected: [],
    },
    {
      name: 'printf',
      rules: [{ expr: 'x > 1', annotations: withSummary('Latency {{ printf "%.2f" $value }}.') }],
      expected: [],
    },
    {
      name: 'followed by its unit',
      rules: [{ expr: 'x > 1', annotations: withSummary('{{ $value }} jobs are waiting.') }],
      expected: [],
    },
    {
      name: 'in a condition only',
      rules: [{ expr: 'x > 1', annotations: withSummary('{{ if gt $value 10.0 }}very {{ end }}busy') }],
      expected: [],
    },
  ],
  'promql/syntax': [
    { name: 'valid expression', rules: [{ expr: 'sum(rate(x_total[5m])) > 1' }], expected: [] },
    {
      name: 'unclosed parenthesis',
      rules: [{ expr: 'sum(rate(x_total[5m]) > 1' }],
      expected: ['rules.yaml:5:38: error promql/syntax: unclosed left parenthesis'],
    },
    {
      name: 'unknown function',
      rules: [{ expr: 'rat(x_total[5m]) > 1' }],
      expected: ['rules.yaml:5:12: error promql/syntax: unknown function with name "rat"'],
    },
    {
      name: 'range vector where instant expected',
      rules: [{ expr: 'x_total[5m] > 1' }],
      expected: [
        'rules.yaml:5:12: error promql/syntax: binary expression must contain only scalar and instant vector types',
      ],
    },
    {
      name: 'function of Prometheus 3 only',
      rules: [{ expr: 'info(x) > 1' }],
      expected: [
        'rules.yaml:5:12: error promql/syntax: function "info" requires Prometheus 3.0 (target is 2.42)',
      ],
    },
  ],
  'promql/counter-without-rate': [
    { name: 'rate of a counter', rules: [{ expr: 'sum(rate(http_requests_total[5m])) > 1' }], expected: [] },
    {
      name: 'raw _total counter',
      rules: [{ expr: 'http_requests_total > 100' }],
      expected: [
        'rules.yaml:5:12: warning promql/counter-without-rate: http_requests_total is a counter: its raw value only grows, use rate() or increase() over it',
      ],
    },
    {
      name: 'raw _bucket in histogram_quantile',
      rules: [{ expr: 'histogram_quantile(0.9, sum by (le) (x_bucket)) > 1' }],
      expected: [
        'rules.yaml:5:49: warning promql/counter-without-rate: x_bucket is a counter: its raw value only grows, use rate() or increase() over it',
      ],
    },
    {
      name: '_sum / _count without rate',
      rules: [{ expr: 'sum(x_sum) / sum(x_count) > 1' }],
      expected: [
        'rules.yaml:5:16: warning promql/counter-without-rate: x_sum is a counter: its raw value only grows, use rate() or increase() over it',
        'rules.yaml:5:29: warning promql/counter-without-rate: x_count is a counter: its raw value only grows, use rate() or increase() over it',
      ],
    },
    {
      name: 'the same counter in a range and raw: the raw one',
      rules: [{ expr: 'rate(x_total[5m]) / x_total > 1' }],
      expected: [
        'rules.yaml:5:32: warning promql/counter-without-rate: x_total is a counter: its raw value only grows, use rate() or increase() over it',
      ],
    },
    { name: 'absent of a counter is fine', rules: [{ expr: 'absent(x_total)' }], expected: [] },
    { name: 'counting counter series is fine', rules: [{ expr: 'count(x_total) < 3' }], expected: [] },
    {
      name: 'recorded series are not raw counters',
      rules: [{ expr: 'job:x_total:rate5m > 1' }],
      expected: [],
    },
  ],
  'promql/histogram-quantile-le': [
    {
      name: 'sum by (le)',
      rules: [{ expr: 'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) > 1' }],
      expected: [],
    },
    {
      name: 'sum without keeps le',
      rules: [{ expr: 'histogram_quantile(0.9, sum without (instance) (rate(x_bucket[5m]))) > 1' }],
      expected: [],
    },
    {
      name: 'no aggregation',
      rules: [{ expr: 'histogram_quantile(0.9, rate(x_bucket[5m])) > 1' }],
      expected: [
        'rules.yaml:5:36: warning promql/histogram-quantile-le: histogram_quantile over unaggregated buckets computes one quantile per series: aggregate with sum by (le)',
      ],
    },
    {
      name: 'aggregation drops le',
      rules: [{ expr: 'histogram_quantile(0.9, sum by (job) (rate(x_bucket[5m]))) > 1' }],
      expected: [
        'rules.yaml:5:36: error promql/histogram-quantile-le: sum by (job) drops the le label histogram_quantile needs',
      ],
    },
    {
      name: 'without (le)',
      rules: [{ expr: 'histogram_quantile(0.9, sum without (le) (rate(x_bucket[5m]))) > 1' }],
      expected: [
        'rules.yaml:5:36: error promql/histogram-quantile-le: sum without (le) drops the le label histogram_quantile needs',
      ],
    },
    {
      name: 'recorded buckets are trusted',
      rules: [{ expr: 'histogram_quantile(0.9, job:x_bucket:rate5m) > 1' }],
      expected: [],
    },
  ],
  'promql/rate-window': [
    { name: '5m at the default 1m interval', rules: [{ expr: 'sum(rate(x_total[5m])) > 1' }], expected: [] },
    {
      name: '2m at the default 1m interval',
      rules: [{ expr: 'sum(rate(x_total[2m])) > 1' }],
      expected: [
        'rules.yaml:5:21: warning promql/rate-window: rate() window 2m is shorter than 4 scrape intervals (4m at a 1m scrape interval)',
      ],
    },
    {
      name: '1m at a known 15s interval',
      scrapeIntervalMs: 15_000,
      rules: [{ expr: 'sum(rate(x_total[1m])) > 1' }],
      expected: [],
    },
    {
      name: '30s at a known 15s interval',
      scrapeIntervalMs: 15_000,
      rules: [{ expr: 'sum(increase(x_total[30s])) > 1' }],
      expected: [
        'rules.yaml:5:25: warning promql/rate-window: increase() window 30s is shorter than 4 scrape intervals (1m at a 15s scrape interval)',
      ],
    },
  ],
  'promql/regex-equality': [
    { name: 'real regex', rules: [{ expr: 'up{job=~"api|web"} == 0' }], expected: [] },
    {
      name: 'regex without operators',
      rules: [{ expr: 'up{job=~"api"} == 0' }],
      expected: [
        'rules.yaml:5:12: info promql/regex-equality: job=~"api" matches one value only: use job="api"',
      ],
    },
    {
      name: 'negative regex without operators',
      rules: [{ expr: 'up{job!~"api"} == 0' }],
      expected: [
        'rules.yaml:5:12: info promql/regex-equality: job!~"api" matches one value only: use job!="api"',
      ],
    },
    {
      name: 'escaped dot is a literal',
      rules: [{ expr: 'up{instance=~"host\\\\.example"} == 0' }],
      expected: [
        'rules.yaml:5:12: info promql/regex-equality: instance=~"host\\\\.example" matches one value only: use instance="host.example"',
      ],
    },
    { name: 'class escape is a regex', rules: [{ expr: 'up{instance=~"host\\\\d"} == 0' }], expected: [] },
  ],
  'promql/experimental-function': [
    { name: 'stable 3.x function', promql: '3', rules: [{ expr: 'histogram_avg(x) > 1' }], expected: [] },
    {
      name: 'experimental function under 3.x',
      promql: '3',
      rules: [{ expr: 'sort_by_label(up, "job") == 0' }],
      expected: [
        'rules.yaml:5:12: warning promql/experimental-function: function sort_by_label() is experimental in Prometheus 3: the server needs --enable-feature=promql-experimental-functions, or the rule group fails to load',
      ],
    },
    {
      name: 'experimental function, nested',
      promql: '3',
      rules: [{ expr: 'sum(mad_over_time(x[5m])) > 1' }],
      expected: [
        'rules.yaml:5:16: warning promql/experimental-function: function mad_over_time() is experimental in Prometheus 3: the server needs --enable-feature=promql-experimental-functions, or the rule group fails to load',
      ],
    },
    {
      name: 'under 2.42 the function does not parse: promql/syntax reports it',
      rules: [{ expr: 'mad_over_time(x[5m]) > 1' }],
      expected: [],
    },
  ],
  'promql/absent': [
    { name: 'absent of a selector', rules: [{ expr: 'absent(up{job="api"})' }], expected: [] },
    {
      name: 'absent of an aggregation',
      rules: [{ expr: 'absent(sum(up{job="api"}))' }],
      expected: [
        'rules.yaml:5:12: warning promql/absent: absent() over an expression that is not a selector returns a series without labels and hides which series is missing: use absent() on the selector itself',
      ],
    },
    {
      name: 'absent of a comparison',
      rules: [{ expr: 'absent(up{job="api"} == 1)' }],
      expected: [
        'rules.yaml:5:12: warning promql/absent: absent() over an expression that is not a selector returns a series without labels and hides which series is missing: use absent() on the selector itself',
      ],
    },
    {
      name: 'regex label used in a template',
      rules: [{ expr: 'absent(up{job=~"api|web"})', annotations: withSummary('{{ $labels.job }} is gone') }],
      expected: [
        'rules.yaml:7:94: warning promql/absent: $labels.job is always empty: absent() only keeps labels of equality matchers, and job is matched by a regex or negation',
      ],
    },
    {
      name: 'equality label used in a template',
      rules: [{ expr: 'absent(up{job="api"})', annotations: withSummary('{{ $labels.job }} is gone') }],
      expected: [],
    },
  ],
  'alerts/always-fires': [
    { name: 'comparison', rules: [{ expr: 'sum(rate(x_total[5m])) > 1' }], expected: [] },
    {
      name: 'no condition',
      rules: [{ expr: 'sum(rate(x_total[5m]))' }],
      expected: [
        'rules.yaml:5:12: warning alerts/always-fires: the expression has no condition (comparison, and/unless, absent): the alert fires for as long as the series exist',
      ],
    },
    {
      name: 'bool comparison never filters',
      rules: [{ expr: 'sum(rate(x_total[5m])) > bool 1' }],
      expected: [
        'rules.yaml:5:12: warning alerts/always-fires: the expression has no condition (comparison, and/unless, absent): the alert fires for as long as the series exist',
      ],
    },
    { name: 'and filters', rules: [{ expr: 'up and on() hour() > 8' }], expected: [] },
    { name: 'absent filters', rules: [{ expr: 'absent(up{job="api"})' }], expected: [] },
    { name: 'or of two conditions', rules: [{ expr: 'up == 0 or absent(up)' }], expected: [] },
    {
      name: 'vector(1)',
      rules: [{ expr: 'vector(1)' }],
      expected: [
        'rules.yaml:5:12: warning alerts/always-fires: the expression has no condition (comparison, and/unless, absent): the alert fires for as long as the series exist',
      ],
    },
    {
      name: "a dead man's switch (severity none) fires on purpose",
      rules: [{ alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }],
      expected: [],
    },
    {
      name: 'recording rules are not alerts',
      rules: [{ record: 'job:x:sum', expr: 'sum(x)' }],
      expected: [],
    },
  ],
  'alerts/per-instance': [
    { name: 'aggregated', rules: [{ expr: 'sum by (job) (rate(x_total[5m])) > 1' }], expected: [] },
    {
      name: 'raw series',
      rules: [{ expr: 'rate(x_total[5m]) > 1' }],
      expected: [
        'rules.yaml:5:12: warning alerts/per-instance: no aggregation: the alert fires once per instance; aggregate (e.g. sum by (job)) or name the instance in the annotations',
      ],
    },
    {
      name: 'ratio of raw series',
      rules: [{ expr: 'a / b > 0.8' }],
      expected: [
        'rules.yaml:5:12: warning alerts/per-instance: no aggregation: the alert fires once per instance; aggregate (e.g. sum by (job)) or name the instance in the annotations',
      ],
    },
    {
      name: 'per-target alert naming the instance',
      rules: [{ expr: 'up == 0', annotations: withSummary('{{ $labels.instance }} is down') }],
      expected: [],
    },
    {
      name: 'by (instance) is deliberate',
      rules: [{ expr: 'sum by (instance) (rate(x_total[5m])) > 1' }],
      expected: [],
    },
    { name: 'recorded series', rules: [{ expr: 'job:x:rate5m > 1' }], expected: [] },
  ],
  'alerts/absolute-error-rate': [
    {
      name: 'error ratio',
      rules: [{ expr: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.01' }],
      expected: [],
    },
    {
      name: 'absolute error counter rate',
      rules: [{ expr: 'sum(rate(app_errors_total[5m])) > 0.1' }],
      expected: [
        'rules.yaml:5:12: warning alerts/absolute-error-rate: alerts on an absolute error rate: divide by the request rate so the threshold is a share of traffic',
      ],
    },
    {
      name: 'absolute 5xx rate',
      rules: [{ expr: 'rate(http_requests_total{code=~"5.."}[5m]) > 0.05' }],
      expected: [
        'rules.yaml:5:12: warning alerts/absolute-error-rate: alerts on an absolute error rate: divide by the request rate so the threshold is a share of traffic',
      ],
    },
    {
      name: 'request rate is not about errors',
      rules: [{ expr: 'sum(rate(http_requests_total[5m])) > 100' }],
      expected: [],
    },
  ],
  'alerts/template-units': [
    {
      name: 'ratio with humanizePercentage',
      rules: [{ expr: 'a / b > 0.8', annotations: withSummary('at {{ $value | humanizePercentage }}') }],
      expected: [],
    },
    {
      name: 'ratio followed by %',
      rules: [{ expr: 'a / b > 0.8', annotations: withSummary('at {{ $value }}%') }],
      expected: [
        'rules.yaml:7:97: warning alerts/template-units: $value is a 0-1 ratio but is printed followed by "%": use humanizePercentage',
      ],
    },
    {
      name: 'ratio through printf with %%',
      rules: [{ expr: 'a / b > 0.8', annotations: withSummary('at {{ printf "%.2f%%" $value }}') }],
      expected: [
        'rules.yaml:7:115: warning alerts/template-units: $value is a 0-1 ratio but is printed followed by "%": use humanizePercentage',
      ],
    },
    {
      name: 'percentage followed by %',
      rules: [{ expr: 'a / b * 100 > 80', annotations: withSummary('at {{ $value }}%') }],
      expected: [],
    },
    {
      name: 'rate through humanizePercentage',
      rules: [
        { expr: 'rate(x_total[5m]) > 0.05', annotations: withSummary('{{ $value | humanizePercentage }}') },
      ],
      expected: [
        'rules.yaml:7:94: warning alerts/template-units: humanizePercentage multiplies $value by 100, but the expression is not a 0-1 ratio',
      ],
    },
    {
      name: 'percentage through humanizePercentage',
      rules: [{ expr: 'a / b * 100 > 80', annotations: withSummary('{{ $value | humanizePercentage }}') }],
      expected: [
        'rules.yaml:7:94: warning alerts/template-units: humanizePercentage multiplies $value by 100, but the expression is already a percentage',
      ],
    },
  ],
  'alerts/template-label-dropped': [
    {
      name: 'label kept by the aggregation',
      rules: [
        { expr: 'sum by (job) (rate(x_total[5m])) > 1', annotations: withSummary('{{ $labels.job }}') },
      ],
      expected: [],
    },
    {
      name: 'label aggregated away',
      rules: [
        { expr: 'sum by (job) (rate(x_total[5m])) > 1', annotations: withSummary('{{ $labels.instance }}') },
      ],
      expected: [
        'rules.yaml:7:94: warning alerts/template-label-dropped: template reads $labels.instance but the expression does not keep the label instance: it prints as empty',
      ],
    },
    {
      name: 'label removed by without',
      rules: [
        { expr: 'sum without (pod) (rate(x_total[5m])) > 1', annotations: withSummary('{{ .Labels.pod }}') },
      ],
      expected: [
        'rules.yaml:7:94: warning alerts/template-label-dropped: template reads $labels.pod but the expression does not keep the label pod: it prints as empty',
      ],
    },
    {
      name: 'label set by the rule itself',
      rules: [
        {
          expr: 'sum(x) > 1',
          labels: { severity: 'warning', team: 'a' },
          annotations: withSummary('{{ $labels.team }}'),
        },
      ],
      expected: [],
    },
    {
      name: 'one-to-one on() keeps only the matching labels',
      rules: [{ expr: 'a > on(job) b', annotations: withSummary('{{ $labels.instance }}') }],
      expected: [
        'rules.yaml:7:94: warning alerts/template-label-dropped: template reads $labels.instance but the expression does not keep the label instance: it prints as empty',
      ],
    },
    {
      name: 'a label the rule sets, then one aggregated away: only the second',
      rules: [
        {
          expr: 'sum by (job) (x) > 1',
          labels: { severity: 'warning', team: 'a' },
          annotations: withSummary('{{ $labels.team }} {{ $labels.pod }}'),
        },
      ],
      expected: [
        'rules.yaml:7:113: warning alerts/template-label-dropped: template reads $labels.pod but the expression does not keep the label pod: it prints as empty',
      ],
    },
    {
      name: 'labels lost by absent() are left to promql/absent',
      rules: [
        {
          expr: 'absent(up{job=~"api"}) or sum by (job) (x) > 1',
          annotations: withSummary('{{ $labels.pod }}'),
        },
      ],
      expected: [],
    },
  ],
  'alerts/template-syntax': [
    {
      name: 'valid template',
      rules: [{ expr: 'up == 0', annotations: withSummary('{{ $labels.job }}') }],
      expected: [],
    },
    {
      name: 'unclosed action',
      rules: [{ expr: 'up == 0', annotations: withSummary('{{ $labels.job ') }],
      expected: ['rules.yaml:7:91: error alerts/template-syntax: template: unclosed action'],
    },
    {
      name: 'unexpected end',
      rules: [{ expr: 'up == 0', annotations: withSummary('{{ end }}') }],
      expected: ['rules.yaml:7:91: error alerts/template-syntax: template: unexpected {{end}}'],
    },
    {
      name: 'unknown function',
      rules: [{ expr: 'up == 0', annotations: withSummary('{{ $value | humanizePercent }}') }],
      expected: [
        'rules.yaml:7:103: error alerts/template-syntax: template: function "humanizePercent" not defined',
      ],
    },
    {
      name: 'undeclared variable',
      rules: [{ expr: 'up == 0', annotations: withSummary('{{ $val }}') }],
      expected: ['rules.yaml:7:94: error alerts/template-syntax: template: undefined variable "$val"'],
    },
    {
      name: 'Prometheus variables and functions',
      rules: [
        {
          expr: 'up == 0',
          annotations: withSummary(
            '{{ if and (gt $value 1.0) (ne $externalURL "") }}{{ $labels.job | toUpper }}{{ end }}',
          ),
        },
      ],
      expected: [],
    },
    {
      name: 'bad label template',
      rules: [{ expr: 'up == 0', labels: { severity: '{{ if }}' } }],
      expected: ['rules.yaml:6:26: error alerts/template-syntax: template: missing value for if'],
    },
  ],
  'alerts/severity-label': [
    { name: 'has severity', rules: [{ expr: 'up == 0' }], expected: [] },
    {
      name: 'no severity',
      rules: [{ expr: 'up == 0', labels: { team: 'a' } }],
      expected: [
        'rules.yaml:4:12: warning alerts/severity-label: alert has no severity label (critical, warning or info)',
      ],
    },
  ],
  'alerts/summary': [
    { name: 'has summary', rules: [{ expr: 'up == 0' }], expected: [] },
    {
      name: 'no summary',
      rules: [{ expr: 'up == 0', annotations: { runbook_url: 'https://x' } }],
      expected: ['rules.yaml:4:12: warning alerts/summary: alert has no summary annotation'],
    },
  ],
  'alerts/runbook-url': [
    { name: 'has runbook_url', rules: [{ expr: 'up == 0' }], expected: [] },
    {
      name: 'no runbook_url',
      rules: [{ expr: 'up == 0', annotations: { summary: 's' } }],
      expected: ['rules.yaml:4:12: info alerts/runbook-url: alert has no runbook_url annotation'],
    },
  ],
  'rules/record-name': [
    {
      name: 'level:metric:operations',
      rules: [{ record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }],
      expected: [],
    },
    {
      name: 'one colon',
      rules: [{ record: 'job:http_requests_rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }],
      expected: [
        'rules.yaml:4:13: warning rules/record-name: recording rule name "job:http_requests_rate5m" does not follow level:metric:operations (e.g. job:http_requests:rate5m)',
      ],
    },
    {
      name: 'no colon',
      rules: [{ record: 'http_requests_rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }],
      expected: [
        'rules.yaml:4:13: warning rules/record-name: recording rule name "http_requests_rate5m" does not follow level:metric:operations (e.g. job:http_requests:rate5m)',
      ],
    },
  ],
  'rules/duplicate': [
    {
      name: 'different rules',
      rules: [{ expr: 'up == 0' }, { alert: 'Other', expr: 'up == 0' }],
      expected: [],
    },
    {
      name: 'same rule twice',
      rules: [{ expr: 'up == 0' }, { expr: 'up  ==  0' }],
      expected: ['rules.yaml:8:12: warning rules/duplicate: duplicate of the rule at rules.yaml:4:12'],
    },
    {
      name: 'same name, other labels',
      rules: [{ expr: 'up == 0' }, { expr: 'up == 0', labels: { severity: 'critical' } }],
      expected: [],
    },
    {
      name: 'same labels in another order',
      rules: [
        { expr: 'up == 0', labels: { severity: 'critical', team: 'a' } },
        { expr: ' up == 0 ', labels: { team: 'a', severity: 'critical' } },
      ],
      expected: ['rules.yaml:8:12: warning rules/duplicate: duplicate of the rule at rules.yaml:4:12'],
    },
    {
      name: 'same labels, other expression',
      rules: [{ expr: 'up == 0' }, { expr: 'up == 1' }],
      expected: [],
    },
    {
      name: 'a recording rule and an alert of one name',
      rules: [
        { alert: 'x', expr: 'up', labels: {} },
        { record: 'x', expr: 'up' },
      ],
      expected: [],
    },
    {
      name: 'the first of the same identity is named',
      rules: [{ expr: 'up == 0' }, { expr: 'up == 1' }, { expr: 'up\n==\t0' }, { expr: 'up == 0' }],
      expected: [
        'rules.yaml:12:12: warning rules/duplicate: duplicate of the rule at rules.yaml:4:12',
        'rules.yaml:16:12: warning rules/duplicate: duplicate of the rule at rules.yaml:4:12',
      ],
    },
  ],
  'rules/static-target-label': [
    { name: 'no labels', rules: [{ record: 'job:x:sum', expr: 'sum by (job) (x)' }], expected: [] },
    {
      name: 'static service',
      rules: [{ record: 'job:x:sum', expr: 'sum by (job) (x)', labels: { service: 'api' } }],
      expected: [
        'rules.yaml:6:24: warning rules/static-target-label: recording rule sets service="api" statically: keep the label from the series (aggregate by service) instead',
      ],
    },
    {
      name: 'other static label',
      rules: [{ record: 'job:x:sum', expr: 'sum by (job) (x)', labels: { tier: 'gold' } }],
      expected: [],
    },
  ],
};
