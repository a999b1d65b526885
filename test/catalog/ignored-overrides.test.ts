// alerts.overrides fields an alert cannot honour (ServiceDown has no threshold) are errors at the
// field, naming the alert and the fields it accepts; the ones it honours stay accepted.
import { describe, expect, it } from 'vitest';
import { catalogWith, expectErrorsAtKeys, generate } from '../gen/catalog-fields.ts';

const overrides = ['services', 'shop', 'alerts', 'overrides'];
const serviceDownAccepts = 'ServiceDown accepts: disabled, for, keepFiringFor, severity, labels, runbook';

interface OverrideCase {
  readonly name: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly expected: readonly string[];
}

const cases: readonly OverrideCase[] = [
  {
    name: 'threshold on ServiceDown',
    overrides: { ServiceDown: { threshold: 0.5 } },
    expected: [
      `catalog.yaml:38:35: error: services.shop.alerts.overrides.ServiceDown.threshold: ServiceDown has no "threshold" to override; ${serviceDownAccepts}`,
    ],
  },
  {
    name: 'threshold beside honoured fields',
    overrides: { ServiceDown: { for: '5m', threshold: 1, severity: 'warning' } },
    expected: [
      `catalog.yaml:38:44: error: services.shop.alerts.overrides.ServiceDown.threshold: ServiceDown has no "threshold" to override; ${serviceDownAccepts}`,
    ],
  },
  {
    name: 'every field ServiceDown honours',
    overrides: {
      ServiceDown: {
        disabled: false,
        for: '5m',
        severity: 'warning',
        labels: { page: 'no' },
        runbook: 'https://runbooks.example/shop#down',
      },
    },
    expected: [],
  },
  {
    name: 'threshold on alerts that have one',
    overrides: {
      TargetDown: { threshold: 0.5 },
      HighErrorRatio: { threshold: 0.1 },
      HighLatency: { threshold: 2 },
      InflightSaturated: { threshold: 50 },
    },
    expected: [],
  },
];

describe('alerts.overrides fields an alert ignores', () => {
  it.each(cases)('$name', async ({ overrides: value, expected }) => {
    const catalog = catalogWith([[overrides, value]]);
    const { errors } = await generate(catalog);
    expect(errors).toEqual(expected);
    expectErrorsAtKeys(catalog, errors);
  });
});
