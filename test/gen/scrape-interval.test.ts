// RED rate windows follow the scrape interval (at least 4 scrapes, whole minutes, never under 5m), so
// gen never warns about its own windows; what it still finds about the rules points at the catalog
// field behind it, once per cause, naming the rules, and never at a generated file.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RuleGroup } from '../../src/artifacts/rules/types.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import * as q from '../../src/promql/construct.ts';
import { checkServiceRules, ruleCheckCaches } from '../../src/validate/generated-rules.ts';
import { runCli, tempProject } from '../support/project.ts';
import { tool } from '../support/tools.ts';

const promtool = tool('promtool');
const run = promisify(execFile);

/** A one-service catalog; `extra` is YAML placed under the service (indented 4). */
function catalog(interval: string, extra = ''): string {
  return `teams:
  web:
    receivers:
      chat: { slack: { channel: "#web", apiURL: { secret: am-slack, key: web } } }
    routing: { default: chat }
alertmanager:
  defaultReceiver: web/chat
settings:
  runbookBaseUrl: https://runbooks.example.com
services:
  shop:
    team: web
    namespace: shop
    scrape: { port: metrics, interval: ${interval}, selector: { app: shop } }
    metrics:
      requests: { name: shop_requests_total, type: counter, labels: [code] }
      orders: { name: shop_orders_total, type: counter }
      latency: { name: shop_request_duration_seconds, type: histogram, buckets: [0.1, 0.5, 1] }
    red: { requests: requests, errors: 'shop_requests_total{code=~"5.."}', latency: latency, latencyThreshold: 0.5 }
${extra}`;
}

/** 1-based line and column of the first `needle` in `text`. */
function positionOf(text: string, needle: string): string {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${(lines[line] ?? '').indexOf(needle) + 1}`;
}

const api = path.resolve(import.meta.dirname, '../../src/index.ts');

async function gen(
  text: string,
  modules: Readonly<Record<string, string>> = {},
): Promise<{ dir: string; out: string; stderr: string; code: number }> {
  const dir = await tempProject({ 'catalog.yaml': text, ...modules });
  // Output elsewhere than generated/: no finding may name the default folder.
  const out = path.join(dir, 'elsewhere');
  const result = await runCli(['gen', '--out', out], dir);
  return { dir, out, stderr: result.stderr, code: result.code };
}

describe('RED rate windows follow scrape.interval', () => {
  it.each([
    ['15s', '5m'],
    ['30s', '5m'],
    ['1m', '5m'],
    ['75s', '5m'],
    ['80s', '6m'],
    ['90s', '6m'],
    ['2m', '8m'],
    ['5m', '20m'],
  ])('a %s scrape gives %s windows, and gen warns about none of them', async (interval, window) => {
    const { out, stderr, code } = await gen(catalog(interval));
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const rules = await readFile(path.join(out, 'prometheus/rule-files/shop.rules.yaml'), 'utf8');
    const windows = [...rules.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
    expect(new Set(windows)).toEqual(new Set([window]));
    expect(rules).toContain(`record: service:shop_requests:rate${window}`);
    expect(rules).toContain(`service:shop_request_duration_seconds:histogram_quantile_rate${window}`);
  });

  it.skipIf(!promtool.path)(
    'a 2m scrape passes promtool check rules, and the generated alert tests pass in promtool',
    async () => {
      const { out, code, stderr } = await gen(catalog('2m'));
      expect(code, stderr).toBe(0);
      const rules = path.join(out, 'prometheus/rule-files/shop.rules.yaml');
      const checked = await run(promtool.path ?? 'promtool', ['check', 'rules', rules]);
      expect(checked.stdout).toContain('SUCCESS');
      const tests = (await readdir(path.join(out, 'tests'))).filter((f) => f.startsWith('alerts-'));
      expect(tests).toEqual(['alerts-shop.yaml']);
      const tested = await run(promtool.path ?? 'promtool', ['test', 'rules', tests[0] ?? ''], {
        cwd: path.join(out, 'tests'),
      });
      expect(tested.stdout).toContain('SUCCESS');
      expect(await readFile(path.join(out, 'tests/alerts-shop.yaml'), 'utf8')).toContain('8m rate');
    },
  );

  it('an SLO under a scrape slower than 75s is one error at scrape.interval, saying what to change', async () => {
    const text = catalog(
      '2m',
      `    slos:
      availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: requests }
      latency: { objective: 99, latency: { metric: latency, threshold: 0.5 } }
`,
    );
    const { stderr, code } = await gen(text);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(lines).toEqual([
      `catalog.yaml:${positionOf(text, '2m, selector')}: error: services.shop.scrape.interval: a 2m scrape is too slow for SLOs availability, latency: SLO events are recorded as 5m rates, which need 4 scrapes in the window; scrape every 1m15s or faster, or remove the service's SLOs`,
    ]);
  });

  it('so is an SLO of slos/*.ts, at the same catalog field', async () => {
    const text = catalog('2m');
    const module = `import { defineSlos, SloBuilder } from '${api}';
export default defineSlos('shop', [new SloBuilder('orders').objective(99).errors('requests').total('requests')]);
`;
    const { stderr, code } = await gen(text, { 'slos/shop.ts': module });
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((l) => l.includes(': error: '))).toEqual([
      `catalog.yaml:${positionOf(text, '2m, selector')}: error: services.shop.scrape.interval: a 2m scrape is too slow for SLO orders: SLO events are recorded as 5m rates, which need 4 scrapes in the window; scrape every 1m15s or faster, or remove the service's SLOs`,
    ]);
  });
});

describe('findings about the rules gen emits', () => {
  it('a too-short window in alerts.extra is reported once, at its character in the catalog, naming the alert', async () => {
    const text = catalog(
      '2m',
      `    alerts:
      extra:
        - alert: NoOrders
          expr: sum by (service) (rate(shop_orders_total{service="shop"}[5m])) == 0
          for: 15m
          severity: warning
          summary: No orders.
          description: No order for 15 minutes.
`,
    );
    const { stderr, code } = await gen(text);
    expect(code, stderr).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([
      `catalog.yaml:${positionOf(text, 'shop_orders_total{')}: warning: alert NoOrders: rate() window 5m is shorter than 4 scrape intervals (8m at a 2m scrape interval)`,
    ]);
  });

  it('each finding about an alerts.extra entry points at the field it is about', async () => {
    const text = catalog(
      '1m',
      `    alerts:
      extra:
        - alert: Busy
          expr: sum by (service) (rate(shop_requests_total{service="shop"}[5m])) > 100
          severity: warning
          summary: Busy.
          description: "{{ $labels.pod }} is busy."
`,
    );
    const { stderr, code } = await gen(text);
    expect(code, stderr).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([
      `catalog.yaml:${positionOf(text, 'Busy')}: warning: alert Busy: alert has no for: it fires on the first evaluation that matches, so one late scrape or short burst pages; add for: (e.g. 5m) so the condition must hold`,
      `catalog.yaml:${positionOf(text, '$labels.pod')}: warning: alert Busy: template reads $labels.pod but the expression does not keep the label pod: it prints as empty`,
    ]);
  });

  it('a finding about several of obsgen’s own rules is one, at the catalog field that caused it', () => {
    const text = catalog('2m');
    const { model } = loadCatalogText('catalog.yaml', text);
    const service = model?.services[0];
    if (!model || !service) throw new Error('catalog did not load');
    const short = (name: string) => ({
      kind: 'record' as const,
      record: `service:${name}:rate5m`,
      expr: q.aggregate('sum', q.rate(q.selector(`${name}_total`, [q.eq('service', 'shop')]), '5m'), [
        'service',
      ]),
      labels: {},
    });
    const group: RuleGroup = {
      name: 'obsgen-shop-recording',
      intervalMs: 0,
      rules: [short('a'), short('b')],
    };
    const problems = checkServiceRules(model, { service, groups: [{ group, at: null }] });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      `catalog.yaml:${positionOf(text, '2m, selector')}: recording rule service:a:rate5m, recording rule service:b:rate5m: rate() window 5m is shorter than 4 scrape intervals (8m at a 2m scrape interval)`,
    ]);
  });

  it('an alert without runbook_url is a finding for a user’s group, never for obsgen’s own (skipped, not located)', () => {
    const { model } = loadCatalogText('catalog.yaml', catalog('30s'));
    const service = model?.services[0];
    if (!model || !service) throw new Error('catalog did not load');
    const alert = (name: string) => ({
      kind: 'alert' as const,
      alert: name,
      expr: q.binary('>', q.selector('shop_orders_total', [q.eq('service', 'shop')]), q.number(0)),
      forMs: 300_000,
      keepFiringForMs: 0,
      labels: { severity: 'ticket' },
      annotations: { summary: 'Orders.', description: 'Orders seen.' },
    });
    const own: RuleGroup = { name: 'obsgen-shop-own', intervalMs: 0, rules: [alert('OwnAlert')] };
    const user: RuleGroup = { name: 'shop-user', intervalMs: 0, rules: [alert('UserAlert')] };
    const at = { file: 'alerts/shop.ts', line: 3, column: 1 };
    const problems = checkServiceRules(model, {
      service,
      groups: [
        { group: own, at: null },
        { group: user, at },
      ],
    });
    expect(problems.filter((p) => p.check === 'alerts/runbook-url').map((p) => p.message)).toEqual([
      'alert UserAlert: alert has no runbook_url annotation',
    ]);
  });

  it('a run shares template parses between services by their whole text: a broken one is still reported', () => {
    const { model } = loadCatalogText('catalog.yaml', catalog('30s'));
    const service = model?.services[0];
    if (!model || !service) throw new Error('catalog did not load');
    const alert = (summary: string) => ({
      kind: 'alert' as const,
      alert: 'UserAlert',
      expr: q.binary('>', q.selector('shop_orders_total', [q.eq('service', 'shop')]), q.number(0)),
      forMs: 300_000,
      keepFiringForMs: 0,
      labels: { severity: 'ticket' },
      annotations: { summary, description: 'Orders seen.', runbook_url: 'https://runbooks.example.com/x' },
    });
    const at = { file: 'alerts/shop.ts', line: 3, column: 1 };
    const ruleSet = (summary: string) => ({
      service,
      groups: [{ group: { name: 'shop-user', intervalMs: 0, rules: [alert(summary)] }, at }],
    });
    const caches = ruleCheckCaches();
    const checks = (summary: string) =>
      checkServiceRules(model, ruleSet(summary), caches)
        .map((p) => p.check)
        .filter((id) => id.startsWith('alerts/template'));
    expect(checks('{{ $value }} orders')).toEqual([]);
    expect(checks('{{ $value  orders')).toContain('alerts/template-syntax');
    expect(checks('{{ $value }} orders')).toEqual([]);
  });
});
