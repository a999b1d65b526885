// A small catalog for SLO tests, and helpers to load it with edits.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Model } from '../../src/model/model.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { runPipeline } from '../../src/pipeline/run.ts';

export const shopCatalog = `teams:
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
    slos:
      availability: { objective: 99.9, errors: 'shop_requests_total{code=~"5.."}', total: requests }
      latency: { objective: 99, latency: { metric: latency, threshold: 0.25 } }
`;

/** Problems rendered as file:line:col: message, for exact comparisons. */
export function load(text: string): { model: Model | null; messages: string[] } {
  const result = loadCatalogText('catalog.yaml', text);
  return {
    model: result.model,
    messages: result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
  };
}

export function withSlos(slos: string): string {
  return shopCatalog.replace(/ {4}slos:\n[\s\S]*$/, `    slos:\n${slos}`);
}

export { gettingStartedCatalog } from './sloth-catalog.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The example catalog's generated output, written to a temp folder laid out like generated/. */
export async function generatedProject(): Promise<{ dir: string; tests: string[] }> {
  const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-slo-'));
  const tests: string[] = [];
  for (const file of result.files) {
    if (!file.path.startsWith('prometheus/rule-files/') && !file.path.startsWith('tests/')) continue;
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    if (file.path.startsWith('tests/')) tests.push(target);
  }
  return { dir, tests: tests.sort() };
}
