// dashboards/*.ts modules: their dashboards are generated like the catalog's; a module that throws,
// or a call naming a service, metric, label, team or variable the catalog lacks, fails gen at that
// call's file and line, and nothing is written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGenFailure, runCli, tempProject } from '../support/project.ts';
import { fixtureCatalogText } from './helpers.ts';

const api = path.resolve(import.meta.dirname, '../../src/model/dashboard-authoring.ts');
const catalog = fixtureCatalogText;

function module(body: string): string {
  return `import { defineDashboard } from '${api}';
export default defineDashboard({ uid: 'team-view', title: 'Team view', description: 'Test.', team: 'platform' }, (d) => [
${body}
]);
`;
}

describe('dashboards/*.ts modules', () => {
  it('are generated, delivered and linted like the catalog dashboards', async () => {
    const dir = await tempProject({
      'catalog.yaml': catalog,
      'dashboards/team.ts': module(
        `  d.redRow('cloudviz'),\n  d.row('pool', [d.metric('cloudviz', 'db_connections_active')]),`,
      ),
    });
    const result = await runCli(['gen'], dir);
    expect(result.code, result.stderr).toBe(0);
    // Other generators may warn; nothing about dashboards may appear.
    expect(result.stderr.split('\n').filter((line) => /grafana|dashboard/.test(line))).toEqual([]);
    const json = JSON.parse(
      await readFile(path.join(dir, 'generated/grafana/dashboards/team-view.json'), 'utf8'),
    ) as {
      tags: string[];
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    expect(json.tags).toEqual(['obsgen', 'platform', 'cloudviz']);
    expect(json.panels.map((p) => p.title)).toEqual([
      'cloudviz requests (RED)',
      'Traffic',
      'Error ratio',
      'Latency',
      'pool',
      'Open database connections',
    ]);
    expect(json.panels.at(-1)?.targets?.[0]?.expr).toBe(
      'sum(cloudviz_database_connections_active{service="cloudviz"})',
    );
    expect(await readFile(path.join(dir, 'generated/kustomization.yaml'), 'utf8')).toContain(
      'grafana/configmaps/team-view.yaml',
    );
  });

  it.each([
    {
      name: 'a module that throws',
      text: `import { defineDashboard } from '${api}';\nconst panels: string[] = [];\nthrow new Error('no panels: ' + panels.length);\nexport default defineDashboard({ uid: 'x', title: 'x', description: 'x', team: 'platform' }, () => []);\n`,
      expected: 'dashboards/bad.ts:3:7: error: cannot load: no panels: 0',
    },
    {
      name: 'a callback that throws',
      text: module(`  (() => { throw new Error('boom'); })(),`),
      expected: 'dashboards/bad.ts:3:',
    },
    {
      name: 'an unknown service',
      text: module(`  d.redRow('cloudvix'),`),
      expected: 'dashboards/bad.ts:3:5: error: unknown service "cloudvix"',
    },
    {
      name: 'an unknown metric',
      text: module(`  d.row('r', [\n    d.metric('cloudviz', 'cloudviz_request_total'),\n  ]),`),
      expected:
        'dashboards/bad.ts:4:7: error: service "cloudviz" declares no metric "cloudviz_request_total"',
    },
    {
      name: 'an undeclared label',
      text: module(`  d.row('r', [d.metric('cloudviz', 'requests', { by: ['pod'] })]),`),
      expected: 'dashboards/bad.ts:3:17: error: cloudviz_requests_total has no label pod',
    },
    {
      name: 'a query on an undeclared metric',
      text: module(
        `  d.row('r', [d.query({ title: 't', description: 'd', unit: 's', expr: 'sum(rate(nginx_requests_total[$__rate_interval]))' })]),`,
      ),
      expected:
        'dashboards/bad.ts:3:17: error: team-view: panel "t": metric nginx_requests_total is not declared in the catalog',
    },
    {
      name: 'a query with an unknown variable',
      text: module(
        `  d.row('r', [d.query({ title: 't', description: 'd', unit: 's', expr: 'sum(up{instance="$instance"})' })]),`,
      ),
      expected: 'dashboards/bad.ts:3:17: error: team-view: panel "t": unknown variable $instance',
    },
    {
      name: 'an unknown team',
      text: `import { defineDashboard } from '${api}';\nexport default defineDashboard({ uid: 'x', title: 'x', description: 'x', team: 'platfrom' }, () => []);\n`,
      expected: 'dashboards/bad.ts:2:16: error: unknown team "platfrom"',
    },
    {
      name: 'a uid that a generated dashboard already has',
      text: `import { defineDashboard } from '${api}';\nexport default defineDashboard({ uid: 'cloudviz-svc', title: 'x', description: 'x', team: 'platform' }, () => []);\n`,
      expected: 'dashboards/bad.ts:2:16: error: dashboard uid "cloudviz-svc" is used twice',
    },
    {
      name: 'a query that does not parse',
      text: module(`  d.row('r', [d.query({ title: 't', description: 'd', unit: 's', expr: 'sum(up' })]),`),
      expected: 'dashboards/bad.ts:3:17: error: team-view: panel "t": invalid PromQL',
    },
  ])('fail gen at the line of $name, writing nothing', async ({ text, expected }) => {
    await expectGenFailure(catalog, 'dashboards/bad.ts', text, expected);
  });
});
