// A small catalog and an in-process gen (catalog -> SLO, rule and monitor generators) for tests of
// single catalog fields: each test edits one field and reads the generated rules or monitors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { parseAllDocuments, parseDocument, parse as parseYaml } from 'yaml';
import { monitorsGenerator } from '../../src/artifacts/monitors/index.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { generateArtifacts } from '../../src/pipeline/run.ts';
import { hasErrors, type Problem, renderProblem, sortProblems } from '../../src/problem.ts';
import { shopCatalog } from '../slos/support.ts';

const shop = ['services', 'shop'];

/** The SLO tests' shop catalog plus RED and saturation, with its availability SLO only. */
export const smallCatalog = catalogWith(
  [
    [[...shop, 'metrics', 'inflight'], { name: 'shop_inflight_requests', type: 'gauge' }],
    [[...shop, 'metrics', 'limit'], { name: 'shop_inflight_limit', type: 'gauge' }],
    [
      [...shop, 'red'],
      {
        requests: 'requests',
        errors: 'shop_requests_total{code=~"5.."}',
        latency: 'latency',
        latencyThreshold: 0.5,
      },
    ],
    [[...shop, 'saturation'], { inflight: { used: 'inflight', threshold: 100 } }],
    [[...shop, 'slos', 'latency'], undefined],
  ],
  shopCatalog,
);

export type Edits = readonly (readonly [path: readonly (string | number)[], value: unknown])[];

/** The small catalog with each path set to its value (`undefined` deletes it). */
export function catalogWith(edits: Edits, base: string = smallCatalog): string {
  const document = parseDocument(base);
  for (const [at, value] of edits) {
    if (value === undefined) document.deleteIn(at);
    else document.setIn(at, document.createNode(value, { flow: true }));
  }
  return document.toString();
}

export interface Generated {
  /** Output files by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Errors rendered as the CLI prints them (`catalog.yaml:L:C: error: ...`). */
  readonly errors: readonly string[];
}

const emptyProject = mkdtempSync(path.join(tmpdir(), 'obsgen-fields-'));

export async function generate(catalog: string): Promise<Generated> {
  const loaded = loadCatalogText('catalog.yaml', catalog);
  const problems: Problem[] = [...loaded.problems];
  const files = new Map<string, string>();
  if (loaded.model) {
    // The monitor generator, then the rules generator and the checks on its groups.
    const output = await generateArtifacts(loaded.model, { projectDir: emptyProject }, [monitorsGenerator]);
    problems.push(...output.problems);
    for (const file of output.files) files.set(file.path, file.content);
  }
  const errors = sortProblems(problems.filter((p) => p.severity === 'error')).map(renderProblem);
  return { files: hasErrors(problems) ? new Map() : files, errors };
}

export interface GeneratedRule {
  readonly group: string;
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Every rule of a service's plain rule file, with its group name. */
export function rulesOf(generated: Generated, service = 'shop'): GeneratedRule[] {
  const text = generated.files.get(`prometheus/rule-files/${service}.rules.yaml`);
  if (text === undefined) throw new Error(`no rule file for ${service}: ${generated.errors.join('\n')}`);
  const doc = parseYaml(text) as { groups: { name: string; rules: Omit<GeneratedRule, 'group'>[] }[] };
  return doc.groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, ...r })));
}

export function alertOf(generated: Generated, alert: string, service = 'shop'): GeneratedRule | undefined {
  return rulesOf(generated, service).find((r) => r.alert === alert);
}

/** The YAML documents of a generated file as plain objects. */
export function documentsOf(generated: Generated, file: string): unknown[] {
  const text = generated.files.get(file);
  if (text === undefined) throw new Error(`${file} was not generated: ${generated.errors.join('\n')}`);
  return parseAllDocuments(text).map((d) => d.toJS() as unknown);
}

/** Every `catalog.yaml:L:C: error: a.b.key: ...` points at `key:` in the catalog text. */
export function expectErrorsAtKeys(catalog: string, errors: readonly string[]): void {
  const lines = catalog.split('\n');
  for (const error of errors) {
    const [, line = '0', column = '0', at = ''] =
      /^catalog\.yaml:(\d+):(\d+): error: (\S+): /.exec(error) ?? [];
    const key = at.split('.').at(-1) ?? '';
    expect(lines[Number(line) - 1]?.slice(Number(column) - 1), error).toMatch(new RegExp(`^${key}:`));
  }
}
