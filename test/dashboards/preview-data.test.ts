// The preview with data: Grafana's time variables, dashboard variables, legends, the scenario
// source on the shipped incident (checked against the generated alert test, from the page's data),
// the Prometheus source against a local HTTP server, and "No data" marking.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { windowLabel } from '../../src/artifacts/slos/names.ts';
import { loadCatalog } from '../../src/model/resolve.ts';
import {
  alignRange,
  builtinVariables,
  formatGoDuration,
  formatInterval,
  queryStepMs,
  rateIntervalMs,
  roundInterval,
} from '../../src/preview/interval.ts';
import { legendName, type PreviewData } from '../../src/preview/panel-data.ts';
import { formatValue, stepColor } from '../../src/preview/units.ts';
import { interpolate, type ResolvedVariable, resolveVariables } from '../../src/preview/variables.ts';
import { type InputSeries, loadTestFile } from '../../src/unittest/testfile.ts';
import { runCli, tempProject } from '../support/project.ts';
import { tool } from '../support/tools.ts';

const root = path.resolve(import.meta.dirname, '../..');
const promtool = tool('promtool');
const s = 1000;
const m = 60 * s;
const h = 60 * m;

/** The data embedded in a preview page. */
function pageData(html: string): PreviewData {
  const match = /<script type="application\/json" id="obsgen-preview-data">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('no preview data in the page');
  return JSON.parse(match[1]) as PreviewData;
}

async function previewOf(args: readonly string[], cwd = root): Promise<{ html: string; stderr: string }> {
  const { mkdtemp, readFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'obsgen-preview-')), 'p.html');
  const result = await runCli(['preview', ...args, '--out', out], cwd);
  expect(result.code, result.stderr).toBe(0);
  return { html: await readFile(out, 'utf8'), stderr: result.stderr };
}

describe("Grafana's time variables", () => {
  it.each([
    [9 * s, 10 * s],
    [12_500, 10 * s],
    [13 * s, 15 * s],
    [40 * s, 30 * s],
    [80 * s, m],
    [4 * m, 5 * m],
    [50 * m, h],
    [2 * 86_400_000, 86_400_000],
  ])('rounds a raw interval of %d ms to %d ms', (raw, nice) => {
    expect(roundInterval(raw)).toBe(nice);
  });

  it.each([
    // 6h over 600 px: 36s rounds to 30s, above the 15s scrape interval.
    { span: 6 * h, points: 600, min: null, scrape: 15 * s, step: 30 * s },
    // 1h over 1200 px: 3s is under the scrape interval, which wins.
    { span: h, points: 1200, min: null, scrape: 15 * s, step: 15 * s },
    // The panel's min interval beats the scrape interval.
    { span: h, points: 1200, min: m, scrape: 15 * s, step: m },
    // 30d over 100 px would be 7h12m -> 6h; 11000 points caps nothing here.
    { span: 30 * 86_400_000, points: 100, min: null, scrape: 15 * s, step: 6 * h },
    // 1 year at 20000 points: the 11000-point cap raises the step above the 30m the width asks.
    { span: 365 * 86_400_000, points: 20_000, min: null, scrape: 15 * s, step: h },
  ])('steps $span ms over $points points (min $min, scrape $scrape) by $step ms', (c) => {
    const range = { fromMs: 0, toMs: c.span };
    expect(
      queryStepMs({ range, maxDataPoints: c.points, minIntervalMs: c.min, scrapeIntervalMs: c.scrape }),
    ).toBe(c.step);
  });

  it('takes max($__interval + scrape, 4 * scrape) as $__rate_interval', () => {
    expect(rateIntervalMs(15 * s, 15 * s)).toBe(m);
    expect(rateIntervalMs(30 * s, 15 * s)).toBe(m);
    expect(rateIntervalMs(5 * m, 15 * s)).toBe(5 * m + 15 * s);
    expect(rateIntervalMs(m, m)).toBe(4 * m);
  });

  it('prints $__interval in its largest unit and $__rate_interval as a Go duration', () => {
    expect(formatInterval(90 * s)).toBe('1m');
    expect(formatInterval(15 * s)).toBe('15s');
    expect(formatInterval(500)).toBe('500ms');
    expect(formatGoDuration(4 * m)).toBe('4m0s');
    expect(formatGoDuration(5 * m + 15 * s)).toBe('5m15s');
    expect(formatGoDuration(h)).toBe('1h0m0s');
    expect(formatGoDuration(1500)).toBe('1.5s');
    const vars = builtinVariables({ fromMs: 1000, toMs: 6 * h + 1000 }, 30 * s, 15 * s);
    expect(Object.fromEntries(vars)).toEqual({
      __interval: '30s',
      __interval_ms: '30000',
      __rate_interval: '1m0s',
      __rate_interval_ms: '60000',
      __range: '21600s',
      __range_s: '21600',
      __range_ms: '21600000',
    });
  });

  it('aligns both ends of the range down to the step', () => {
    expect(alignRange({ fromMs: 61_000, toMs: 3_599_000 }, m)).toEqual({ fromMs: m, toMs: 59 * m });
  });
});

describe('dashboard variables', () => {
  const none = async (): Promise<readonly string[]> => [];
  const resolved = (vars: Map<string, ResolvedVariable>, text: string): string =>
    interpolate(text, vars, new Map([['__rate_interval', '1m0s']]));

  it('replaces $var, ${var}, ${var:format} and [[var]] with the current values', async () => {
    const vars = await resolveVariables(
      [
        { type: 'custom', name: 'env', query: 'prod,staging', current: { value: 'staging' } },
        {
          type: 'custom',
          name: 'code',
          query: '500,502,5.3',
          multi: true,
          current: { value: ['500', '5.3'] },
        },
        { type: 'constant', name: 'job', query: 'api' },
        { type: 'datasource', name: 'datasource', query: 'prometheus' },
      ],
      none,
      'prometheus',
    );
    expect(resolved(vars, 'x{env="$env", job="${job}"}')).toBe('x{env="staging", job="api"}');
    expect(resolved(vars, 'x{code=~"$code"}[$__rate_interval]')).toBe('x{code=~"(500|5\\.3)"}[1m0s]');
    expect(resolved(vars, 'x{code=~"${code:pipe}", e="[[env]]"}')).toBe('x{code=~"500|5.3", e="staging"}');
    expect(resolved(vars, '$unknown')).toBe('$unknown');
  });

  it('takes All from label_values() through the data source, or the allValue', async () => {
    const lookup = async (label: string, match: string | null): Promise<readonly string[]> =>
      label === 'instance' && match === 'up{job="api"}' ? ['b:9090', 'a:9090'] : [];
    const vars = await resolveVariables(
      [
        {
          type: 'query',
          name: 'instance',
          query: 'label_values(up{job="api"}, instance)',
          includeAll: true,
          current: { value: '$__all' },
        },
        {
          type: 'query',
          name: 'pod',
          query: { query: 'label_values(pod)' },
          includeAll: true,
          allValue: '.+',
          current: { value: ['$__all'] },
        },
        { type: 'query', name: 'first', query: 'label_values(up{job="api"}, instance)' },
      ],
      lookup,
      'prometheus',
    );
    expect(resolved(vars, '$instance $pod $first')).toBe('(a:9090|b:9090) .+ a:9090');
  });
});

describe('legends', () => {
  it('applies legendFormat, else names the series as Grafana does', () => {
    expect(legendName('{{ window }} burn', { window: '1h' }, 'e')).toBe('1h burn');
    expect(legendName('{{missing}}x', {}, 'e')).toBe('x');
    expect(legendName('__auto', { __name__: 'up', job: 'a' }, 'e')).toBe('up{job="a"}');
    expect(legendName(undefined, {}, 'sum(up)')).toBe('sum(up)');
  });

  it('formats values in the panel unit and colours stat values by their threshold step', () => {
    expect(formatValue(0.9991, 'percentunit')).toBe('99.9%');
    expect(formatValue(0.0372, 'percentunit')).toBe('3.72%');
    expect(formatValue(0.25, 's')).toBe('250 ms');
    expect(formatValue(1500, 'reqps')).toBe('1.5 K req/s');
    const steps = [
      { value: null, color: 'red' },
      { value: 0, color: 'orange' },
      { value: 0.5, color: 'green' },
    ];
    expect(stepColor(steps, -1)).toBe('#F2495C');
    expect(stepColor(steps, 0.2)).toBe('#FF9830');
    expect(stepColor(steps, 0.5)).toBe('#73BF69');
  });
});

/** The first `page: ...` test of a generated SLO test file: its input and when the page alert fires. */
function generatedPageTest(file: string) {
  const loaded = loadTestFile(file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const test = loaded.testFile.tests.find((t) => t.name.startsWith('page:'));
  if (!test) throw new Error(`${file} has no page test`);
  const checks = test.promqlTests.filter((p) => p.exprText.includes('SLOBurnRatePage'));
  const firing = checks.filter((p) => p.expSamples.length > 0).map((p) => p.evalTimeMs);
  const quiet = checks.filter((p) => p.expSamples.length === 0).map((p) => p.evalTimeMs);
  return { test, firesAtMs: Math.min(...firing), quietAtMs: Math.max(...quiet) };
}

describe('the shipped scenarios', () => {
  const files = ['scenarios/steady-state.yaml', 'scenarios/incident.yaml'];

  it('pass their own expectations in obsgen test', async () => {
    const result = await runCli(['test', ...files], root);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  }, 180_000);

  it.skipIf(!promtool.path)(
    'pass them in promtool test rules too',
    () => {
      const out = execFileSync(promtool.path ?? 'promtool', ['test', 'rules', ...files], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(out.match(/SUCCESS/g)?.length).toBe(2);
    },
    180_000,
  );
});

describe('obsgen preview --scenario', () => {
  it('draws the incident: the burn-rate panel crosses the page threshold at the minute the generated page test fires', async () => {
    const expected = generatedPageTest(path.join(root, 'generated/tests/slo-cloudviz-availability.yaml'));
    const scenario = loadTestFile(path.join(root, 'scenarios/incident.yaml'));
    if (!scenario.ok) throw new Error('scenario does not load');
    // The scenario's burst is the generated test's burst: per metric and service, the sum of the
    // scenario's series starts with the sum of the test's (the scenario spreads it over endpoints).
    const sums = (series: readonly InputSeries[]): Map<string, number[]> => {
      const out = new Map<string, number[]>();
      for (const x of series) {
        const key = ['__name__', 'service'].map((n) => x.labels.find((l) => l.name === n)?.value).join('/');
        const acc = out.get(key) ?? [];
        x.values.forEach((v, i) => {
          acc[i] = (acc[i] ?? 0) + (typeof v === 'number' ? v : Number.NaN);
        });
        out.set(key, acc);
      }
      return out;
    };
    const inScenario = sums(scenario.testFile.tests[0]?.inputSeries ?? []);
    for (const [key, values] of sums(expected.test.inputSeries)) {
      expect(inScenario.get(key)?.slice(0, values.length), key).toEqual(values);
    }

    const { html } = await previewOf(['--scenario', 'scenarios/incident.yaml', '--tag', 'cloudviz']);
    const data = pageData(html);
    const panel = data.dashboards.find((d) => d.uid === 'cloudviz-slo')?.panels['4'];
    expect(panel?.targets[0]?.expr).toBe(
      'max by (window) (slo:burn_rate:ratio{service="cloudviz", slo="availability"})',
    );
    const byWindow = new Map(
      (panel?.targets[0]?.series ?? []).map((x) => [x.labels.window ?? '', new Map(x.points)]),
    );

    // The page tier's windows and factors come from the model, as the alert rule does.
    const loaded = await loadCatalog(path.join(root, 'catalog.yaml'));
    const service = loaded.model?.services.find((x) => x.name === 'cloudviz');
    if (!loaded.model || !service) throw new Error('no cloudviz in the example catalog');
    const slo = service.slos.find((x) => x.name === 'availability');
    const page = slo?.tiers.find((t) => t.name === 'page');
    expect(page?.windows.length).toBeGreaterThan(0);
    const over = (t: number): boolean =>
      (page?.windows ?? []).some((w) =>
        [w.longMs, w.shortMs].every((win) => (byWindow.get(windowLabel(win))?.get(t) ?? 0) > w.factor),
      );
    const steps = [...(byWindow.get('5m')?.keys() ?? [])];
    const firstOver = steps.find(over);
    expect(firstOver).toBe(expected.firesAtMs);
    expect(over(expected.quietAtMs)).toBe(false);
    // The panel draws those thresholds as dashed lines.
    expect(html).toContain('stroke-dasharray');
  }, 180_000);

  it('keeps every burn rate under 1 in the steady state and marks panels whose queries return nothing', async () => {
    const { html, stderr } = await previewOf([
      '--scenario',
      'scenarios/steady-state.yaml',
      '--tag',
      'cloudviz',
    ]);
    const data = pageData(html);
    const burn = data.dashboards.find((d) => d.uid === 'cloudviz-slo')?.panels['4'];
    const values = (burn?.targets[0]?.series ?? []).flatMap((x) => x.points.map(([, v]) => v));
    expect(values.length).toBeGreaterThan(100);
    expect(Math.max(...values)).toBeLessThan(1);
    // platform-overview (tagged cloudviz) also shows healthcare-ai, which the scenario does not carry.
    const overview = data.dashboards.find((d) => d.uid === 'platform-overview');
    const empty = Object.entries(overview?.panels ?? {}).filter(([, p]) =>
      p.targets.every((t) => t.series.length === 0),
    );
    expect(empty.map(([id]) => id).sort()).toEqual(['6', '7', '8']);
    expect(html.match(/class="panel no-data"/g)?.length).toBe(3);
    expect(html).toContain('<strong>No data</strong>');
    expect(stderr).toContain('3 panels show no data');
  }, 180_000);

  it('refuses a scenario with a broken series, naming file, line and column', async () => {
    const dir = await tempProject({
      'bad.yaml': 'tests:\n  - interval: 1m\n    input_series:\n      - series: up{\n        values: 1\n',
    });
    const result = await runCli(
      ['preview', '--catalog', path.join(root, 'catalog.yaml'), '--scenario', 'bad.yaml', '--out', 'x.html'],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad\.yaml:4:\d+: error: bad series/m);
  });
});

describe('obsgen preview --prometheus', () => {
  it('sends each target as query_range with the variables resolved and draws what comes back', async () => {
    const requests: URLSearchParams[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const params = new URLSearchParams(body);
        requests.push(params);
        const start = Number(params.get('start'));
        const step = Number(params.get('step'));
        const query = params.get('query') ?? '';
        const result = query.includes('cloudviz_errors_total')
          ? []
          : [
              {
                metric: { window: '1h' },
                values: [
                  [start, '0.5'],
                  [start + step, '20'],
                ],
              },
            ];
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const { html } = await previewOf([
        '--prometheus',
        `http://127.0.0.1:${port}`,
        '--tag',
        'cloudviz',
        '--from',
        '2026-01-01T00:00:00Z',
        '--to',
        '2026-01-01T06:00:00Z',
      ]);
      const traffic = requests.find((r) => r.get('query')?.startsWith('sum(rate(cloudviz_requests_total'));
      // Traffic is 8 columns (442 px) wide on the service dashboard: 6h over 442 points is 49s,
      // rounded to 1m (over the 15s default scrape interval); $__rate_interval = max(1m + 15s, 4 * 15s).
      expect(traffic?.get('step')).toBe('60');
      expect(traffic?.get('query')).toBe('sum(rate(cloudviz_requests_total{service="cloudviz"}[1m15s]))');
      expect(traffic?.get('start')).toBe(String(Date.parse('2026-01-01T00:00:00Z') / 1000));
      const data = pageData(html);
      const burn = data.dashboards.find((d) => d.uid === 'cloudviz-slo')?.panels['4'];
      expect(burn?.targets[0]?.series[0]?.points[1]?.[1]).toBe(20);
      expect(burn?.targets[0]?.series[0]?.name).toBe('1h');
      // The error-ratio panel reads cloudviz_errors_total, which this server has no series of.
      expect(html).toMatch(/<section class="panel no-data"[^>]*data-panel-id="3">/);
    } finally {
      server.close();
    }
  }, 120_000);

  it('reports an unreachable server per panel instead of failing the page', async () => {
    const { html, stderr } = await previewOf(['--prometheus', 'http://127.0.0.1:9', '--tag', 'cloudviz']);
    expect(html).toContain('<div class="error">A: cannot reach http://127.0.0.1:9/api/v1/query_range');
    expect(stderr).toMatch(/\d+ panels have a failing query/);
    const both = await runCli(['preview', '--prometheus', 'http://x', '--scenario', 'y'], root);
    expect(both.code).toBe(2);
  });
});
