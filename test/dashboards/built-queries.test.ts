// A catalog dashboard's queries are built as trees and printed: the checks read the trees, with the
// same findings as a parse of the printed text gives, and parse only what is known as text alone.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogDashboards } from '../../src/artifacts/dashboards/index.ts';
import { builtQuery, builtTree } from '../../src/artifacts/dashboards/queries.ts';
import type { DashboardSpec, QuerySpec } from '../../src/artifacts/dashboards/spec.ts';
import { dashboardValidation } from '../../src/artifacts/dashboards/validate.ts';
import type { Model } from '../../src/model/model.ts';
import * as q from '../../src/promql/construct.ts';
import * as promql from '../../src/promql/index.ts';
import { fixtureModel } from './helpers.ts';

vi.mock('../../src/promql/index.ts', async (original) => {
  const actual = await original<typeof import('../../src/promql/index.ts')>();
  return { ...actual, parse: vi.fn(actual.parse) };
});

const at = () => ({ file: 'catalog.yaml', line: 1, column: 1 });

/** The spec with every query a copy: the same text, no tree. */
function asText(spec: DashboardSpec): DashboardSpec {
  return {
    ...spec,
    rows: spec.rows.map((row) => ({
      ...row,
      panels: row.panels.map((panel) => ({
        ...panel,
        queries: panel.queries.map((query) => ({ ...query })),
      })),
    })),
  };
}

function panelWith(query: QuerySpec): DashboardSpec {
  const panel = {
    kind: 'timeseries',
    title: 'Panel',
    description: '',
    unit: 'short',
    width: 24,
    height: 8,
  } as const;
  return {
    uid: 'built',
    title: 'Built',
    description: '',
    team: 'platform',
    services: [],
    links: [],
    rows: [{ title: 'Row', panels: [{ ...panel, queries: [query] }] }],
  };
}

describe('built queries', () => {
  let model: Model;
  let specs: DashboardSpec[];
  beforeAll(async () => {
    model = await fixtureModel();
    specs = catalogDashboards(model);
  });

  it('keep the tree they were printed from; a copy is known by its text alone', () => {
    const tree = q.aggregate('sum', q.selector('up'));
    const query = builtQuery(tree, { legend: 'up' });
    expect(query).toEqual({ expr: 'sum(up)', legend: 'up' });
    expect(builtTree(query)).toBe(tree);
    expect(builtTree({ ...query })).toBeUndefined();
    expect(Object.isFrozen(query)).toBe(true);
  });

  it('are checked without a parse', () => {
    const queries = specs.flatMap((spec) => spec.rows.flatMap((row) => row.panels.flatMap((p) => p.queries)));
    expect(queries.length).toBeGreaterThan(10);
    expect(queries.every((query) => builtTree(query) !== undefined)).toBe(true);
    vi.mocked(promql.parse).mockClear();
    expect(dashboardValidation(specs, model, at).problems).toEqual([]);
    expect(promql.parse).not.toHaveBeenCalled();
  });

  it('give what a parse of their text gives: problems and the series each dashboard selects', () => {
    const fromTrees = dashboardValidation(specs, model, at);
    const texts = specs.map(asText);
    const fromTexts = dashboardValidation(texts, model, at);
    expect(fromTrees.problems).toEqual(fromTexts.problems);
    specs.forEach((spec, i) => {
      expect([...(fromTrees.selected.get(spec) ?? [])]).toEqual([
        ...(fromTexts.selected.get(texts[i] as DashboardSpec) ?? []),
      ]);
    });
  });

  it.each([
    ['an undeclared metric', q.aggregate('sum', q.selector('nowhere_total'))],
    ['a range function of an instant vector', q.call('rate', [q.selector('up')])],
  ])('report %s as its text would', (_, tree) => {
    const built = panelWith(builtQuery(tree, { legend: 'x' }));
    const text = panelWith({ expr: promql.printExpr(tree), legend: 'x' });
    const problems = dashboardValidation([built], model, at).problems;
    expect(problems.length).toBe(1);
    expect(problems).toEqual(dashboardValidation([text], model, at).problems);
  });
});
