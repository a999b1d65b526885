// Static labels named like the labels generated rules set or keep would overwrite them (a `service`
// label on recordings detaches them from their alerts): an error at the label's key.
import { describe, expect, it } from 'vitest';
import { catalogWith, type Edits, expectErrorsAtKeys, generate } from '../gen/catalog-fields.ts';

const shop = ['services', 'shop'];

interface ClashCase {
  readonly name: string;
  readonly edits: Edits;
  readonly expected: readonly string[];
}

const cases: readonly ClashCase[] = [
  {
    name: 'service label named service',
    edits: [[[...shop, 'labels'], { service: 'checkout', domain: 'retail' }]],
    expected: [
      'catalog.yaml:37:15: error: services.shop.labels.service: "service" is set by the generated rules themselves; a static label would overwrite it: choose another name',
    ],
  },
  {
    name: 'service label named tier (SLO alerts)',
    edits: [[[...shop, 'labels'], { tier: 'frontend' }]],
    expected: [
      'catalog.yaml:37:15: error: services.shop.labels.tier: "tier" is set by the generated rules themselves; a static label would overwrite it: choose another name',
    ],
  },
  {
    name: 'service label named like an aggregation label',
    edits: [
      [['settings', 'aggregationLabels'], ['cluster']],
      [[...shop, 'labels'], { cluster: 'eu-1' }],
    ],
    expected: [
      'catalog.yaml:37:15: error: services.shop.labels.cluster: "cluster" is one of settings.aggregationLabels, which the rules keep from the series; a static label would overwrite it: choose another name',
    ],
  },
  {
    name: 'override label named team',
    edits: [[[...shop, 'alerts', 'overrides'], { HighLatency: { labels: { team: 'sre' } } }]],
    expected: [
      'catalog.yaml:38:45: error: services.shop.alerts.overrides.HighLatency.labels.team: "team" is set by the generated rules themselves; a static label would overwrite it: choose another name',
    ],
  },
  {
    name: 'extra alert label named service',
    edits: [
      [
        [...shop, 'alerts', 'extra'],
        [
          {
            alert: 'QueueStuck',
            expr: 'sum(shop_queue_depth) > 100',
            severity: 'warning',
            summary: 'queue stuck',
            description: 'the queue does not drain',
            labels: { service: 'queue' },
          },
        ],
      ],
    ],
    expected: [
      'catalog.yaml:46:25: error: services.shop.alerts.extra.0.labels.service: "service" is set by the generated rules themselves; a static label would overwrite it: choose another name',
    ],
  },
  {
    name: 'labels of other names',
    edits: [
      [[...shop, 'labels'], { domain: 'retail', cluster: 'eu-1' }],
      [[...shop, 'alerts', 'overrides'], { HighLatency: { labels: { page: 'yes' } } }],
    ],
    expected: [],
  },
];

describe('static labels that clash with generated ones', () => {
  it.each(cases)('$name', async ({ edits, expected }) => {
    const catalog = catalogWith(edits);
    const { errors } = await generate(catalog);
    expect(errors).toEqual(expected);
    expectErrorsAtKeys(catalog, errors);
  });
});
