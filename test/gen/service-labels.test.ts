// services.*.labels are "static labels added to every generated rule": the RED and saturation
// recordings too, and the alerts that read those recordings (by service) still fire.
import { describe, expect, it } from 'vitest';
import { expectAlert, scenario } from '../../src/unittest/vitest.ts';
import { catalogWith, generate, rulesOf } from './catalog-fields.ts';

const labels = { domain: 'retail', cost_center: 'c42' };

describe('services.*.labels', () => {
  it('are on every generated rule, recordings included', async () => {
    const generated = await generate(catalogWith([[['services', 'shop', 'labels'], labels]]));
    const rules = rulesOf(generated).filter((r) => !r.group.startsWith('obsgen-slo-'));
    expect(rules.filter((r) => r.record !== undefined).length).toBeGreaterThanOrEqual(7);
    for (const rule of rules) expect(rule.labels, rule.record ?? rule.alert).toMatchObject(labels);
  });

  it('leave the alerts on the recordings firing', async () => {
    const generated = await generate(catalogWith([[['services', 'shop', 'labels'], labels]]));
    const s = scenario({
      rules: generated.files.get('prometheus/rule-files/shop.rules.yaml') ?? '',
      series: {
        'shop_requests_total{service="shop",code="200"}': '0+60x30',
        'shop_requests_total{service="shop",code="500"}': '0+60x30',
        'shop_request_duration_seconds_bucket{service="shop",le="0.5"}': '0+0x30',
        'shop_request_duration_seconds_bucket{service="shop",le="1"}': '0+60x30',
        'shop_request_duration_seconds_bucket{service="shop",le="+Inf"}': '0+60x30',
        'shop_inflight_requests{service="shop"}': '500x30',
        'up{service="shop"}': '1x30',
      },
    });
    for (const alert of ['HighErrorRatio', 'HighLatency', 'InflightSaturated'])
      expectAlert(s, alert).firesAt('25m', { service: 'shop', ...labels });
  });
});
