// Rule coverage counting, table-driven: each row is a rule file and a test file (inline), and the
// coverage obsgen test reports for them; then the CLI flags (--coverage-min, --run, --junit).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { test as testCommand } from '../../src/cli/commands/test.ts';
import { belowMinimum, CoverageCollector } from '../../src/unittest/coverage.ts';
import { runTestFile } from '../../src/unittest/runner.ts';

const rules = `groups:
  - name: records
    rules:
      - record: job:requests:rate5m
        expr: sum by (job) (rate(requests_total[5m]))
      - record: job:requests:rate5m_x2
        expr: job:requests:rate5m * 2
      - record: job:unused:rate5m
        expr: sum by (job) (rate(unused_total[5m]))
  - name: alerts
    rules:
      - alert: Busy
        expr: job:requests:rate5m_x2 > 1
        labels: { severity: page }
      - alert: Busy
        expr: job:requests:rate5m > 100
        labels: { severity: ticket }
      - alert: Always
        expr: vector(1)
`;

const busyInput = `    input_series:
      - series: requests_total{job="api"}
        values: 0+120x10
`;

/** A test file around some test groups (YAML, indented as list items under tests:). */
function testFileText(groups: string): string {
  return `rule_files: [rules.yaml]
evaluation_interval: 1m
group_eval_order: [records, alerts]
tests:
${groups}`;
}

const firesPage = `  - name: fires
    interval: 1m
${busyInput}    alert_rule_test:
      - alertname: Busy
        eval_time: 5m
        exp_alerts:
          - exp_labels: { job: api, severity: page }
`;
const silentAll = `  - name: silent
    interval: 1m
    input_series: []
    alert_rule_test:
      - alertname: Busy
        eval_time: 5m
        exp_alerts: []
`;
const alwaysFires = `  - name: always
    interval: 1m
    input_series: []
    alert_rule_test:
      - alertname: Always
        eval_time: 0m
        exp_alerts: [{ exp_labels: {} }]
`;
const readsUnused = `  - name: reads unused
    interval: 1m
    input_series: []
    promql_expr_test:
      - expr: job:unused:rate5m
        eval_time: 1m
        exp_samples: []
`;

function project(groups: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-coverage-'));
  writeFileSync(path.join(dir, 'rules.yaml'), rules);
  writeFileSync(path.join(dir, 'test.yaml'), testFileText(groups));
  return dir;
}

interface Row {
  readonly name: string;
  readonly groups: string;
  readonly run?: RegExp;
  /** Per rule (name/severity), whether it counts as covered. */
  readonly alerts: Readonly<Record<string, { fires: boolean; silent: boolean }>>;
  readonly read: readonly string[];
  readonly percent: number;
}

const rows: readonly Row[] = [
  {
    name: 'nothing tested',
    groups: silentAll.replace(/alert_rule_test:[\s\S]*$/, 'alert_rule_test: []\n'),
    alerts: {
      'Busy/page': { fires: false, silent: false },
      'Busy/ticket': { fires: false, silent: false },
      'Always/': { fires: false, silent: true },
    },
    read: [],
    percent: 0,
  },
  {
    name: 'an expected firing covers the rule whose labels it carries; the other rule of the name is checked silent',
    groups: firesPage,
    alerts: {
      'Busy/page': { fires: true, silent: false },
      'Busy/ticket': { fires: false, silent: true },
      'Always/': { fires: false, silent: true },
    },
    read: ['job:requests:rate5m', 'job:requests:rate5m_x2'],
    percent: (100 * 2) / 6,
  },
  {
    name: 'firing and silence: covered; a constant alert needs firing only; a promql test reads its record',
    groups: firesPage + silentAll + alwaysFires + readsUnused,
    alerts: {
      'Busy/page': { fires: true, silent: true },
      'Busy/ticket': { fires: false, silent: true },
      'Always/': { fires: true, silent: true },
    },
    read: ['job:requests:rate5m', 'job:requests:rate5m_x2', 'job:unused:rate5m'],
    percent: (100 * 5) / 6,
  },
  {
    name: '--run: groups that do not run count for nothing',
    groups: firesPage + silentAll,
    run: /^silent$/,
    alerts: {
      'Busy/page': { fires: false, silent: true },
      'Busy/ticket': { fires: false, silent: true },
      'Always/': { fires: false, silent: true },
    },
    read: ['job:requests:rate5m', 'job:requests:rate5m_x2'],
    percent: (100 * 2) / 6,
  },
];

describe('rule coverage', () => {
  for (const row of rows) {
    it(row.name, () => {
      const dir = project(row.groups);
      const result = runTestFile(path.join(dir, 'test.yaml'), row.run ? { run: row.run } : {});
      expect(result.failures).toEqual([]);
      const collector = new CoverageCollector();
      collector.add(
        result.ruleFiles,
        result.groups.map((g) => g.group),
      );
      const report = collector.report();
      const [file] = report.files;
      const severity = (line: number) => (line === 12 ? 'page' : line === 15 ? 'ticket' : '');
      expect(
        Object.fromEntries(
          (file?.alerts ?? []).map((a) => [
            `${a.name}/${severity(a.line)}`,
            { fires: a.fires, silent: a.silent },
          ]),
        ),
      ).toEqual(row.alerts);
      expect((file?.records ?? []).filter((r) => r.read).map((r) => r.name)).toEqual(row.read);
      expect(report.total.percent).toBeCloseTo(row.percent, 9);
    });
  }

  it('floors to the printed tenth before comparing with the minimum', () => {
    const report = {
      files: [],
      total: { alerts: 0, alertsCovered: 0, records: 0, recordsRead: 0, percent: 99.96 },
    };
    expect(belowMinimum(report, 100)).toBe(true);
    expect(belowMinimum(report, 99.9)).toBe(false);
  });
});

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await testCommand(args, {
    cwd,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

describe('obsgen test --coverage, --run, --junit', () => {
  it('prints coverage per rule file and exits 1 below --coverage-min', async () => {
    const dir = project(firesPage + silentAll + alwaysFires);
    const ok = await cli(['--coverage', 'test.yaml'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/alerts {5}2\/3 {2}records {5}2\/3 {3}66\.6%/);
    expect(ok.stdout).toMatch(/rules\.yaml:15: alert Busy \(group alerts\): no test expects it to fire/);
    expect(ok.stdout).toMatch(/rules\.yaml:8: record job:unused:rate5m \(group records\): read by no test/);
    const low = await cli(['--coverage-min', '70', 'test.yaml'], dir);
    expect(low.code).toBe(1);
    expect(low.stderr).toBe('obsgen test: rule coverage 66.6% is below --coverage-min 70%\n');
    const json = await cli(['--format', 'json', '--coverage', 'test.yaml'], dir);
    const parsed = JSON.parse(json.stdout) as {
      results: unknown[];
      coverage: { total: { alertsCovered: number } };
    };
    expect(parsed.results).toHaveLength(1);
    expect(parsed.coverage.total.alertsCovered).toBe(2);
  });

  it('writes JUnit XML with a testsuite per file and a testcase per group that ran', async () => {
    const failing = firesPage
      .replace('severity: page }', 'severity: nope }')
      .replace('name: fires', 'name: wrong');
    const dir = project(failing + silentAll);
    const r = await cli(['--junit', 'out.xml', 'test.yaml'], dir);
    expect(r.code).toBe(1);
    const xml = readFileSync(path.join(dir, 'out.xml'), 'utf8');
    expect(xml).toMatch(
      /^<testsuites><testsuite name="test\.yaml" tests="2" failures="1" errors="0" skipped="0" timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"><testcase name="wrong"><failure>test &#34;wrong&#34;, alertname: Busy, time: 5m&#xA;.*<\/failure><\/testcase><testcase name="silent"><\/testcase><\/testsuite><\/testsuites>$/,
    );
    const only = await cli(['--run', '^sil', '--junit', 'only.xml', 'test.yaml'], dir);
    expect(only.code).toBe(0);
    expect(readFileSync(path.join(dir, 'only.xml'), 'utf8')).toMatch(
      /tests="1" failures="0".*<testcase name="silent">/,
    );
  });
});
