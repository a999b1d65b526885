// A PrometheusRule stays under the Kubernetes object size cap: past it, groups move to `-2`, `-3`...
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxPrometheusRuleBytes } from '../../src/emit/rules.ts';
import { runCli, tempProject } from '../support/project.ts';

const api = path.resolve(import.meta.dirname, '../../src/index.ts');
const catalog = await readFile(path.join(import.meta.dirname, '../catalog/fixtures/base.yaml'), 'utf8');

// 40 groups of 100 alerts with long descriptions: about 3 MiB of rules.
const bigModule = `import { AlertRuleBuilder, RuleGroupBuilder, defineAlerts } from '${api}';
export default defineAlerts('shop', ({ service }) =>
  Array.from({ length: 40 }, (_, g) =>
    new RuleGroupBuilder('shop-bulk-' + g).rule(
      ...Array.from({ length: 100 }, (_, i) =>
        new AlertRuleBuilder('ShopBulk' + g + 'x' + i, 'sum by (service) (rate(shop_requests_total{service="shop"}[5m])) > ' + i)
          .for('5m').severity('info').label('team', service.team).label('service', service.name)
          .summary('Bulk alert ' + i).description('x'.repeat(500)).runbook('https://runbooks.example.com/shop#bulk'),
      ),
    ),
  ),
);
`;

describe('PrometheusRule size cap', () => {
  it('splits a service over the cap into numbered objects, each under it', async () => {
    const dir = await tempProject({ 'catalog.yaml': catalog, 'alerts/bulk.ts': bigModule });
    const result = await runCli(['gen'], dir);
    expect(result.code, result.stderr).toBe(0);
    const files = (await readdir(path.join(dir, 'generated/prometheus/rules'))).sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files).toContain('shop.yaml');
    expect(files).toContain('shop-2.yaml');
    const kustomization = await readFile(path.join(dir, 'generated/kustomization.yaml'), 'utf8');
    for (const file of files) {
      const text = await readFile(path.join(dir, 'generated/prometheus/rules', file), 'utf8');
      expect(text.length).toBeLessThanOrEqual(maxPrometheusRuleBytes);
      expect(kustomization).toContain(`prometheus/rules/${file}`);
    }
    const second = await readFile(path.join(dir, 'generated/prometheus/rules/shop-2.yaml'), 'utf8');
    expect(second).toContain('name: obsgen-shop-2');
  });
});
