// SLOs written in slos/*.ts: same schema and checks as catalog entries, errors at the user's line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempProject } from '../support/project.ts';
import { shopCatalog } from './support.ts';

const builder = path.resolve(import.meta.dirname, '../../src/index.ts');

it('generates rules and tests for a builder SLO and reports a bad one at its line', async () => {
  const good = `import { defineSlos, SloBuilder } from '${builder}';
export default defineSlos('shop', [
  new SloBuilder('checkout').objective(99.5).window('28d').errors('shop_requests_total{code=~"5.."}').total('requests').groupBy('route'),
]);
`;
  const dir = await tempProject({
    'package.json': '{"type":"module"}',
    'catalog.yaml': `${shopCatalog}alertmanager: { defaultReceiver: web/chat }\n`,
    'slos/shop.ts': good,
  });
  const ok = await runCli(['gen'], dir);
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  const rules = await readFile(path.join(dir, 'generated/prometheus/rule-files/shop.rules.yaml'), 'utf8');
  expect(rules).toContain('name: obsgen-slo-shop-checkout');
  expect(rules).toContain(
    'sum by (service, route) (rate(shop_requests_total{service="shop", code=~"5.."}[5m]))',
  );
  expect(await readFile(path.join(dir, 'generated/tests/slo-shop-checkout.yaml'), 'utf8')).toContain(
    'rule_files:',
  );
  // Drawn on the service's SLO dashboard like a catalog SLO.
  const dashboard = await readFile(path.join(dir, 'generated/grafana/dashboards/shop-slo.json'), 'utf8');
  expect(dashboard).toContain('checkout: SLI vs objective');

  const bad = `import { defineSlos, SloBuilder } from '${builder}';
export default defineSlos('shop', [
  new SloBuilder('slow').objective(99).latency('latency', 0.3),
]);
`;
  const broken = await tempProject({
    'package.json': '{"type":"module"}',
    'catalog.yaml': `${shopCatalog}alertmanager: { defaultReceiver: web/chat }\n`,
    'slos/shop.ts': bad,
  });
  const failed = await runCli(['gen'], broken);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain(
    'slos/shop.ts:3:3: error: SLO "slow": latency.threshold: threshold 0.3 is not a bucket boundary',
  );
});
