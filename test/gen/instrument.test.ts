// The contract closes: metrics a service exposes through prom-client (created from the catalog) are
// exactly the series the generated rules select.
import path from 'node:path';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { registerServiceMetrics } from '../../src/instrument/index.ts';
import { loadCatalog } from '../../src/model/resolve.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import type { Expr } from '../../src/promql/ast.ts';
import { parse } from '../../src/promql/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

function selectedNames(expr: Expr, into: Set<string>): Set<string> {
  switch (expr.type) {
    case 'VectorSelector':
      into.add(expr.name);
      break;
    case 'MatrixSelector':
      into.add(expr.vectorSelector.name);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      selectedNames(expr.expr, into);
      break;
    case 'AggregateExpr':
      selectedNames(expr.expr, into);
      break;
    case 'Call':
      for (const arg of expr.args) selectedNames(arg, into);
      break;
    case 'BinaryExpr':
      selectedNames(expr.lhs, into);
      selectedNames(expr.rhs, into);
      break;
    default:
      break;
  }
  return into;
}

describe('prom-client exposition matches the rules', () => {
  it('every raw metric a generated rule selects is exposed by the service', async () => {
    const { model } = await loadCatalog(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    if (!model) throw new Error('example catalog does not load');
    const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    const recorded = new Set<string>();
    for (const service of model.services) {
      const registry = new Registry();
      const metrics = registerServiceMetrics(service, registry);
      for (const metric of metrics.values()) {
        if (metric instanceof Counter) metric.inc(metric === metrics.get('requests') ? 1 : 0);
        if (metric instanceof Histogram) metric.observe(0.1);
      }
      const exposed = new Set(
        (await registry.getMetricsAsJSON()).flatMap((m) =>
          String(m.type) === 'histogram'
            ? [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`]
            : [m.name],
        ),
      );
      const file = result.files.find((f) => f.path === `prometheus/rule-files/${service.name}.rules.yaml`);
      // Extra hand-written alerts may read infrastructure metrics (cAdvisor, kube-state-metrics);
      // everything obsgen derives from the contract must read the contract.
      const groups = (
        parseYaml(file?.content ?? '') as {
          groups: { name: string; rules: { expr: string; record?: string }[] }[];
        }
      ).groups.filter((g) => !g.name.endsWith('-extra'));
      for (const rule of groups.flatMap((g) => g.rules)) if (rule.record) recorded.add(rule.record);
      for (const rule of groups.flatMap((g) => g.rules)) {
        const parsed = parse(rule.expr);
        if (!parsed.ok) throw new Error(`${rule.expr}: ${parsed.errors[0]?.message}`);
        for (const name of selectedNames(parsed.expr, new Set())) {
          if (name === 'up' || name.includes(':') || recorded.has(name)) continue;
          expect(exposed, `${service.name}: ${rule.expr}`).toContain(name);
        }
      }
    }
  });
});
