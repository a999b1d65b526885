// Rule coverage of promtool-format tests: for every rule file the test files load, which alerting
// rules are exercised (an alert_rule_test expects them to fire, and one expects them silent) and
// which recording rules a test reads (a promql_expr_test, or an alert tested, through any chain).
import path from 'node:path';
import type { Expr } from '../promql/ast.ts';
import { postOrder } from '../promql/check.ts';
import { type LoadedGroup, type LoadedRule, loadRuleFile } from '../rulefile/rulefmt.ts';
import { type Inspected, inspectedBy, rulesBehind } from './runner.ts';
import type { AlertTest, TestFile, TestGroup } from './testfile.ts';

export interface AlertCoverage {
  readonly name: string;
  readonly group: string;
  readonly line: number;
  /** Some alert_rule_test expects an instance of this rule to fire. */
  readonly fires: boolean;
  /** Some alert_rule_test of its name expects none of its instances (or it reads no series at all). */
  readonly silent: boolean;
}

export interface RecordCoverage {
  readonly name: string;
  readonly group: string;
  readonly line: number;
  readonly read: boolean;
}

export interface FileCoverage {
  readonly file: string;
  readonly alerts: readonly AlertCoverage[];
  readonly records: readonly RecordCoverage[];
}

export interface CoverageCounts {
  readonly alerts: number;
  readonly alertsCovered: number;
  readonly records: number;
  readonly recordsRead: number;
  /** Covered rules (exercised alerts and read recordings) over all rules, 0-100; 100 without rules. */
  readonly percent: number;
}

export interface CoverageReport {
  readonly files: readonly (FileCoverage & { readonly counts: CoverageCounts })[];
  readonly total: CoverageCounts;
}

/** Whether an expected alert can be an instance of the rule: it carries every fixed label the rule sets. */
function mayBeFrom(rule: LoadedRule, expected: ReadonlyMap<string, string>): boolean {
  return rule.labels.every(([name, value]) => value.includes('{{') || expected.get(name) === value);
}

/** A rule whose expression selects no series (vector(1)) cannot be silenced: firing covers it. */
function readsNoSeries(expr: Expr): boolean {
  return !postOrder(expr).some((e) => e.type === 'VectorSelector');
}

interface RuleState {
  readonly rule: LoadedRule;
  readonly group: LoadedGroup;
  fires: boolean;
  silent: boolean;
  read: boolean;
}

/** Accumulates coverage over test files; rule files are told apart by resolved path. */
export class CoverageCollector {
  readonly #files = new Map<string, { display: string; rules: RuleState[] }>();

  /** Loads a rule file once (unloadable files are the test run's failure, not coverage's). */
  #rules(file: string): RuleState[] {
    const known = this.#files.get(file);
    if (known) return known.rules;
    const display = path.relative(process.cwd(), file) || file;
    const loaded = loadRuleFile(file, display);
    return this.#register(file, display, loaded.ok ? loaded.groups : []);
  }

  #register(key: string, display: string, groups: readonly LoadedGroup[]): RuleState[] {
    const rules = groups.flatMap((group) =>
      group.rules.map((rule) => ({ rule, group, fires: false, silent: false, read: false })),
    );
    this.#files.set(key, { display, rules });
    return rules;
  }

  /** Records what the test groups (those that ran) check of the rule files. */
  add(ruleFiles: readonly string[], tests: readonly TestGroup[]): void {
    const states = ruleFiles.flatMap((f) => this.#rules(path.resolve(f)));
    this.#record(
      states,
      tests.flatMap((t) => t.alertTests),
      inspectedBy(tests),
    );
  }

  /**
   * Records alert checks made outside a test file (the vitest API) on rule files and on rules given
   * inline (`inline`: a name for them and their groups, loaded once per name).
   */
  addChecks(
    ruleFiles: readonly string[],
    inline: { readonly name: string; readonly groups: readonly LoadedGroup[] } | null,
    checks: readonly AlertTest[],
  ): void {
    const states = ruleFiles.flatMap((f) => this.#rules(path.resolve(f)));
    if (inline) {
      const key = `inline:${inline.name}`;
      states.push(...(this.#files.get(key)?.rules ?? this.#register(key, inline.name, inline.groups)));
    }
    const alertnames = new Set(checks.map((c) => c.alertname));
    this.#record(states, checks, { alertnames, selectors: [] });
  }

  #record(states: readonly RuleState[], checks: readonly AlertTest[], inspected: Inspected): void {
    for (const test of checks) this.#alertTest(states, test);
    const groups = [...new Set(states.map((s) => s.group))];
    const behind = rulesBehind(groups, inspected);
    for (const s of states) if (behind.has(s.rule) && s.rule.kind === 'record') s.read = true;
  }

  addFile(tf: TestFile, tests: readonly TestGroup[] = tf.tests): void {
    this.add(tf.ruleFiles, tests);
  }

  #alertTest(states: readonly RuleState[], test: AlertTest): void {
    for (const s of states) {
      if (s.rule.kind !== 'alert' || s.rule.name !== test.alertname) continue;
      if (test.expAlerts.some((e) => mayBeFrom(s.rule, e.labels))) s.fires = true;
      else s.silent = true;
    }
  }

  report(): CoverageReport {
    const files = [...this.#files.values()]
      .sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0))
      .map(({ display, rules }) => {
        const alerts = rules
          .filter((s) => s.rule.kind === 'alert')
          .map((s) => ({
            name: s.rule.name,
            group: s.group.name,
            line: s.rule.line,
            fires: s.fires,
            silent: s.silent || readsNoSeries(s.rule.expr),
          }));
        const records = rules
          .filter((s) => s.rule.kind === 'record')
          .map((s) => ({ name: s.rule.name, group: s.group.name, line: s.rule.line, read: s.read }));
        const coverage: FileCoverage = { file: display, alerts, records };
        return { ...coverage, counts: counts([coverage]) };
      });
    return { files, total: counts(files) };
  }
}

export function counts(files: readonly FileCoverage[]): CoverageCounts {
  const alerts = files.flatMap((f) => f.alerts);
  const records = files.flatMap((f) => f.records);
  const alertsCovered = alerts.filter((a) => a.fires && a.silent).length;
  const recordsRead = records.filter((r) => r.read).length;
  const all = alerts.length + records.length;
  const percent = all === 0 ? 100 : (100 * (alertsCovered + recordsRead)) / all;
  return { alerts: alerts.length, alertsCovered, records: records.length, recordsRead, percent };
}

const percentText = (p: number) => `${(Math.floor(p * 10) / 10).toFixed(1)}%`;

/** The text report: a line per rule file and a total, then every rule left uncovered and why. */
export function renderCoverage(report: CoverageReport): string {
  const rows = [...report.files.map((f) => [f.file, f.counts] as const), ['total', report.total] as const];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = ['rule coverage (alerts: expected to fire and to stay silent; records: read by a test):'];
  for (const [name, c] of rows)
    lines.push(
      `  ${name.padEnd(width)}  alerts ${`${c.alertsCovered}/${c.alerts}`.padStart(7)}  records ${`${c.recordsRead}/${c.records}`.padStart(7)}  ${percentText(c.percent).padStart(6)}`,
    );
  const gaps: string[] = [];
  for (const f of report.files) {
    for (const a of f.alerts) {
      const missing = [
        ...(a.fires ? [] : ['no test expects it to fire']),
        ...(a.silent ? [] : ['no test expects it silent']),
      ];
      if (missing.length > 0)
        gaps.push(`  ${f.file}:${a.line}: alert ${a.name} (group ${a.group}): ${missing.join(', ')}`);
    }
    for (const r of f.records)
      if (!r.read) gaps.push(`  ${f.file}:${r.line}: record ${r.name} (group ${r.group}): read by no test`);
  }
  if (gaps.length > 0) lines.push('uncovered:', ...gaps);
  return `${lines.join('\n')}\n`;
}

/** Floor to a tenth, as printed, so 99.96% never passes --coverage-min 100. */
export function belowMinimum(report: CoverageReport, min: number): boolean {
  return Math.floor(report.total.percent * 10) / 10 < min;
}
