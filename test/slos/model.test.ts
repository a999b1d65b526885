// The SLO model: workbook tiers scaled to the period, Go-style le formatting, catalog checks.
import { describe, expect, it } from 'vitest';
import { defaultTiers, formatLe, roundSignificant } from '../../src/model/slo.ts';
import { load, shopCatalog, withSlos } from './support.ts';

const day = 86_400_000;
const hour = 3_600_000;
const minute = 60_000;

describe('default tiers', () => {
  it('are the SRE workbook table for 30d', () => {
    const tiers = defaultTiers(30 * day);
    expect(
      tiers.map((t) => [
        t.name,
        t.severity,
        t.windows.map((w) => [w.longMs / minute, w.shortMs / minute, w.factor]),
      ]),
    ).toEqual([
      [
        'page',
        'critical',
        [
          [60, 5, 14.4],
          [360, 30, 6],
        ],
      ],
      [
        'ticket',
        'warning',
        [
          [1440, 120, 3],
          [4320, 360, 1],
        ],
      ],
    ]);
  });

  it('scale the windows with the period and keep the budget-consumption factors', () => {
    const tiers = defaultTiers(28 * day);
    const page = tiers[0]?.windows[0];
    expect(page).toEqual({ longMs: 56 * minute, shortMs: 5 * minute, factor: 14.4 });
    expect(tiers[1]?.windows.map((w) => w.factor)).toEqual([3, 1]);
  });

  it('never go below the 5m recorded rate window', () => {
    const tiers = defaultTiers(7 * day);
    expect(tiers[0]?.windows[0]).toEqual({ longMs: 14 * minute, shortMs: 5 * minute, factor: 14.4 });
    expect(tiers[1]?.windows[1]?.longMs).toBe(1008 * minute);
    expect(Math.min(...tiers.flatMap((t) => t.windows.map((w) => w.shortMs)))).toBe(5 * minute);
    expect(hour).toBe(60 * minute);
  });
});

describe('formatLe', () => {
  it.each([
    [0.5, '0.5'],
    [1, '1'],
    [2.5, '2.5'],
    [10, '10'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    // strconv.FormatFloat(v, 'g', -1, 64) switches to the exponent form from 1e6 (Go's %g rule).
    [1e6, '1e+06'],
    [123456789, '1.23456789e+08'],
    [Number.POSITIVE_INFINITY, '+Inf'],
  ])('%s -> %s', (value, text) => {
    expect(formatLe(value)).toBe(text);
  });
});

it('rounds the budget to what the user meant', () => {
  expect(roundSignificant((100 - 99.9) / 100)).toBe(0.001);
});

describe('catalog checks', () => {
  it('accept the example', () => {
    expect(load(shopCatalog).messages).toEqual([]);
  });

  it('name the nearest buckets when a latency threshold is not one', () => {
    const { messages } = load(
      withSlos('      latency: { objective: 99, latency: { metric: latency, threshold: 0.3 } }\n'),
    );
    expect(messages).toEqual([
      'catalog.yaml:15:72: services.shop.slos.latency.latency.threshold: threshold 0.3 is not a bucket boundary of shop_request_duration_seconds (buckets: 0.1, 0.25, 0.5, 1, 2.5); the nearest are 0.25 and 0.5: the share of fast requests is read from one bucket, so the threshold must be one',
    ]);
  });

  it('reject a selector on an undeclared label and groupBy on one', () => {
    const { messages } = load(
      withSlos(
        '      a: { objective: 99, errors: \'shop_requests_total{status=~"5.."}\', total: requests }\n      b: { objective: 99, errors: \'shop_requests_total{code=~"5.."}\', total: requests, groupBy: [zone] }\n',
      ),
    );
    expect(messages).toEqual([
      'catalog.yaml:15:35: services.shop.slos.a.errors: label "status" is not declared for shop_requests_total; declared labels: code, route',
      'catalog.yaml:16:98: services.shop.slos.b.groupBy.0: label "zone" is not declared for shop_requests_total; declared labels: code, route',
    ]);
  });

  it('reject a tier that can never fire', () => {
    const { messages } = load(
      withSlos('      loose: { objective: 90, errors: requests, total: requests }\n'),
    );
    expect(messages).toContain(
      'catalog.yaml:15:27: services.shop.slos.loose.objective: the page tier can never fire: a burn rate of 14.4x needs an error ratio of 144% with a 90% objective; lower the factor (alerting.tiers) or raise the objective',
    );
  });

  it('reject unknown keys and half-given ratios', () => {
    const { messages } = load(withSlos('      a: { objective: 99, errors: requests, windw: 7d }\n'));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown key "windw" (did you mean "window"?)'),
        expect.stringContaining('a ratio SLO needs total'),
      ]),
    );
  });

  it.each([
    [
      '30m',
      'report window 30m must be a whole number of hours (the budget sums hourly means), e.g. 7d or 12h',
    ],
    ['30d', 'report window 30d is the SLO window itself; list only other periods'],
    ['7d, 7d', 'report window 7d is listed twice'],
  ])('reject reportWindows [%s] at the entry', (windows, message) => {
    const { messages } = load(
      withSlos(
        `      a: { objective: 99, errors: requests, total: requests, reportWindows: [${windows}] }\n`,
      ),
    );
    const found = messages.filter((m) => m.includes('reportWindows'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^catalog\.yaml:15:\d+: services\.shop\.slos\.a\.reportWindows\.\d: /);
    expect(found[0]?.endsWith(`: ${message}`)).toBe(true);
  });

  it('accept other whole-hour report windows', () => {
    expect(
      load(
        withSlos('      a: { objective: 99, errors: requests, total: requests, reportWindows: [7d, 12h] }\n'),
      ).messages,
    ).toEqual([]);
  });
});
