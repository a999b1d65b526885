// Catalog overrides change the generated tests together with the rules: a threshold moves the
// counts the tests feed, `for` the minutes they check, severity and extra labels the labels they
// expect, and a disabled alert has no tests. Each variant passes `obsgen test` (and promtool).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testsGenerator } from '../../src/artifacts/tests/index.ts';
import { emitDocuments } from '../../src/emit/documents.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { runTestFiles } from '../../src/unittest/runner.ts';
import { catalogWith, type Edits, generate } from '../gen/catalog-fields.ts';
import { tool } from '../support/tools.ts';

const promtool = tool('promtool');
const run = promisify(execFile);
const overrides = ['services', 'shop', 'alerts', 'overrides'];

interface AlertTest {
  readonly alertname: string;
  readonly eval_time: string;
  readonly exp_alerts: readonly { exp_labels: Record<string, string> }[];
}
interface TestGroup {
  readonly name: string;
  readonly alert_rule_test?: readonly AlertTest[];
}

/** The variant's generated rule files and service test file, on disk like generated/. */
async function variant(edits: Edits): Promise<{ file: string; groups: TestGroup[] }> {
  const catalog = catalogWith(edits);
  const generated = await generate(catalog);
  expect(generated.errors).toEqual([]);
  const loaded = loadCatalogText('catalog.yaml', catalog);
  if (!loaded.model) throw new Error('catalog did not load');
  const tests = await testsGenerator.generate(loaded.model, { projectDir: tmpdir() });
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-alert-tests-'));
  const testFiles = emitDocuments(tests.documents ?? []);
  const files = new Map([...generated.files, ...testFiles.map((f) => [f.path, f.content] as const)]);
  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const text = files.get('tests/alerts-shop.yaml') ?? '';
  return {
    file: path.join(dir, 'tests/alerts-shop.yaml'),
    groups: (parse(text) as { tests: TestGroup[] }).tests,
  };
}

/** Times and label sets where the tests expect `alertname` to fire. */
function firing(
  groups: readonly TestGroup[],
  alertname: string,
): { at: string; labels: Record<string, string> }[] {
  return groups.flatMap((g) =>
    (g.alert_rule_test ?? [])
      .filter((t) => t.alertname === alertname)
      .flatMap((t) => t.exp_alerts.map((a) => ({ at: t.eval_time, labels: a.exp_labels }))),
  );
}

const names = (groups: readonly TestGroup[]) => groups.map((g) => g.name);

const rows: readonly {
  readonly name: string;
  readonly edits: Edits;
  readonly check: (groups: readonly TestGroup[]) => void;
}[] = [
  {
    name: 'defaults',
    edits: [],
    check: (groups) => {
      expect(firing(groups, 'HighErrorRatio')).toEqual([
        { at: '6m', labels: { service: 'shop', severity: 'warning', team: 'web' } },
      ]);
      expect(names(groups)).toContain(
        'HighErrorRatio: 49 of 1000 requests a minute failing (4.9%, threshold 5%) stays quiet',
      );
      expect(firing(groups, 'InflightSaturated').map((f) => f.at)).toEqual(['5m']);
    },
  },
  {
    name: 'threshold',
    edits: [[[...overrides, 'HighErrorRatio'], { threshold: 0.2 }]],
    check: (groups) => {
      expect(names(groups)).toContain(
        'HighErrorRatio: 199 of 1000 requests a minute failing (19.9%, threshold 20%) stays quiet',
      );
      expect(names(groups).some((n) => n.startsWith('HighErrorRatio: 201 of 1000'))).toBe(true);
    },
  },
  {
    name: 'for',
    edits: [[[...overrides, 'InflightSaturated'], { for: '7m' }]],
    // Gauges hold from minute 0: pending at 0, firing once 7 minutes have passed.
    check: (groups) => expect(firing(groups, 'InflightSaturated').map((f) => f.at)).toEqual(['7m']),
  },
  {
    name: 'severity and labels',
    edits: [[[...overrides, 'TargetDown'], { severity: 'critical', labels: { page: 'yes' } }]],
    check: (groups) =>
      expect(firing(groups, 'TargetDown').map((f) => f.labels)).toEqual([
        { page: 'yes', service: 'shop', severity: 'critical', team: 'web' },
      ]),
  },
  {
    name: 'disabled',
    edits: [[[...overrides, 'HighLatency'], { disabled: true }]],
    check: (groups) => {
      expect(names(groups).filter((n) => n.startsWith('HighLatency'))).toEqual([]);
      expect(names(groups).filter((n) => n.startsWith('HighErrorRatio'))).toHaveLength(3);
    },
  },
];

describe('catalog overrides in the generated alert tests', () => {
  const files: string[] = [];
  for (const row of rows) {
    it(`${row.name}: the tests follow the rules and pass obsgen test`, async () => {
      const { file, groups } = await variant(row.edits);
      row.check(groups);
      const [result] = runTestFiles([file]);
      expect(result?.failures).toEqual([]);
      files.push(file);
    });
  }
  it.skipIf(!promtool.path)('every variant passes promtool test rules', { timeout: 120_000 }, async () => {
    expect(files).toHaveLength(rows.length);
    const { stdout } = await run(promtool.path ?? 'promtool', ['test', 'rules', ...files]);
    expect(stdout.match(/SUCCESS/g)).toHaveLength(rows.length);
  });
});
