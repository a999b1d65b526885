// OpenSLO round trip: exporting the catalog's SLOs and importing the documents back gives every SLO
// back, whatever its kind: errors or good over total, latency on a histogram bucket, with
// selectors and groupBy, under each target's spelling of the bucket bound.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { exportOpenSlo, importOpenSlo } from '../../src/artifacts/slos/openslo.ts';
import { toYamlDocuments } from '../../src/emit/yaml.ts';
import { loadCatalog } from '../../src/model/resolve.ts';
import type { NormalizedSlo } from '../../src/model/slo.ts';
import { tempProject } from '../support/project.ts';

const root = path.resolve(import.meta.dirname, '../..');
const base = await readFile(path.join(root, 'test/catalog/fixtures/base.yaml'), 'utf8');

type Json = Record<string, unknown>;

/** base.yaml with one SLO of every kind, and a `route` label to group by. */
function everyKind(target: string): string {
  const catalog = parse(base) as { settings?: Json; services: Record<string, Json & { metrics: Json }> };
  const shop = catalog.services.shop;
  if (!shop) throw new Error('base.yaml has no shop');
  catalog.settings = { target, aggregationLabels: ['cluster'] };
  shop.metrics = {
    requests: { name: 'shop_requests_total', type: 'counter', labels: ['code', 'route'] },
    latency: {
      name: 'shop_request_duration_seconds',
      type: 'histogram',
      labels: ['route'],
      buckets: [0.1, 0.5, 1],
    },
  };
  shop.saturation = undefined;
  shop.slos = {
    availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: 'requests' },
    'good-events': {
      objective: 99.5,
      window: '28d',
      description: 'Requests answered without a 5xx.',
      good: 'shop_requests_total{code!~"5.."}',
      total: 'shop_requests_total',
    },
    'per-route': {
      objective: 99,
      errors: 'shop_requests_total{code="500"}',
      total: 'requests',
      groupBy: ['route'],
    },
    latency: { objective: 99, latency: { metric: 'latency', threshold: 0.5 } },
    'checkout-latency': {
      objective: 95,
      window: '7d',
      latency: { metric: 'shop_request_duration_seconds{route="/checkout"}', threshold: 1 },
    },
    'latency-per-route': {
      objective: 99.95,
      latency: { metric: 'latency', threshold: 0.1 },
      groupBy: ['route'],
    },
  };
  return stringify(catalog);
}

async function catalogSlos(text: string): Promise<{ text: string; slos: NormalizedSlo[] }> {
  const dir = await tempProject({ 'catalog.yaml': text });
  const loaded = await loadCatalog(path.join(dir, 'catalog.yaml'), 'catalog.yaml');
  expect(loaded.problems).toEqual([]);
  const model = loaded.model;
  if (!model) throw new Error('catalog did not load');
  const slos = model.services.flatMap((s) => s.slos);
  return { text: toYamlDocuments(exportOpenSlo(model), { header: false, keepKeyOrder: true }), slos };
}

/** What an SLO means and OpenSLO carries: alerting tuning and report windows are the catalog's own. */
function meaning(slo: NormalizedSlo) {
  const { service, name, description, objectivePercent, periodMs, sli, groupBy } = slo;
  return { service, name, description, objectivePercent, periodMs, sli, groupBy };
}

/** The catalog with each service's SLOs replaced by the imported entries. */
function withImported(text: string, exported: string): string {
  const result = importOpenSlo(exported);
  expect(result.problems).toEqual([]);
  const catalog = parse(text) as { services: Record<string, Json> };
  for (const service of Object.values(catalog.services)) service.slos = {};
  for (const slo of result.slos) {
    const service = catalog.services[slo.service];
    if (!service) throw new Error(`imported an SLO of unknown service ${slo.service}`);
    (service.slos as Json)[slo.name] = slo.entry;
  }
  return stringify(catalog);
}

async function expectRoundTrip(text: string): Promise<number> {
  const original = await catalogSlos(text);
  const back = await catalogSlos(withImported(text, original.text));
  expect(back.slos.map(meaning)).toEqual(original.slos.map(meaning));
  // And again: the second export is the first one, byte for byte.
  expect(back.text).toBe(original.text);
  return original.slos.length;
}

describe('openslo export then import', () => {
  it.each(['prometheus-2', 'prometheus-3', 'mimir'])(
    'gives back every kind of SLO (target %s)',
    async (target) => {
      expect(await expectRoundTrip(everyKind(target))).toBe(6);
    },
  );

  it("gives back the example catalog's SLOs", async () => {
    expect(await expectRoundTrip(await readFile(path.join(root, 'catalog.yaml'), 'utf8'))).toBeGreaterThan(5);
  });

  it('imports a latency SLO as a latency SLO on its histogram, not as a ratio of two counters', async () => {
    const { text } = await catalogSlos(everyKind('mimir'));
    const slo = importOpenSlo(text).slos.find((s) => s.name === 'checkout-latency');
    expect(slo?.entry).toEqual({
      objective: 95,
      window: '7d',
      latency: { metric: 'shop_request_duration_seconds{route="/checkout"}', threshold: 1 },
    });
    expect(slo?.metrics).toEqual(
      new Map([
        ['shop_request_duration_seconds', { type: 'histogram', labels: new Set(['route']), buckets: [1] }],
      ]),
    );
  });
});
