// The tests generator shares curves between services of one shape within a run. A service that
// differs in one number its tests read (buckets, a threshold, a `for`, the scrape interval, the
// traffic floor, a capacity gauge) must get its own: each service's test file in a run over the
// whole fleet is the one a run over that service alone writes.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { testsGenerator } from '../../src/artifacts/tests/index.ts';
import { emitDocuments } from '../../src/emit/documents.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { catalogWith, type Edits } from '../gen/catalog-fields.ts';

const shop = ['services', 'shop'];

/** Services that differ from `shop` in one number its alert tests read. */
const variants: readonly (readonly [name: string, edits: Edits])[] = [
  [
    'buckets',
    [
      [
        [...shop, 'metrics', 'latency', 'buckets'],
        [0.05, 0.2, 0.5, 2],
      ],
    ],
  ],
  ['latency-threshold', [[[...shop, 'red', 'latencyThreshold'], 0.25]]],
  ['error-threshold', [[[...shop, 'alerts', 'overrides', 'HighErrorRatio'], { threshold: 0.2 }]]],
  ['target-threshold', [[[...shop, 'alerts', 'overrides', 'TargetDown'], { threshold: 0.35 }]]],
  ['for', [[[...shop, 'alerts', 'overrides', 'HighLatency'], { for: '7m' }]]],
  [
    'scrape-interval',
    [
      [[...shop, 'scrape', 'interval'], '2m'],
      // Too slow a scrape for the SLOs' 5m rates.
      [[...shop, 'slos'], undefined],
    ],
  ],
  ['floor', [[[...shop, 'red', 'minRequestRate'], 5]]],
  ['saturation-threshold', [[[...shop, 'saturation', 'inflight', 'threshold'], 40]]],
  ['capacity', [[[...shop, 'saturation', 'inflight', 'capacity'], 'limit']]],
];

/** The small catalog's `shop` edited, under another name. */
function variantService(edits: Edits): unknown {
  return parseDocument(catalogWith(edits)).getIn(shop, true);
}

/** Every tests file a run of the tests generator writes, by path. */
async function testFiles(catalog: string): Promise<Map<string, string>> {
  const loaded = loadCatalogText('catalog.yaml', catalog);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  if (!loaded.model) throw new Error('catalog did not load');
  const output = await testsGenerator.generate(loaded.model, { projectDir: tmpdir() });
  return new Map(emitDocuments(output.documents ?? []).map((f) => [f.path, f.content]));
}

/** The catalog with the named variants, and `shop` too with `withShop`. */
function fleet(names: readonly string[], withShop: boolean): string {
  const document = parseDocument(catalogWith([]));
  if (!withShop) document.deleteIn(shop);
  for (const [name, edits] of variants)
    if (names.includes(name)) document.setIn(['services', `shop-${name}`], variantService(edits));
  return document.toString();
}

describe('curves shared by services of one shape', () => {
  it('give every service of another shape its own values', async () => {
    const all = await testFiles(
      fleet(
        variants.map(([name]) => name),
        true,
      ),
    );
    const shopFile = all.get('tests/alerts-shop.yaml');
    expect(shopFile).toBeDefined();
    for (const [name] of variants) {
      const path = `tests/alerts-shop-${name}.yaml`;
      const alone = (await testFiles(fleet([name], false))).get(path);
      expect(alone, name).toBeDefined();
      expect(all.get(path), name).toBe(alone);
      // The variant differs from shop in more than its name, or it would not test the keys.
      expect(alone?.replaceAll(`shop-${name}`, 'shop'), name).not.toBe(shopFile);
    }
  });
});
