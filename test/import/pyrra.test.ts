// obsgen import pyrra: golden fragments of ratio, latency and bool-gauge SLOs, valid once merged
// into a catalog with their team, and bad input at its file:line:col.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyrra } from '../../src/import/pyrra.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { renderProblem } from '../../src/problem.ts';
import { expectGolden, mergeFragment, teamsCatalog } from './support.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/pyrra');

describe('Pyrra ServiceLevelObjectives', () => {
  it.each(['slos.yaml'])('%s imports to the golden fragment, which loads once merged', async (name) => {
    const result = pyrra.run(name, await readFile(path.join(fixtures, name), 'utf8'), {});
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    await expectGolden(`pyrra/${name}`, result.output ?? '');
    const loaded = loadCatalogText(
      'catalog.yaml',
      mergeFragment(teamsCatalog('unowned'), result.output ?? ''),
    );
    expect(loaded.problems.map(renderProblem)).toEqual([]);
  });
});

const slo = (spec: string) =>
  `apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata: { name: a }\nspec:\n${spec}`;

describe('bad Pyrra input: file:line:col, nothing written', () => {
  it.each([
    {
      name: 'another kind',
      text: 'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\n',
      expected: [
        'slo.yaml:1:1: error: not a Pyrra SLO: expected `apiVersion: pyrra.dev/v1alpha1` with `kind: ServiceLevelObjective`',
      ],
    },
    {
      name: 'a target that is no percentage',
      text: slo(
        '  target: "100"\n  window: 28d\n  indicator: { ratio: { errors: { metric: a_total }, total: { metric: a_total } } }\n',
      ),
      expected: [
        'slo.yaml:5:11: error: target: a percentage between 0 and 100 (exclusive) as a string, e.g. "99.5"',
      ],
    },
    {
      name: 'a bad window',
      text: slo(
        '  target: "99"\n  window: four weeks\n  indicator: { ratio: { errors: { metric: a_total }, total: { metric: a_total } } }\n',
      ),
      expected: ['slo.yaml:6:11: error: window: a duration such as 28d or 4w'],
    },
    {
      name: 'a metric that is no selector',
      text: slo(
        '  target: "99"\n  window: 28d\n  indicator: { ratio: { errors: { metric: "rate(a_total[5m])" }, total: { metric: "a_total{" } } }\n',
      ),
      expected: [
        'slo.yaml:7:43: error: metric: Pyrra reads a plain selector, e.g. http_requests_total{code=~"5.."}',
        'slo.yaml:7:83: error: metric: does not parse: unexpected end of input inside braces',
      ],
    },
  ])('$name', ({ text, expected }) => {
    const result = pyrra.run('slo.yaml', text, {});
    expect(result.problems.filter((p) => p.severity === 'error').map(renderProblem)).toEqual(expected);
    expect(result.output).toBeNull();
  });
});
