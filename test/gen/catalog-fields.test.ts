// Every catalog field that tunes rules or monitors, one table row each: edit the field in a small
// catalog, generate in-process, and read the generated rules (or ServiceMonitor) it must change.
import { describe, expect, it } from 'vitest';
import {
  alertOf,
  catalogWith,
  documentsOf,
  type Edits,
  type Generated,
  generate,
  rulesOf,
} from './catalog-fields.ts';

const shop = ['services', 'shop'];
const red = [...shop, 'red'];
const overrides = [...shop, 'alerts', 'overrides'];
const slo = [...shop, 'slos', 'availability'];

interface FieldCase {
  readonly field: string;
  readonly edits: Edits;
  readonly expect: (generated: Generated) => void;
}

function annotation(generated: Generated, alert: string, name: string): string | undefined {
  return alertOf(generated, alert)?.annotations?.[name];
}

function alertNames(generated: Generated): string[] {
  return rulesOf(generated).flatMap((r) => (r.alert === undefined ? [] : [r.alert]));
}

interface MonitorEndpoint {
  readonly scheme?: string;
  readonly relabelings?: readonly { readonly targetLabel?: string; readonly replacement?: string }[];
}

function monitorEndpoint(generated: Generated): MonitorEndpoint | undefined {
  const [monitor] = documentsOf(generated, 'prometheus/monitors/shop.yaml') as {
    kind: string;
    spec: { endpoints: MonitorEndpoint[] };
  }[];
  expect(monitor?.kind).toBe('ServiceMonitor');
  return monitor?.spec.endpoints[0];
}

const cases: readonly FieldCase[] = [
  {
    field: 'settings.ruleSelectorLabels',
    edits: [[['settings', 'ruleSelectorLabels'], { release: 'kube-prometheus', prometheus: 'main' }]],
    expect: (g) => {
      const [rule] = documentsOf(g, 'prometheus/rules/shop.yaml') as {
        kind: string;
        metadata: { labels: Record<string, string> };
      }[];
      expect(rule?.kind).toBe('PrometheusRule');
      expect(rule?.metadata.labels).toMatchObject({ release: 'kube-prometheus', prometheus: 'main' });
    },
  },
  {
    field: 'teams.*.runbookBaseUrl',
    edits: [[['teams', 'web', 'runbookBaseUrl'], 'https://wiki.example/web/']],
    expect: (g) => {
      expect(annotation(g, 'ServiceDown', 'runbook_url')).toBe('https://wiki.example/web/shop#servicedown');
      expect(annotation(g, 'SLOBurnRatePage', 'runbook_url')).toBe(
        'https://wiki.example/web/shop#slo-availability',
      );
    },
  },
  {
    field: 'services.*.runbook',
    edits: [[[...shop, 'runbook'], 'https://wiki.example/shop-oncall']],
    expect: (g) => {
      expect(annotation(g, 'HighLatency', 'runbook_url')).toBe(
        'https://wiki.example/shop-oncall#highlatency',
      );
      expect(annotation(g, 'SLOBurnRateTicket', 'runbook_url')).toBe(
        'https://wiki.example/shop-oncall#slo-availability',
      );
    },
  },
  {
    field: 'scrape.scheme',
    edits: [[[...shop, 'scrape', 'scheme'], 'https']],
    expect: (g) => expect(monitorEndpoint(g)?.scheme).toBe('https'),
  },
  {
    field: 'scrape.job',
    edits: [[[...shop, 'scrape', 'job'], 'shop-api']],
    expect: (g) =>
      expect(monitorEndpoint(g)?.relabelings).toContainEqual(
        expect.objectContaining({ targetLabel: 'job', replacement: 'shop-api' }),
      ),
  },
  {
    field: 'services.*.labels',
    edits: [[[...shop, 'labels'], { domain: 'retail' }]],
    expect: (g) => {
      for (const rule of rulesOf(g)) expect(rule.labels?.domain, rule.record ?? rule.alert).toBe('retail');
    },
  },
  {
    field: 'red.minRequestRate',
    edits: [[[...red, 'minRequestRate'], 2.5]],
    expect: (g) => {
      for (const alert of ['HighErrorRatio', 'HighLatency'])
        expect(alertOf(g, alert)?.expr).toMatch(
          /and on\(service\) service:shop_requests:rate5m\{service="shop"\} > 2\.5$/,
        );
    },
  },
  {
    field: 'red.errorRatioThreshold',
    edits: [[[...red, 'errorRatioThreshold'], 0.02]],
    expect: (g) =>
      expect(alertOf(g, 'HighErrorRatio')?.expr).toMatch(
        /^service:shop_requests_errors:ratio_rate5m\{service="shop"\} > 0\.02 and/,
      ),
  },
  {
    field: 'red.latencyThreshold',
    edits: [[[...red, 'latencyThreshold'], 0.25]],
    expect: (g) =>
      expect(alertOf(g, 'HighLatency')?.expr).toMatch(/\{service="shop", quantile="0\.99"\} > 0\.25 and/),
  },
  {
    field: 'red.latencyThreshold (unset: no HighLatency)',
    edits: [[[...red, 'latencyThreshold'], undefined]],
    expect: (g) => {
      expect(alertNames(g)).not.toContain('HighLatency');
      expect(rulesOf(g).map((r) => r.record)).toContain(
        'service:shop_request_duration_seconds:histogram_quantile_rate5m',
      );
    },
  },
  {
    field: 'saturation.capacity',
    edits: [[[...shop, 'saturation', 'inflight'], { used: 'inflight', capacity: 'limit', threshold: 0.8 }]],
    expect: (g) => {
      const recording = rulesOf(g).find((r) => r.record === 'service:shop_inflight_requests:max_ratio');
      expect(recording?.expr).toBe(
        'max by (service) (shop_inflight_requests{service="shop"} / shop_inflight_limit{service="shop"})',
      );
      expect(alertOf(g, 'InflightSaturated')?.expr).toBe(
        'service:shop_inflight_requests:max_ratio{service="shop"} > 0.8',
      );
      expect(annotation(g, 'InflightSaturated', 'description')).toContain('of capacity');
    },
  },
  {
    field: 'alerts.overrides.disabled',
    edits: [[overrides, { TargetDown: { disabled: true } }]],
    expect: (g) => {
      expect(alertNames(g)).not.toContain('TargetDown');
      expect(alertNames(g)).toContain('ServiceDown');
    },
  },
  {
    field: 'alerts.overrides.threshold',
    edits: [[overrides, { TargetDown: { threshold: 0.5 }, InflightSaturated: { threshold: 250 } }]],
    expect: (g) => {
      expect(alertOf(g, 'TargetDown')?.expr).toMatch(/ > 0\.5$/);
      expect(alertOf(g, 'InflightSaturated')?.expr).toBe(
        'service:shop_inflight_requests:max{service="shop"} > 250',
      );
    },
  },
  {
    field: 'alerts.overrides.labels',
    edits: [[overrides, { HighErrorRatio: { labels: { page: 'yes', domain: 'checkout' } } }]],
    expect: (g) => {
      expect(alertOf(g, 'HighErrorRatio')?.labels).toMatchObject({ page: 'yes', domain: 'checkout' });
      expect(alertOf(g, 'HighLatency')?.labels?.page).toBeUndefined();
    },
  },
  {
    field: 'alerts.overrides.labels (over services.*.labels)',
    edits: [
      [[...shop, 'labels'], { domain: 'retail' }],
      [overrides, { HighErrorRatio: { labels: { domain: 'checkout' } } }],
    ],
    expect: (g) => {
      expect(alertOf(g, 'HighErrorRatio')?.labels?.domain).toBe('checkout');
      expect(alertOf(g, 'HighLatency')?.labels?.domain).toBe('retail');
    },
  },
  {
    field: 'alerts.overrides.runbook',
    edits: [[overrides, { ServiceDown: { runbook: 'https://wiki.example/shop-down' } }]],
    expect: (g) => {
      expect(annotation(g, 'ServiceDown', 'runbook_url')).toBe('https://wiki.example/shop-down');
      // No runbookBaseUrl anywhere: the other alerts link nothing rather than a made-up page.
      expect(annotation(g, 'TargetDown', 'runbook_url')).toBeUndefined();
    },
  },
  {
    field: 'settings.runbookBaseUrl',
    edits: [[['settings', 'runbookBaseUrl'], 'https://wiki.example/runbooks/']],
    expect: (g) => {
      expect(annotation(g, 'TargetDown', 'runbook_url')).toBe(
        'https://wiki.example/runbooks/shop#targetdown',
      );
      expect(annotation(g, 'SLOBurnRatePage', 'runbook_url')).toBe(
        'https://wiki.example/runbooks/shop#slo-availability',
      );
    },
  },
  {
    field: 'settings.runbookBaseUrl (unset)',
    edits: [],
    expect: (g) => {
      // Without a base, neither generated nor SLO alerts carry a placeholder runbook_url.
      for (const alert of [
        'TargetDown',
        'ServiceDown',
        'HighErrorRatio',
        'SLOBurnRatePage',
        'SLOMetricsAbsent',
      ])
        expect(annotation(g, alert, 'runbook_url'), alert).toBeUndefined();
      expect(annotation(g, 'TargetDown', 'summary')).toBeDefined();
    },
  },
  {
    field: 'alerts.overrides.severity',
    edits: [[overrides, { HighLatency: { severity: 'critical' } }]],
    expect: (g) => expect(alertOf(g, 'HighLatency')?.labels?.severity).toBe('critical'),
  },
  {
    field: 'alerts.overrides.for',
    edits: [[overrides, { ServiceDown: { for: '7m' } }]],
    expect: (g) => expect(alertOf(g, 'ServiceDown')?.for).toBe('7m'),
  },
  {
    field: 'alerts.overrides.keepFiringFor',
    edits: [[overrides, { HighErrorRatio: { keepFiringFor: '90s' } }]],
    expect: (g) => {
      expect(alertOf(g, 'HighErrorRatio')?.keep_firing_for).toBe('1m30s');
      expect(alertOf(g, 'HighLatency')?.keep_firing_for).toBeUndefined();
    },
  },
  {
    field: 'alerts.extra[] keepFiringFor, runbook, labels',
    edits: [
      [[...shop, 'labels'], { domain: 'retail' }],
      [
        [...shop, 'alerts', 'extra'],
        [
          {
            alert: 'QueueBacklog',
            expr: 'shop_inflight_requests > 1000',
            for: '3m',
            keepFiringFor: '15m',
            severity: 'info',
            summary: 'Backlog.',
            description: 'Too many requests in flight.',
            runbook: 'https://wiki.example/backlog',
            labels: { page: 'no' },
          },
        ],
      ],
    ],
    expect: (g) => {
      const rule = alertOf(g, 'QueueBacklog');
      expect(rule).toMatchObject({
        group: 'obsgen-shop-extra',
        expr: 'shop_inflight_requests > 1000',
        for: '3m',
        keep_firing_for: '15m',
        labels: { page: 'no', domain: 'retail', severity: 'info' },
        annotations: { runbook_url: 'https://wiki.example/backlog' },
      });
    },
  },
  {
    field: 'slos.*.runbook',
    edits: [[[...slo, 'runbook'], 'https://wiki.example/slo/shop']],
    expect: (g) => {
      for (const alert of ['SLOBurnRatePage', 'SLOBurnRateTicket', 'SLOMetricsAbsent'])
        expect(annotation(g, alert, 'runbook_url')).toBe('https://wiki.example/slo/shop');
    },
  },
  {
    field: 'slos.*.alerting.disabled',
    edits: [[[...slo, 'alerting'], { disabled: true }]],
    expect: (g) => {
      expect(alertNames(g).filter((a) => a.startsWith('SLO'))).toEqual([]);
      expect(rulesOf(g).map((r) => r.record)).toContain('slo:error_budget_remaining:ratio');
    },
  },
  {
    field: 'slos.*.alerting.noData (duration)',
    edits: [[[...slo, 'alerting'], { noData: '30m' }]],
    expect: (g) => {
      expect(alertOf(g, 'SLOMetricsAbsent')?.for).toBe('30m');
      expect(alertOf(g, 'SLOMetricsAbsent')?.expr).toBe('absent(shop_requests_total{service="shop"})');
    },
  },
  {
    field: 'slos.*.alerting.noData (false)',
    edits: [[[...slo, 'alerting'], { noData: false }]],
    expect: (g) => {
      expect(alertNames(g)).not.toContain('SLOMetricsAbsent');
      expect(alertNames(g)).toContain('SLOBurnRatePage');
    },
  },
  {
    field: 'slos.*.alerting.minRate',
    edits: [[[...slo, 'alerting'], { minRate: 3 }]],
    expect: (g) => {
      for (const alert of ['SLOBurnRatePage', 'SLOBurnRateTicket']) {
        const expr = alertOf(g, alert)?.expr ?? '';
        const guards = [...expr.matchAll(/slo:total_events:rate5m\{[^}]*\}\[\w+\]\) > ([\d.]+)/g)];
        expect(guards.length, expr).toBe(2);
        for (const guard of guards) expect(guard[1]).toBe('3');
      }
    },
  },
];

describe('catalog fields in the generated rules and monitors', () => {
  it.each(cases)('$field', async ({ edits, expect: check }) => {
    const generated = await generate(catalogWith(edits));
    expect(generated.errors).toEqual([]);
    check(generated);
  });
});
