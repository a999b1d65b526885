// settings.target: what each target changes in the files gen writes. The default keeps today's
// output (the golden tests hold it byte for byte); the others add a header line, match bucket
// bounds as that target stores them, and lay rules out the way their ruler loads them.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { tool } from '../support/tools.ts';
import { fileOf, type Generated, generate, shopCatalog } from './support.ts';

const promtool = tool('promtool');
const run = promisify(execFile);

interface Group {
  readonly name: string;
  readonly rules: readonly { readonly expr: string; readonly record?: string; readonly alert?: string }[];
  readonly [field: string]: unknown;
}

function groupsOf(text: string): Group[] {
  return (parseYaml(text) as { groups: Group[] }).groups;
}

/** Every bucket matcher of the SLO rules: `le="..."` or `le=~"..."` as printed. */
function leMatchers(generated: Generated): string[] {
  const text = fileOf(generated, 'prometheus/rule-files/shop.rules.yaml');
  return [...new Set(text.match(/\ble=~?"[^"]*"/g) ?? [])].sort();
}

const mimirRuler = '    ruler: { sourceTenants: [shop-us, shop-eu] }\n';

describe('bucket matchers per target', () => {
  it.each([
    ['prometheus-2', ['le="0.25"', 'le="1"']],
    ['prometheus-3', ['le="0.25"', 'le="1.0"']],
    ['mimir', ['le="0.25"', 'le=~"1|1\\\\.0"']],
    ['thanos', ['le="0.25"', 'le=~"1|1\\\\.0"']],
  ])('%s: %j', async (target, matchers) => {
    const generated = await generate(shopCatalog(`  target: ${target}\n  aggregationLabels: [cluster]`));
    expect(generated.errors).toEqual([]);
    expect(leMatchers(generated)).toEqual(matchers);
  });

  it('a threshold off the buckets names them as the target stores them', async () => {
    const catalog = shopCatalog('  target: prometheus-3').replace('threshold: 0.25', 'threshold: 0.3');
    const generated = await generate(catalog);
    expect(generated.errors.join('\n')).toContain(
      'threshold 0.3 is not a bucket boundary of shop_request_duration_seconds (buckets: 0.1, 0.25, 0.5, 1.0, 2.5); the nearest are 0.25 and 0.5',
    );
  });
});

describe('header note', () => {
  it('prometheus-2 (the default) writes no note; the others name the target in every YAML file', async () => {
    const plain = await generate(shopCatalog('  aggregationLabels: []'));
    const explicit = await generate(shopCatalog('  target: prometheus-2'));
    expect(explicit.files).toEqual(plain.files);
    for (const [name, text] of plain.files) expect(text, name).not.toContain('# target:');
    const three = await generate(shopCatalog('  target: prometheus-3'));
    const yamlFiles = [...three.files].filter(([name]) => name.endsWith('.yaml'));
    expect(yamlFiles.length).toBeGreaterThan(5);
    for (const [name, text] of yamlFiles)
      expect(text.split('\n')[1], name).toMatch(/^# target: prometheus-3 /);
    for (const [name, text] of three.files)
      if (name.endsWith('.json')) expect(text, name).not.toContain('target: prometheus-3');
  });
});

describe('mimir', () => {
  it('one namespace file per service for mimirtool, source_tenants on federated groups only', async () => {
    const federated = await generate(
      shopCatalog('  target: mimir\n  aggregationLabels: [cluster]', mimirRuler),
    );
    expect(federated.errors).toEqual([]);
    const text = fileOf(federated, 'mimir/rules/shop.yaml');
    const doc = parseYaml(text) as { namespace: string; groups: Group[] };
    expect(Object.keys(doc)).toEqual(['namespace', 'groups']);
    expect(doc.namespace).toBe('shop');
    expect(doc.groups.map((g) => g.name)).toEqual(
      groupsOf(fileOf(federated, 'prometheus/rule-files/shop.rules.yaml')).map((g) => g.name),
    );
    for (const group of doc.groups) expect(group.source_tenants, group.name).toEqual(['shop-eu', 'shop-us']);
    // Mimir labels federated series with __tenant_id__: every aggregation keeps it.
    const grouped = doc.groups.flatMap((g) =>
      g.rules.flatMap((r) => [...r.expr.matchAll(/\b(?:by|on)\s*\(([^)]*)\)/g)]),
    );
    expect(grouped.length).toBeGreaterThan(10);
    for (const clause of grouped) expect(clause[1]).toContain('__tenant_id__');

    const local = await generate(shopCatalog('  target: mimir\n  aggregationLabels: [cluster]'));
    const localDoc = parseYaml(fileOf(local, 'mimir/rules/shop.yaml')) as { groups: Group[] };
    for (const group of localDoc.groups) expect(group).not.toHaveProperty('source_tenants');
    expect(fileOf(local, 'mimir/rules/shop.yaml')).not.toContain('__tenant_id__');
  });

  it('the PrometheusRule and the plain rule file stay in Prometheus format', async () => {
    const generated = await generate(
      shopCatalog('  target: mimir\n  aggregationLabels: [cluster]', mimirRuler),
    );
    for (const name of ['prometheus/rule-files/shop.rules.yaml', 'prometheus/rules/shop.yaml'])
      expect(fileOf(generated, name), name).not.toContain('source_tenants');
    expect(generated.files.has('thanos/rules/shop.rules.yaml')).toBe(false);
  });
});

describe('thanos', () => {
  it('partial_response_strategy where configured, in the PrometheusRule and the Thanos rule file', async () => {
    const generated = await generate(
      shopCatalog(
        '  target: thanos\n  aggregationLabels: [cluster]\n  partialResponseStrategy: abort',
        '    ruler: { partialResponseStrategy: warn }\n',
      ),
    );
    expect(generated.errors).toEqual([]);
    const thanos = groupsOf(fileOf(generated, 'thanos/rules/shop.rules.yaml'));
    expect(thanos.length).toBeGreaterThan(2);
    for (const group of thanos) expect(group.partial_response_strategy, group.name).toBe('warn');
    const crd = parseYaml(fileOf(generated, 'prometheus/rules/shop.yaml')) as { spec: { groups: Group[] } };
    for (const group of crd.spec.groups) expect(group.partial_response_strategy, group.name).toBe('warn');
    expect(fileOf(generated, 'prometheus/rule-files/shop.rules.yaml')).not.toContain(
      'partial_response_strategy',
    );

    const unset = await generate(shopCatalog('  target: thanos\n  aggregationLabels: [cluster]'));
    expect(fileOf(unset, 'thanos/rules/shop.rules.yaml')).not.toContain('partial_response_strategy');
  });
});

describe('ruler fields under the wrong target', () => {
  it.each([
    [
      '  target: prometheus-3',
      mimirRuler,
      'services.shop.ruler.sourceTenants: source_tenants is read only by the mimir ruler, and settings.target is prometheus-3: set settings.target: mimir, or remove it',
    ],
    [
      '  target: mimir\n  partialResponseStrategy: warn',
      '',
      'settings.partialResponseStrategy: partial_response_strategy is read only by the thanos ruler, and settings.target is mimir: set settings.target: thanos, or remove it',
    ],
    [
      '  target: thanos',
      '    ruler: { sourceTenants: [a] }\n',
      'services.shop.ruler.sourceTenants: source_tenants is read only by the mimir ruler',
    ],
  ])('%s', async (settings, ruler, message) => {
    const generated = await generate(shopCatalog(settings, ruler));
    expect(generated.errors.join('\n')).toContain(message);
  });

  it('a distributed ruler without aggregationLabels gets a warning naming the fix', async () => {
    const generated = await generate(shopCatalog('  target: thanos'));
    expect(generated.errors).toEqual([]);
    expect(generated.problems.map((p) => p.message).join('\n')).toContain(
      'e.g. aggregationLabels: [cluster]',
    );
  });
});

/** What promtool 2.42 can check: the ruler's own fields stripped (its rule format rejects unknown keys). */
function stripRulerFields(text: string): string {
  const doc = parseYaml(text) as { namespace?: string; groups: Group[] };
  const groups = doc.groups.map(({ source_tenants: _s, partial_response_strategy: _p, ...group }) => group);
  return stringify({ groups }, { lineWidth: 0 });
}

describe.skipIf(!promtool.path)('promtool check rules on the ruler files', () => {
  it('accepts the mimir and thanos files once their own fields are stripped, and they equal the plain file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-ruler-'));
    const mimir = await generate(shopCatalog('  target: mimir\n  aggregationLabels: [cluster]', mimirRuler));
    const thanos = await generate(
      shopCatalog('  target: thanos\n  aggregationLabels: [cluster]\n  partialResponseStrategy: warn'),
    );
    const cases = [
      [mimir, 'mimir/rules/shop.yaml'],
      [thanos, 'thanos/rules/shop.rules.yaml'],
    ] as const;
    const files: string[] = [];
    for (const [index, [generated, name]] of cases.entries()) {
      const stripped = stripRulerFields(fileOf(generated, name));
      expect(parseYaml(stripped)).toEqual(
        parseYaml(fileOf(generated, 'prometheus/rule-files/shop.rules.yaml')),
      );
      const file = path.join(dir, `ruler-${index}.yaml`);
      await writeFile(file, stripped);
      files.push(file);
    }
    const { stdout } = await run(promtool.path ?? 'promtool', ['check', 'rules', ...files]);
    expect(stdout.match(/SUCCESS/g)?.length, stdout).toBe(files.length);
  });
});
