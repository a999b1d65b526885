// Each broken catalog must fail gen with the exact file:line:col message and leave generated/ as it was.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject, treeHash } from '../support/project.ts';

const base = readFileSync(path.join(import.meta.dirname, 'fixtures/base.yaml'), 'utf8');

interface BrokenCase {
  readonly name: string;
  /** [text to find in the base catalog, replacement] */
  readonly edit: readonly [string, string];
  readonly expected: readonly string[];
}

const cases: readonly BrokenCase[] = [
  {
    name: 'YAML syntax error',
    edit: ['selector: { app: shop } }', 'selector: { app: shop }'],
    expected: [
      'catalog.yaml:11:5: error: YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ],
  },
  {
    name: 'unknown key (typo)',
    edit: ['    namespace: shop', '    namesapce: shop'],
    expected: [
      'catalog.yaml:8:5: error: services.shop.namespace: required field is missing (expected string)',
      'catalog.yaml:9:5: error: services.shop.namesapce: unknown key "namesapce" (did you mean "namespace"?)',
    ],
  },
  {
    name: 'wrong type',
    edit: ['interval: 15s', 'interval: 15'],
    expected: ['catalog.yaml:10:40: error: services.shop.scrape.interval: expected string, got number 15'],
  },
  {
    name: 'duplicate service',
    edit: ['services:\n  shop:', 'services:\n  shop:\n    team: web\n  shop:'],
    expected: ['catalog.yaml:9:3: error: YAML: duplicate key "shop": names must be unique'],
  },
  {
    name: 'unknown team',
    edit: ['    team: web', '    team: mobile'],
    expected: ['catalog.yaml:8:11: error: services.shop.team: unknown team "mobile"; declared teams: web'],
  },
  {
    name: 'bad duration',
    edit: ['interval: 15s', 'interval: 15 seconds'],
    expected: [
      'catalog.yaml:10:40: error: services.shop.scrape.interval: "15 seconds" is not a duration: use a number and a unit (ms, s, m, h, d, w, y), e.g. "30s", "5m", "1h30m"',
    ],
  },
  {
    name: 'zero duration',
    edit: ['interval: 15s', 'interval: 0s'],
    expected: [
      'catalog.yaml:10:40: error: services.shop.scrape.interval: duration "0s" must be greater than zero',
    ],
  },
  {
    name: 'objective out of range',
    edit: ['objective: 99.9', 'objective: 100.5'],
    expected: [
      'catalog.yaml:19:34: error: services.shop.slos.availability.objective: objective is a percentage between 0 and 100 (exclusive), e.g. 99.9',
    ],
  },
  {
    name: 'objective written as a fraction',
    edit: ['objective: 99.9', 'objective: 0.999'],
    expected: [
      'catalog.yaml:19:34: error: services.shop.slos.availability.objective: objectives are percentages: 0.999 would mean 0.999%; write 99.9 for 99.9%',
    ],
  },
  {
    name: 'inline secret',
    edit: [
      'apiURL: { secret: am-slack, key: web }',
      'apiURL: "https://hooks.slack.com/services/T000/B000/XXXX"',
    ],
    expected: [
      'catalog.yaml:4:49: error: teams.web.receivers.chat.slack.apiURL: an inline secret value is not allowed: reference it as { secret: <k8s-secret-name>, key: <key> } or { file: /path/to/file }',
    ],
  },
  {
    name: 'histogram where a counter is required',
    edit: ['red: { requests: requests,', 'red: { requests: latency,'],
    expected: [
      'catalog.yaml:15:22: error: services.shop.red.requests: metric "latency" (shop_request_duration_seconds) is a histogram, but a counter is required here',
    ],
  },
  {
    name: 'unknown metric in a selector',
    edit: ['errors: \'shop_requests_total{code=~"5.."}\', latency', "errors: 'shop_failures_total', latency"],
    expected: [
      'catalog.yaml:15:40: error: services.shop.red.errors: unknown metric "shop_failures_total"; declared metrics: inflight, latency, requests',
    ],
  },
  {
    name: 'undeclared label in a selector',
    edit: [
      'errors: \'shop_requests_total{code=~"5.."}\', latency',
      'errors: \'shop_requests_total{status=~"5.."}\', latency',
    ],
    expected: [
      'catalog.yaml:15:40: error: services.shop.red.errors: label "status" is not declared for shop_requests_total; declared labels: code',
    ],
  },
  {
    name: 'selector that does not parse',
    edit: [
      'errors: \'shop_requests_total{code=~"5.."}\', latency',
      "errors: 'shop_requests_total{code=~}', latency",
    ],
    expected: [
      // At the bad character, not at the opening quote (15:40).
      'catalog.yaml:15:67: error: services.shop.red.errors: not a selector: unexpected "}" in label matching, expected string',
    ],
  },
  // A PromQL parse error points at its character inside the YAML scalar, whatever the scalar's style.
  {
    name: 'SLO selector that does not parse, single-quoted',
    edit: [
      `errors: 'shop_requests_total{code=~"5.."}', total`,
      `errors: 'shop_requests_total{code="a"b"}', total`,
    ],
    expected: [
      'catalog.yaml:19:77: error: services.shop.slos.availability.errors: not a selector: unexpected identifier "b" in label matching, expected "," or "}"',
    ],
  },
  {
    name: 'SLO selector that does not parse, double-quoted with escapes',
    edit: [
      `errors: 'shop_requests_total{code=~"5.."}', total`,
      `errors: "shop_requests_total{code=\\"a\\"b\\"}", total`,
    ],
    expected: [
      'catalog.yaml:19:79: error: services.shop.slos.availability.errors: not a selector: unexpected identifier "b" in label matching, expected "," or "}"',
    ],
  },
  {
    name: 'SLO selector that does not parse, plain',
    edit: [
      `      availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total }`,
      `      availability:\n        objective: 99.9\n        errors: shop_requests_total{code="a" b}\n        total: shop_requests_total`,
    ],
    expected: [
      'catalog.yaml:21:46: error: services.shop.slos.availability.errors: not a selector: unexpected identifier "b" in label matching, expected "," or "}"',
    ],
  },
  {
    name: 'SLO selector that does not parse, literal block',
    edit: [
      `      availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total }`,
      `      availability:\n        objective: 99.9\n        errors: |\n          shop_requests_total{\n            code=~"5..",\n            code=}\n        total: shop_requests_total`,
    ],
    expected: [
      'catalog.yaml:24:18: error: services.shop.slos.availability.errors: not a selector: unexpected "}" in label matching, expected string',
    ],
  },
  {
    name: 'SLO selector that does not parse, folded block',
    edit: [
      `      availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: shop_requests_total }`,
      `      availability:\n        objective: 99.9\n        errors: >\n          shop_requests_total{code=~"5..",\n          code=}\n        total: shop_requests_total`,
    ],
    expected: [
      'catalog.yaml:23:16: error: services.shop.slos.availability.errors: not a selector: unexpected "}" in label matching, expected string',
    ],
  },
  {
    name: 'extra alert expression that does not parse (the second of two)',
    edit: [
      '    saturation:',
      [
        '    alerts:',
        '      extra:',
        "        - { alert: Fine, expr: 'sum(rate(shop_requests_total[5m])) > 1', severity: warning, summary: s, description: d }",
        '        - alert: Broken',
        "          expr: 'sum(rate(shop_requests_total{code=~}[5m])) > 1'",
        '          severity: warning',
        '          summary: s',
        '          description: d',
        '    saturation:',
      ].join('\n'),
    ],
    expected: [
      'catalog.yaml:20:53: error: obsgen-shop-extra: Broken: unexpected "}" in label matching, expected string',
    ],
  },
  {
    name: 'counter without _total',
    edit: ['name: shop_requests_total, type: counter', 'name: shop_requests, type: counter'],
    expected: [
      'catalog.yaml:12:25: error: services.shop.metrics.requests.name: counter names end in "_total" (Prometheus naming), e.g. "shop_requests_total"',
    ],
  },
  {
    name: 'histogram without buckets',
    edit: ['type: histogram, buckets: [0.1, 0.5, 1] }', 'type: histogram }'],
    expected: [
      'catalog.yaml:13:16: error: services.shop.metrics.latency.buckets: a histogram must declare its buckets (the le boundaries), e.g. [0.1, 0.25, 0.5, 1]',
    ],
  },
  {
    name: 'saturation on a counter',
    edit: ['inflight: { used: inflight, threshold: 100 }', 'inflight: { used: requests, threshold: 100 }'],
    expected: [
      'catalog.yaml:17:25: error: services.shop.saturation.inflight.used: metric "requests" (shop_requests_total) is a counter, but a gauge is required here',
    ],
  },
  {
    name: 'duplicate metric name',
    edit: [
      'inflight: { name: shop_inflight_requests, type: gauge }',
      'inflight: { name: shop_request_duration_seconds, type: gauge }',
    ],
    expected: [
      'catalog.yaml:14:25: error: services.shop.metrics.inflight.name: metric "shop_request_duration_seconds" is already declared as "latency"',
    ],
  },
  {
    name: 'missing required field',
    edit: ['    team: web\n', ''],
    expected: ['catalog.yaml:8:5: error: services.shop.team: required field is missing (expected string)'],
  },
  {
    name: 'unknown metric type',
    edit: ['type: gauge', 'type: meter'],
    expected: [
      'catalog.yaml:14:55: error: services.shop.metrics.inflight.type: must be one of "counter", "gauge", "histogram", "summary"',
    ],
  },
];

describe('broken catalogs', () => {
  it.each(cases)('$name', async ({ edit, expected }) => {
    const [from, to] = edit;
    expect(base).toContain(from);
    const dir = await tempProject({ 'catalog.yaml': base });
    const first = await runCli(['gen'], dir);
    expect(first.stderr).toBe('');
    const good = await treeHash(path.join(dir, 'generated'));
    expect(Object.keys(good).length).toBeGreaterThan(2);

    await writeFile(path.join(dir, 'catalog.yaml'), base.replace(from, to));
    const result = await runCli(['gen'], dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    for (const line of expected)
      expect(
        lines.some((l) => l.startsWith(line)),
        `${line}\n--- got ---\n${result.stderr}`,
      ).toBe(true);
    expect(await treeHash(path.join(dir, 'generated'))).toEqual(good);
  });
});
