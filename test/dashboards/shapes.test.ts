// Dashboards rendered once per shape: the texts from a shape's template are byte for byte the texts
// rendering each spec gives, over the example catalog's dashboards and over arbitrary specs whose
// strings vary (equal or not, escaped in JSON or not, looking like the markers or the obsgen tag).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogDashboards } from '../../src/artifacts/dashboards/index.ts';
import {
  dashboardTexts,
  renderedTexts,
  type ShapeCache,
  shapeCache,
} from '../../src/artifacts/dashboards/shapes.ts';
import type { DashboardSpec, PanelKind, PanelSpec, Threshold } from '../../src/artifacts/dashboards/spec.ts';
import { fixtureModel } from './helpers.ts';

const word = fc.oneof(
  fc.constantFrom(
    'obsgen',
    '',
    'a',
    'payments',
    'say "hi"',
    'back\\slash',
    'two\nlines',
    '\u0007',
    '\ud800',
    '\u2028',
    'é',
    '😀',
    '@obsgen-slot-0@',
    'green',
    'table',
    'timeseries',
  ),
  fc.string({ maxLength: 4, unit: 'binary' }),
);
const color = fc.constantFrom<Threshold['color']>('green', 'yellow', 'orange', 'red');
const link = fc.record({ title: word, url: word });
const query = fc.record(
  {
    expr: word,
    legend: word,
    instant: fc.boolean(),
    format: fc.constantFrom<'time_series' | 'table'>('time_series', 'table'),
  },
  { requiredKeys: ['expr', 'legend'] },
);
const panel: fc.Arbitrary<PanelSpec> = fc.record(
  {
    kind: fc.constantFrom<PanelKind>('timeseries', 'stat', 'table'),
    title: word,
    description: word,
    unit: word,
    queries: fc.array(query, { maxLength: 3 }),
    width: fc.constantFrom(6, 8, 12, 24, 30),
    height: fc.constantFrom(4, 8),
    thresholds: fc.array(fc.record({ value: fc.constantFrom(0, 0.5, 99.9), color }), { maxLength: 2 }),
    baseColor: color,
    min: fc.constantFrom(0, 1),
    max: fc.constantFrom(1, 100),
    links: fc.array(link, { maxLength: 2 }),
    columnLinks: fc.array(fc.record({ field: word, link }), { maxLength: 2 }),
  },
  { requiredKeys: ['kind', 'title', 'description', 'unit', 'queries', 'width', 'height'] },
);
const spec: fc.Arbitrary<DashboardSpec> = fc.record({
  uid: word,
  title: word,
  description: word,
  team: word,
  services: fc.array(word, { maxLength: 3 }),
  rows: fc.array(fc.record({ title: word, panels: fc.array(panel, { maxLength: 3 }) }), { maxLength: 3 }),
  links: fc.array(link, { maxLength: 2 }),
});

/** The spec with each string but the panel kinds and query formats put through `rename`. */
function renamed(value: DashboardSpec, rename: (s: string) => string): DashboardSpec {
  const visit = (v: unknown, field: string): unknown => {
    if (typeof v === 'string') return field === 'kind' || field === 'format' ? v : rename(v);
    if (Array.isArray(v)) return v.map((item) => visit(item, field));
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([name, child]) => [name, visit(child, name)]));
  };
  return visit(value, '') as DashboardSpec;
}

function usedTemplates(cache: ShapeCache): number {
  return [...cache.values()].flat().filter((shape) => shape.state.kind === 'template').length;
}

describe('dashboards rendered once per shape', () => {
  it('gives every catalog dashboard the texts rendering it gives', async () => {
    const specs = catalogDashboards(await fixtureModel());
    const cache = shapeCache();
    for (const each of [...specs, ...specs]) expect(dashboardTexts(each, cache)).toEqual(renderedTexts(each));
    expect(usedTemplates(cache)).toBeGreaterThan(0);
  });

  it('gives arbitrary specs of one shape, strings renamed, the texts rendering them gives', () => {
    fc.assert(
      fc.property(spec, fc.array(fc.func(word), { minLength: 1, maxLength: 3 }), (base, renames) => {
        const cache = shapeCache();
        for (const each of [base, ...renames.map((rename) => renamed(base, rename)), base])
          expect(dashboardTexts(each, cache)).toEqual(renderedTexts(each));
      }),
      { numRuns: 600 },
    );
  });

  it('uses a template once a shape comes back', () => {
    fc.assert(
      fc.property(spec, (base) => {
        const cache = shapeCache();
        const other = renamed(base, (s) => `${s}!`);
        for (const each of [base, other, other]) dashboardTexts(each, cache);
        expect(usedTemplates(cache)).toBe(1);
      }),
      { numRuns: 100 },
    );
  });
});
