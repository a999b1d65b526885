// OpenSLO: import Sloth's OpenSLO example into catalog entries, export the example catalog, and
// round-trip the export back through import.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { importOpenSlo } from '../../src/artifacts/slos/openslo.ts';
import { runCli } from '../support/project.ts';
import { corpus } from '../support/tools.ts';

const root = path.resolve(import.meta.dirname, '../..');
const sloth = corpus('sloth');

describe.skipIf(!sloth.path)('openslo import', () => {
  it("turns Sloth's OpenSLO getting-started into a catalog snippet", async () => {
    const file = path.join(sloth.path ?? '', 'examples/openslo-getting-started.yml');
    const { code, stdout, stderr } = await runCli(['openslo', 'import', file], root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('# catalog entries imported from openslo-getting-started.yml');
    const snippet = parseAllDocuments(stdout)[0]?.toJS();
    expect(snippet).toEqual({
      services: {
        'my-service': {
          metrics: {
            http_request_duration_seconds_count: {
              name: 'http_request_duration_seconds_count',
              type: 'counter',
              labels: ['code'],
            },
          },
          slos: {
            'sloth-slo-my-service': {
              description: 'Common SLO based on availability for HTTP request responses.',
              objective: 99.9,
              window: '30d',
              good: 'http_request_duration_seconds_count{code!~"(5..|429)"}',
              total: 'http_request_duration_seconds_count',
            },
          },
        },
      },
    });
  });
});

it('reports what it cannot import', () => {
  const result = importOpenSlo(`apiVersion: openslo/v1
kind: SLO
metadata: { name: threshold-slo }
spec:
  service: web
  indicator: { metadata: { name: x }, spec: { thresholdMetric: { metricSource: { type: Prometheus, spec: { query: up } } } } }
  objectives: [{ target: 0.99 }]
`);
  expect(result.slos).toEqual([]);
  expect(result.problems).toEqual([
    'SLO "threshold-slo": only ratio SLIs (good/total or bad/total Prometheus queries) can be imported',
  ]);
});

describe('openslo export', () => {
  it('writes every catalog and slos/*.ts SLO as OpenSLO v1 and imports back to the same objectives and selectors', async () => {
    const { code, stdout } = await runCli(['openslo', 'export'], root);
    expect(code).toBe(0);
    const docs = parseAllDocuments(stdout).map(
      (d) => d.toJS() as { kind: string; metadata: { name: string } },
    );
    expect(docs.filter((d) => d.kind === 'Service').map((d) => d.metadata.name)).toEqual([
      'anomaly-detection',
      'cloudviz',
      'healthcare-ai',
      'platform-edu',
      'rental-ml',
    ]);
    expect(docs.filter((d) => d.kind === 'SLO')).toHaveLength(10);
    const back = importOpenSlo(stdout);
    expect(back.problems).toEqual([]);
    const cloudviz = back.slos.find((s) => s.service === 'cloudviz' && s.name === 'availability');
    expect(cloudviz?.entry).toEqual({
      objective: 99.9,
      window: '30d',
      errors: 'cloudviz_errors_total',
      total: 'cloudviz_requests_total',
      description: 'Requests answered without a server error.',
    });
  });
});
