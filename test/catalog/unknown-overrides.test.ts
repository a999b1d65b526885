// alerts.overrides naming no alert obsgen generates for the service would silently do nothing: an
// error at the override, listing the alerts the service does get (which depend on its red and
// saturation entries), and none for the names it does get.
import { describe, expect, it } from 'vitest';
import { catalogWith, generate } from '../gen/catalog-fields.ts';

const shop = ['services', 'shop'];
const overrides = [...shop, 'alerts', 'overrides'];
const allAlerts = 'TargetDown, ServiceDown, HighErrorRatio, HighLatency, InflightSaturated';

interface UnknownCase {
  readonly name: string;
  readonly edits: readonly (readonly [readonly (string | number)[], unknown])[];
  readonly expected: readonly string[];
}

const cases: readonly UnknownCase[] = [
  {
    name: 'a name no alert has',
    edits: [[overrides, { NoSuchAlert: { for: '5m' } }]],
    expected: [
      `catalog.yaml:38:33: error: services.shop.alerts.overrides.NoSuchAlert: no generated alert is named "NoSuchAlert"; overridable alerts: ${allAlerts}`,
    ],
  },
  {
    name: 'every alert the service gets',
    edits: [
      [
        overrides,
        {
          TargetDown: { for: '5m' },
          ServiceDown: { for: '5m' },
          HighErrorRatio: { for: '5m' },
          HighLatency: { for: '5m' },
          InflightSaturated: { for: '5m' },
        },
      ],
    ],
    expected: [],
  },
  {
    name: 'HighLatency without a latency threshold',
    edits: [
      [[...shop, 'red', 'latencyThreshold'], undefined],
      [overrides, { HighLatency: { for: '5m' } }],
    ],
    expected: [
      'catalog.yaml:37:33: error: services.shop.alerts.overrides.HighLatency: no generated alert is named "HighLatency"; overridable alerts: TargetDown, ServiceDown, HighErrorRatio, InflightSaturated',
    ],
  },
  {
    name: 'red alerts of a service without red, saturation sorted by name',
    edits: [
      [[...shop, 'red'], undefined],
      [[...shop, 'saturation', 'limits'], { used: 'limit', threshold: 10 }],
      [overrides, { HighErrorRatio: { for: '5m' }, Unknown: { for: '1m' } }],
    ],
    expected: [
      'catalog.yaml:35:36: error: services.shop.alerts.overrides.HighErrorRatio: no generated alert is named "HighErrorRatio"; overridable alerts: TargetDown, ServiceDown, InflightSaturated, LimitsSaturated',
      'catalog.yaml:35:58: error: services.shop.alerts.overrides.Unknown: no generated alert is named "Unknown"; overridable alerts: TargetDown, ServiceDown, InflightSaturated, LimitsSaturated',
    ],
  },
  {
    name: 'the alert of an entry that fails the schema: only the schema error',
    edits: [
      [[...shop, 'saturation', 'inflight', 'threshold'], 'high'],
      [[...shop, 'red', 'latencyThreshold'], -1],
      [overrides, { InflightSaturated: { for: '5m' }, HighLatency: { for: '5m' } }],
    ],
    expected: [
      'catalog.yaml:34:27: error: services.shop.red.latencyThreshold: Too small: expected number to be >0',
      'catalog.yaml:36:58: error: services.shop.saturation.inflight.threshold: expected number, got string "high"',
    ],
  },
];

describe('alerts.overrides naming no generated alert', () => {
  it.each(cases)('$name', async ({ edits, expected }) => {
    const { errors } = await generate(catalogWith(edits));
    expect(errors).toEqual(expected);
  });
});
