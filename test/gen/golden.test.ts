// The committed generated/ folder is the golden output of the example catalog: gen must reproduce
// it byte for byte. UPDATE_GOLDEN=1 rewrites it (same as `npm run gen`).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffOutput, writeOutput } from '../../src/emit/write.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { renderProblem } from '../../src/problem.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('golden output of the example catalog', () => {
  it('matches generated/ byte for byte', async () => {
    const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    expect(result.problems.map(renderProblem)).toEqual([]);
    const out = path.join(root, 'generated');
    if (process.env.UPDATE_GOLDEN === '1') await writeOutput(out, result.files);
    expect(await diffOutput(out, result.files)).toEqual([]);
  });

  it('covers every service of the catalog', async () => {
    const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    const services = ['anomaly-detection', 'cloudviz', 'healthcare-ai', 'platform-edu', 'rental-ml'];
    for (const service of services) {
      expect(result.files.map((f) => f.path)).toContain(`prometheus/rules/${service}.yaml`);
      expect(result.files.map((f) => f.path)).toContain(`prometheus/rule-files/${service}.rules.yaml`);
    }
  });
});
