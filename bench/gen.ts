// gen on synthetic catalogs: 1,000 and 5,000 services, wall time end to end (load, generate,
// validate, write), and services per second. Target: 1,000 under 3 s; 5,000 within 5.5x of that.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runPipeline } from '../src/emit/pipeline.ts';
import { writeOutput } from '../src/emit/write.ts';
import { formatYaml } from '../src/emit/yaml.ts';

const teams = ['payments', 'search', 'identity', 'platform', 'growth'];

/** A catalog of `count` services shaped like the example ones: RED metrics, a gauge, two SLOs. */
export function syntheticCatalog(count: number): string {
  const services: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(5, '0')}`;
    const prefix = `svc${i}`;
    services[name] = {
      team: teams[i % teams.length],
      namespace: name,
      scrape: { port: 'metrics', interval: '30s', selector: { app: name } },
      metrics: {
        requests: { name: `${prefix}_requests_total`, type: 'counter', labels: ['method', 'code'] },
        latency: {
          name: `${prefix}_request_duration_seconds`,
          type: 'histogram',
          labels: ['method'],
          buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5],
        },
        queue: { name: `${prefix}_queue_length`, type: 'gauge' },
      },
      red: {
        requests: 'requests',
        errors: `${prefix}_requests_total{code=~"5.."}`,
        latency: 'latency',
        latencyThreshold: 1,
      },
      saturation: { queue: { used: 'queue', threshold: 100 } },
    };
  }
  const teamEntries = Object.fromEntries(
    teams.map((team) => [
      team,
      {
        receivers: {
          chat: { slack: { channel: `#${team}`, apiURL: { secret: 'alertmanager-slack', key: team } } },
        },
        routing: { default: 'chat' },
      },
    ]),
  );
  return formatYaml({ teams: teamEntries, services });
}

async function timeGen(count: number): Promise<{ seconds: number; files: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-bench-'));
  try {
    await writeFile(path.join(dir, 'catalog.yaml'), syntheticCatalog(count));
    const started = performance.now();
    const result = await runPipeline(path.join(dir, 'catalog.yaml'), 'catalog.yaml');
    if (result.files.length === 0)
      throw new Error(`gen failed: ${result.problems[0]?.message ?? 'no files'}`);
    await writeOutput(path.join(dir, 'generated'), result.files);
    return { seconds: (performance.now() - started) / 1000, files: result.files.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string> {
  await timeGen(50); // warm up module loading and the JIT
  const small = await timeGen(1000);
  const large = await timeGen(5000);
  const rows = [small, large].map(
    (r, i) =>
      `| ${i === 0 ? '1,000' : '5,000'} | ${r.seconds.toFixed(2)} s | ${Math.round((i === 0 ? 1000 : 5000) / r.seconds)} | ${r.files} |`,
  );
  return [
    '## gen on synthetic catalogs',
    '',
    '| services | wall time | services/s | files |',
    '|---|---|---|---|',
    ...rows,
    '',
    `5,000 / 1,000 time ratio: ${(large.seconds / small.seconds).toFixed(2)}x (target <= 5.5x; 1,000 target < 3 s)`,
  ].join('\n');
}
