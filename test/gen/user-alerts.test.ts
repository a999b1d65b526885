// alerts/*.ts modules: their groups land in the service's rule files; a module that throws or names
// an unknown service fails gen at its own file and line, and nothing is written.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGenFailure, runCli, tempProject } from '../support/project.ts';

const api = path.resolve(import.meta.dirname, '../../src/index.ts');
const catalog = await readFile(path.join(import.meta.dirname, '../catalog/fixtures/base.yaml'), 'utf8');

const goodModule = `import { AlertRuleBuilder, RuleGroupBuilder, defineAlerts } from '${api}';
export default defineAlerts('shop', ({ service }) => [
  new RuleGroupBuilder('shop-custom').rule(
    new AlertRuleBuilder('ShopNoOrders', 'sum by (service) (rate(shop_requests_total{service="shop"}[10m])) == 0')
      .for('15m').severity('warning').label('team', service.team).label('service', service.name)
      .summary('No orders.').description('No request for 15 minutes.').runbook('https://runbooks.example.com/shop#noorders'),
  ),
]);
`;

describe('alerts/*.ts modules', () => {
  it('adds their groups to the service rule file', async () => {
    const dir = await tempProject({ 'catalog.yaml': catalog, 'alerts/shop.ts': goodModule });
    const result = await runCli(['gen'], dir);
    expect(result.stderr).toBe('');
    const rules = await readFile(path.join(dir, 'generated/prometheus/rule-files/shop.rules.yaml'), 'utf8');
    expect(rules).toContain('- name: shop-custom');
    expect(rules).toContain('alert: ShopNoOrders');
  });

  it.each([
    {
      name: 'a module that throws',
      module: `import { defineAlerts } from '${api}';\nconst broken: string[] = [];\nthrow new Error('catalog lookup failed: ' + broken.length);\nexport default defineAlerts('shop', () => []);\n`,
      expected: 'alerts/bad.ts:3:7: error: cannot load: catalog lookup failed: 0',
    },
    {
      name: 'an unknown service',
      module: `import { defineAlerts } from '${api}';\n\nexport default defineAlerts('shoop', () => []);\n`,
      expected: 'alerts/bad.ts:3:16: error: unknown service "shoop"; catalog services: shop',
    },
    {
      name: 'an invalid duration',
      module: `import { AlertRuleBuilder, RuleGroupBuilder, defineAlerts } from '${api}';\nexport default defineAlerts('shop', () => [\n  new RuleGroupBuilder('g').rule(new AlertRuleBuilder('A', 'vector(1)').for('5 minutes')),\n]);\n`,
      expected: 'alerts/bad.ts:3:',
    },
    {
      name: 'an expression that does not parse',
      module: `import { AlertRuleBuilder, RuleGroupBuilder, defineAlerts } from '${api}';\nexport default defineAlerts('shop', () => [\n  new RuleGroupBuilder('g').rule(new AlertRuleBuilder('A', 'sum(rate(x[5m])')),\n]);\n`,
      expected: 'alerts/bad.ts:2:16: error: g: A:',
    },
  ])('fails gen at the line of $name, writing nothing', async ({ module, expected }) => {
    await expectGenFailure(catalog, 'alerts/bad.ts', module, expected);
  });
});
