// Every catalog example in the README generates as written, so README and behaviour cannot drift.
//
// Which blocks, and how fragments are completed (the one rule a reader must know):
// - a ```yaml block with a top-level `services:` is a whole catalog;
// - a ```yaml block of other top-level catalog keys (`settings:`, `teams:`, `alertmanager:`) is merged,
//   key by key, into the README's first whole catalog, as a reader adds it to theirs;
// - a ```yaml block that starts with an indented `slos:` is a service's SLOs: it goes into `sloHost`
//   below, a service declaring the metrics those examples name;
// - a ```ts block calling defineCatalog( is a catalog.ts; one calling defineAlerts( is an alerts/*.ts
//   beside the first whole catalog. Both import 'obsgen' as a user does and run through bin/obsgen.js.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli, tempProject } from '../support/project.ts';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

interface Block {
  readonly lang: string;
  readonly text: string;
  /** 1-based line of the opening fence, to name the example. */
  readonly line: number;
}

function codeBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] ?? '',
    text: m[2] ?? '',
    line: markdown.slice(0, m.index).split('\n').length,
  }));
}

const catalogKeys = new Set(['settings', 'teams', 'services', 'alertmanager']);
type Catalog = Record<string, Record<string, unknown>>;

const blocks = codeBlocks(readme);
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml');
const isCatalog = (b: Block): boolean => /^services:/m.test(b.text);
const firstCatalog = yamlBlocks.find(isCatalog);

/** The service the README's SLO examples are written against. */
const sloHost = `alertmanager: { defaultReceiver: shop/pager }
teams:
  shop:
    receivers:
      pager: { pagerduty: { routingKey: { secret: am-pagerduty, key: shop } } }
services:
  shop:
    team: shop
    namespace: shop
    scrape: { port: metrics, selector: { app: shop } }
    metrics:
      requests: { name: http_requests_total, type: counter, labels: [status, route] }
      ok: { name: requests_ok_total, type: counter, labels: [route] }
      latency: { name: http_request_duration_seconds, type: histogram, buckets: [0.1, 0.25, 0.5, 1] }
`;

function merged(base: string, fragment: string): string {
  const catalog = parse(base) as Catalog;
  for (const [key, value] of Object.entries(parse(fragment) as Catalog)) {
    catalog[key] = { ...(catalog[key] ?? {}), ...value };
  }
  return stringify(catalog);
}

function completed(block: Block): string {
  if (/^ +slos:/.test(block.text)) {
    const host = parse(sloHost) as { services: { shop: Record<string, unknown> } };
    const slos = parse(block.text.replace(/^ {4}/gm, '')) as { slos: unknown };
    host.services.shop.slos = slos.slos;
    return stringify(host);
  }
  if (isCatalog(block)) return block.text;
  const keys = Object.keys(parse(block.text) as Catalog);
  if (!firstCatalog || !keys.every((k) => catalogKeys.has(k)))
    throw new Error(`README line ${block.line}: not a catalog example`);
  return merged(firstCatalog.text, block.text);
}

/** YAML blocks that are catalogs or catalog fragments (other YAML, e.g. rule files, is not). */
const catalogExamples = yamlBlocks.filter((b) => {
  if (/^ +slos:/.test(b.text)) return true;
  const value = parse(b.text) as unknown;
  return typeof value === 'object' && value !== null && Object.keys(value).every((k) => catalogKeys.has(k));
});

/** A project where `import ... from 'obsgen'` reaches this checkout's sources, as the package's would. */
async function projectWithPackage(files: Record<string, string>): Promise<string> {
  return tempProject({
    ...files,
    'node_modules/obsgen/package.json': JSON.stringify({
      name: 'obsgen',
      type: 'module',
      exports: { '.': './index.ts' },
    }),
    'node_modules/obsgen/index.ts': `export * from ${JSON.stringify(path.join(root, 'src/index.ts'))};\n`,
  });
}

function obsgen(args: readonly string[], cwd: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/obsgen.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('README catalog examples', () => {
  it('has the examples this test knows how to run', () => {
    expect(firstCatalog).toBeDefined();
    expect(catalogExamples.length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((b) => b.lang === 'ts' && /defineCatalog\(/.test(b.text)).length).toBe(1);
  });

  it.each(catalogExamples.map((b) => [b.line, b] as const))(
    'the YAML example at README line %i generates',
    async (_, block) => {
      const dir = await tempProject({ 'catalog.yaml': completed(block) });
      const { code, stderr } = await runCli(['gen'], dir);
      expect(stderr).toBe('');
      expect(code).toBe(0);
    },
  );

  const tsCatalogs = blocks.filter((b) => b.lang === 'ts' && /defineCatalog\(/.test(b.text));
  it.each(tsCatalogs.map((b) => [b.line, b] as const))(
    'the catalog.ts example at README line %i generates',
    async (_, block) => {
      const dir = await projectWithPackage({ 'catalog.ts': block.text });
      const { status, stderr } = obsgen(['gen', '--catalog', 'catalog.ts'], dir);
      expect(stderr).toBe('');
      expect(status).toBe(0);
    },
  );

  const tsAlerts = blocks.filter((b) => b.lang === 'ts' && /defineAlerts\(/.test(b.text));
  it.each(tsAlerts.map((b) => [b.line, b] as const))(
    'the alerts/*.ts example at README line %i generates',
    async (_, block) => {
      const dir = await projectWithPackage({
        'catalog.yaml': firstCatalog?.text ?? '',
        'alerts/example.ts': block.text,
      });
      const { status, stderr } = obsgen(['gen'], dir);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const rules = readFileSync(
        path.join(dir, 'generated/prometheus/rule-files/cloudviz.rules.yaml'),
        'utf8',
      );
      for (const [, alert] of block.text.matchAll(/AlertRuleBuilder\('(\w+)'/g))
        expect(rules).toContain(`alert: ${alert}`);
    },
  );
});
