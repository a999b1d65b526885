// Every generated PrometheusRule validates against the prometheus-operator CRD schema.
import path from 'node:path';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runPipeline } from '../../src/pipeline/run.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('PrometheusRule objects', () => {
  it('validate against the operator schema', async () => {
    const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    const files = result.files.filter((f) => f.path.startsWith('prometheus/rules/'));
    expect(files.length).toBe(6); // five services and the Watchdog
    for (const file of files) {
      for (const doc of parseAllDocuments(file.content)) {
        const object = new PrometheusRule(doc.toJS() as ConstructorParameters<typeof PrometheusRule>[0]);
        expect(() => object.validate(), file.path).not.toThrow();
      }
    }
  });

  it('rejects what the schema forbids (the check can fail)', () => {
    const broken = new PrometheusRule({
      metadata: { name: 'x' },
      spec: { groups: [{ name: 'g', rules: [{ alert: 'A' } as never] }] },
    });
    expect(() => broken.validate()).toThrow();
  });
});
