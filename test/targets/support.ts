// A small catalog generated under each settings.target, for the target tests.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GeneratedFile } from '../../src/artifacts/types.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import type { Problem } from '../../src/problem.ts';

/** `settings:` lines (indented two spaces) and the shop service's `ruler:` block are filled in per test. */
export function shopCatalog(settings: string, ruler = ''): string {
  return `settings:
${settings}
teams:
  web:
    receivers:
      chat: { slack: { channel: "#web", apiURL: { secret: am-slack, key: web } } }
    routing: { default: chat }
services:
  shop:
    team: web
    namespace: shop
    scrape: { port: metrics, interval: 15s, selector: { app: shop } }
    metrics:
      requests: { name: shop_requests_total, type: counter, labels: [code, route] }
      latency: { name: shop_request_duration_seconds, type: histogram, labels: [route], buckets: [0.1, 0.25, 0.5, 1, 2.5] }
    red: { requests: requests, errors: 'shop_requests_total{code=~"5.."}', latency: latency, latencyThreshold: 1 }
    slos:
      availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: requests }
      latency: { objective: 99, latency: { metric: latency, threshold: 1 } }
      fast: { objective: 95, latency: { metric: latency, threshold: 0.25 } }
${ruler}`;
}

export interface Generated {
  readonly files: ReadonlyMap<string, string>;
  readonly problems: readonly Problem[];
  readonly errors: readonly string[];
}

export async function generate(catalog: string): Promise<Generated> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-target-'));
  const file = path.join(dir, 'catalog.yaml');
  await writeFile(file, catalog);
  const result = await runPipeline(file, 'catalog.yaml');
  return {
    files: new Map(result.files.map((f: GeneratedFile) => [f.path, f.content])),
    problems: result.problems,
    errors: result.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
  };
}

export function fileOf(generated: Generated, name: string): string {
  const text = generated.files.get(name);
  if (text === undefined) throw new Error(`no ${name} among ${[...generated.files.keys()].join(', ')}`);
  return text;
}
