// red.latency may narrow the histogram with matchers, like red.requests and red.errors: the
// matchers reach the bucket recording every latency quantile and HighLatency read, and the
// service dashboard's latency panel.
import { describe, expect, it } from 'vitest';
import { dashboardsGenerator } from '../../src/artifacts/dashboards/index.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { catalogWith, generate, rulesOf } from './catalog-fields.ts';

const bucketRecording = 'service_le:shop_request_duration_seconds_bucket:rate5m';

describe('red.latency selector', () => {
  it.each([
    ['latency', 'shop_request_duration_seconds_bucket{service="shop"}'],
    [
      'shop_request_duration_seconds{route!="/health"}',
      'shop_request_duration_seconds_bucket{service="shop", route!="/health"}',
    ],
    [
      'shop_request_duration_seconds{route!~"/health|/ready"}',
      'shop_request_duration_seconds_bucket{service="shop", route!~"/health|/ready"}',
    ],
  ])('red.latency %s records the rate of %s', async (latency, selector) => {
    const generated = await generate(catalogWith([[['services', 'shop', 'red', 'latency'], latency]]));
    const bucket = rulesOf(generated).find((r) => r.record === bucketRecording);
    expect(bucket?.expr).toBe(`sum by (service, le) (rate(${selector}[5m]))`);
  });

  it('narrows the latency panel of the service dashboard the same way', async () => {
    const catalog = catalogWith([
      [['services', 'shop', 'red', 'latency'], 'shop_request_duration_seconds{route!="/health"}'],
    ]);
    const { model } = loadCatalogText('catalog.yaml', catalog);
    if (!model) throw new Error('catalog does not load');
    const output = await dashboardsGenerator.generate(model, { projectDir: '/nonexistent' });
    const dashboard = output.files.find((f) => f.path === 'grafana/dashboards/shop-svc.json')?.content ?? '';
    expect(dashboard).toContain(
      'shop_request_duration_seconds_bucket{service=\\"shop\\", route!=\\"/health\\"}[$__rate_interval]',
    );
  });
});
