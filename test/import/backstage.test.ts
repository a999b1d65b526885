// obsgen import backstage: a multi-document catalog-info.yaml to the golden fragment, valid once
// merged into a catalog that has the referenced teams, and bad input at its file:line:col.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backstage } from '../../src/import/backstage.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { renderProblem } from '../../src/problem.ts';
import { expectGolden, mergeFragment, teamsCatalog } from './support.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/backstage');

describe('Backstage Components', () => {
  it.each(['catalog-info.yaml'])(
    '%s imports to the golden fragment, which loads once merged',
    async (name) => {
      const result = backstage.run(name, await readFile(path.join(fixtures, name), 'utf8'), {});
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      await expectGolden(`backstage/${name}`, result.output ?? '');
      const catalog = mergeFragment(teamsCatalog('jane', 'shop-team'), result.output ?? '');
      expect(loadCatalogText('catalog.yaml', catalog).problems.map(renderProblem)).toEqual([]);
    },
  );

  it.each([
    {
      name: 'not a Backstage entity',
      text: 'apiVersion: v1\nkind: Service\n',
      expected: ['c.yaml:1:1: error: not a Backstage entity: expected apiVersion: backstage.io/v1alpha1'],
    },
    {
      name: 'a Component without a name',
      text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: x\n',
      expected: ['c.yaml:4:3: error: metadata.name: every Component has a name'],
    },
  ])('bad input: $name', ({ text, expected }) => {
    const result = backstage.run('c.yaml', text, {});
    expect(result.problems.filter((p) => p.severity === 'error').map(renderProblem)).toEqual(expected);
    expect(result.output).toBeNull();
  });
});
