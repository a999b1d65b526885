// settings.aggregationLabels (e.g. [cluster] for Thanos or Mimir rulers): every service-level
// recording is named for the labels it keeps, every aggregation and match keeps them, and the rules
// still pass promtool (one promtool run over every row).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tool } from '../support/tools.ts';
import { catalogWith, generate, rulesOf } from './catalog-fields.ts';

const promtool = tool('promtool');
const run = promisify(execFile);

interface AggregationCase {
  readonly labels: readonly string[];
  /** Prefix of every RED/saturation recording name (`level` in conventions). */
  readonly level: string;
}

const cases: readonly AggregationCase[] = [
  { labels: [], level: 'service' },
  { labels: ['cluster'], level: 'cluster_service' },
  { labels: ['tenant', 'cluster'], level: 'cluster_tenant_service' },
];

async function rulesFor(labels: readonly string[]) {
  const generated = await generate(catalogWith([[['settings', 'aggregationLabels'], labels]]));
  expect(generated.errors).toEqual([]);
  return { generated, rules: rulesOf(generated) };
}

/** The label lists of every `by (...)` and `on(...)` clause of an expression. */
function groupingClauses(expr: string): string[][] {
  return [...expr.matchAll(/\b(?:by|on)\s*\(([^)]*)\)/g)].map((m) =>
    (m[1] ?? '').split(',').map((label) => label.trim()),
  );
}

describe('settings.aggregationLabels', () => {
  it.each(cases)(
    '$labels: recordings named $level:..., every by/on clause keeps them',
    async ({ labels, level }) => {
      const { rules } = await rulesFor(labels);
      const own = rules.filter((r) => r.group === 'obsgen-shop-recording');
      expect(own.length).toBeGreaterThanOrEqual(7);
      for (const rule of own) expect(rule.record).toMatch(new RegExp(`^${level}(_le)?:`));
      const clauses = rules.flatMap((r) => groupingClauses(r.expr).map((clause) => ({ rule: r, clause })));
      expect(clauses.length).toBeGreaterThan(10);
      for (const { rule, clause } of clauses)
        expect(clause, `${rule.record ?? rule.alert}: ${rule.expr}`).toEqual(
          expect.arrayContaining([...labels, 'service']),
        );
    },
  );

  it.skipIf(!promtool.path)('every row passes promtool check rules', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-aggregation-'));
    try {
      const files: string[] = [];
      for (const [index, { labels }] of cases.entries()) {
        const { generated } = await rulesFor(labels);
        const file = path.join(dir, `row-${index}.rules.yaml`);
        await writeFile(file, generated.files.get('prometheus/rule-files/shop.rules.yaml') ?? '');
        files.push(file);
      }
      const { stdout } = await run(promtool.path ?? 'promtool', ['check', 'rules', ...files]);
      expect(stdout.match(/SUCCESS/g)?.length, stdout).toBe(cases.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
