// An alert's description says what it runs with: the `for` and threshold of the catalog's
// overrides, not the defaults they replace.
import { describe, expect, it } from 'vitest';
import { alertOf, catalogWith, type Edits, generate } from './catalog-fields.ts';

const overrides = ['services', 'shop', 'alerts', 'overrides'];

const rows: readonly { name: string; edits: Edits; alert: string; description: string }[] = [
  {
    name: 'ServiceDown by default',
    edits: [],
    alert: 'ServiceDown',
    description: 'No shop target has answered a scrape for 2 minutes, or no target is left to scrape.',
  },
  {
    name: 'ServiceDown with for: 5m',
    edits: [[[...overrides, 'ServiceDown'], { for: '5m' }]],
    alert: 'ServiceDown',
    description: 'No shop target has answered a scrape for 5 minutes, or no target is left to scrape.',
  },
  {
    name: 'ServiceDown with for: 90s',
    edits: [[[...overrides, 'ServiceDown'], { for: '90s' }]],
    alert: 'ServiceDown',
    description: 'No shop target has answered a scrape for 1m30s, or no target is left to scrape.',
  },
  {
    name: 'a gauge saturation alert with its threshold overridden',
    edits: [[[...overrides, 'InflightSaturated'], { threshold: 250 }]],
    alert: 'InflightSaturated',
    description: expect.stringContaining('(threshold 250)') as unknown as string,
  },
];

describe('alert descriptions', () => {
  it.each(rows)('$name', async ({ edits, alert, description }) => {
    const generated = await generate(catalogWith(edits));
    expect(generated.errors).toEqual([]);
    expect(alertOf(generated, alert)?.annotations?.description).toEqual(description);
  });
});
