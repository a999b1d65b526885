// Runs promtool-format rule unit-test files with the built-in engine: same verdicts as
// `promtool test rules`, failures as data.
import path from 'node:path';
import type { Problem } from '../problem.ts';
import type { Expr, VectorSelector } from '../promql/ast.ts';
import { postOrder } from '../promql/check.ts';
import type { PromVersion } from '../promql/functions.ts';
import { matcherMatches } from '../promql/matchers.ts';
import { type LoadedGroup, type LoadedRule, loadRuleFile } from '../rulefile/rulefmt.ts';
import type { Failure } from './failure.ts';
import { type GroupRunOptions, type StepObserver, TestGroupRun } from './test-group.ts';
import { loadTestFile, type TestFile, type TestGroup } from './testfile.ts';

export interface TestFileResult {
  readonly file: string;
  readonly ok: boolean;
  readonly failures: readonly Failure[];
  /** Notices that do not change the verdict (e.g. a rule that depends on another group's rule). */
  readonly warnings: readonly Problem[];
  /** The test groups that ran (all, or those --run selects), with their failures, in file order. */
  readonly groups: readonly GroupResult[];
  /** The rule files the test file loads (resolved), for coverage; empty when it did not load. */
  readonly ruleFiles: readonly string[];
}

export interface GroupResult {
  /** The group's name, or `unnamed#<index>` as promtool reports unnamed groups. */
  readonly name: string;
  readonly group: TestGroup;
  readonly failures: readonly Failure[];
}

export interface RunOptions {
  /** Shown instead of the absolute path in messages (the CLI passes paths as the user typed them). */
  readonly displayName?: string;
  readonly observer?: StepObserver;
  /** '3': parse and evaluate as Prometheus 3.x (see EvalOptions.promql); default '2.42', promtool's. */
  readonly promql?: PromVersion;
  /** Runs only the test groups whose name this matches (promtool's --run). */
  readonly run?: RegExp;
}

function fileFailure(p: Problem): Failure {
  return { kind: 'file', message: p.message, file: p.file, line: p.line, column: p.column };
}

/** The selectors an expression reads. */
function selectors(expr: Expr): VectorSelector[] {
  return postOrder(expr).filter((e): e is VectorSelector => e.type === 'VectorSelector');
}

/** A series some rule writes: its name and the labels the rule sets on every series it writes. */
interface Output {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly group: LoadedGroup;
}

/** A recording rule writes its record; an alerting rule writes ALERTS and ALERTS_FOR_STATE. */
function ruleOutputs(r: LoadedRule, group: LoadedGroup): Output[] {
  const labels = new Map(r.labels);
  if (r.kind === 'record') return [{ name: r.name, labels, group }];
  const alert = new Map([...labels, ['alertname', r.name]]);
  return [
    { name: 'ALERTS', labels: alert, group },
    { name: 'ALERTS_FOR_STATE', labels: alert, group },
  ];
}

function outputsOf(group: LoadedGroup): Output[] {
  return group.rules.flatMap((r) => ruleOutputs(r, group));
}

/** Whether the selector can select what the rule writes: no matcher contradicts a fixed label. */
function canRead(selector: VectorSelector, output: Output): boolean {
  return selector.matchers.every((m) => {
    if (m.name === '__name__') return matcherMatches(m, output.name);
    const fixed = output.labels.get(m.name);
    return fixed === undefined || matcherMatches(m, fixed);
  });
}

/** What a test file looks at: the alerts its alert tests name and the selectors of its PromQL tests. */
export interface Inspected {
  readonly alertnames: ReadonlySet<string>;
  readonly selectors: readonly VectorSelector[];
}

export function inspectedBy(tests: readonly TestGroup[]): Inspected {
  return {
    alertnames: new Set(tests.flatMap((t) => t.alertTests.map((a) => a.alertname))),
    selectors: tests.flatMap((t) => t.promqlTests.flatMap((p) => (p.expr ? selectors(p.expr) : []))),
  };
}

/** The rules whose results reach what the tests inspect, directly or through other rules. */
export function rulesBehind(groups: readonly LoadedGroup[], inspected: Inspected): Set<LoadedRule> {
  const writers = groups.flatMap((g) => g.rules.map((rule) => ({ rule, outputs: ruleOutputs(rule, g) })));
  const writersOf = (selector: VectorSelector) =>
    writers.filter((w) => w.outputs.some((o) => canRead(selector, o))).map((w) => w.rule);
  const found = new Set<LoadedRule>();
  const pending: LoadedRule[] = [
    ...writers
      .filter((w) => w.rule.kind === 'alert' && inspected.alertnames.has(w.rule.name))
      .map((w) => w.rule),
    ...inspected.selectors.flatMap(writersOf),
  ];
  for (let rule = pending.pop(); rule !== undefined; rule = pending.pop()) {
    if (found.has(rule)) continue;
    found.add(rule);
    pending.push(...selectors(rule.expr).flatMap(writersOf));
  }
  return found;
}

/**
 * promtool 2.42 orders groups by their index in group_eval_order and leaves the rest in Go's random
 * map order (the first listed group even ties with unlisted ones). obsgen keeps a stable order
 * (rank, then file and position) and warns where the order could change a result: a rule the tests
 * depend on reads a series recorded by a group whose relative order is not fixed. Without
 * `inspected`, every rule counts.
 */
export function orderGroups(
  groups: readonly LoadedGroup[],
  order: readonly string[],
  file: string,
  inspected?: Inspected,
): { groups: LoadedGroup[]; warnings: Problem[] } {
  const rank = (g: LoadedGroup): number => Math.max(order.indexOf(g.name), 0);
  const sorted = groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
    .map((x) => x.g);
  const warnings: Problem[] = [];
  const outputs = sorted.flatMap(outputsOf);
  const relevant = inspected ? rulesBehind(sorted, inspected) : null;
  for (const g of sorted) {
    for (const r of g.rules) {
      if (relevant && !relevant.has(r)) continue;
      const seen = new Set<string>();
      for (const selector of selectors(r.expr)) {
        for (const output of outputs) {
          const producer = output.group;
          const key = `${output.name}\u0000${producer.name}`;
          if (producer === g || rank(producer) !== rank(g) || seen.has(key) || !canRead(selector, output))
            continue;
          seen.add(key);
          warnings.push({
            check: 'unittest/group-order',
            severity: 'warning',
            message: `rule ${r.name} in group "${g.name}" reads ${output.name}, recorded by group "${producer.name}": promtool evaluates these groups in random order; set group_eval_order`,
            file: g.file,
            line: r.line,
            column: 1,
          });
        }
      }
    }
  }
  void file;
  return { groups: sorted, warnings };
}

export function runLoadedTestFile(
  tf: TestFile,
  displayName: string,
  observer?: StepObserver,
  promql: PromVersion = '2.42',
  run?: RegExp,
): TestFileResult {
  const failures: Failure[] = [];
  const groups: LoadedGroup[] = [];
  for (const rf of tf.ruleFiles) {
    const loaded = loadRuleFile(rf, path.relative(process.cwd(), rf) || rf, promql);
    if (!loaded.ok) failures.push(...loaded.problems.map(fileFailure));
    else groups.push(...loaded.groups);
  }
  if (failures.length > 0)
    return { file: displayName, ok: false, failures, warnings: tf.warnings, groups: [], ruleFiles: [] };
  const selected = tf.tests
    .map((group, index) => ({ group, name: group.name || `unnamed#${index}` }))
    .filter((t) => !run || run.test(t.group.name));
  const ordered = orderGroups(
    groups,
    tf.groupEvalOrder,
    displayName,
    inspectedBy(selected.map((t) => t.group)),
  );
  const results: GroupResult[] = selected.map(({ group, name }) => {
    const opts: GroupRunOptions = observer
      ? { evaluationIntervalMs: tf.evaluationIntervalMs, observer, promql }
      : { evaluationIntervalMs: tf.evaluationIntervalMs, promql };
    return { name, group, failures: new TestGroupRun(group, ordered.groups, opts).run() };
  });
  failures.push(...results.flatMap((r) => r.failures));
  return {
    file: displayName,
    ok: failures.length === 0,
    failures,
    warnings: [...tf.warnings, ...ordered.warnings],
    groups: results,
    ruleFiles: tf.ruleFiles,
  };
}

export function runTestFile(file: string, options: RunOptions = {}): TestFileResult {
  const displayName = options.displayName ?? file;
  const loaded = loadTestFile(file, options.promql);
  if (!loaded.ok) {
    return {
      file: displayName,
      ok: false,
      failures: loaded.problems.map((p) => fileFailure({ ...p, file: displayName })),
      warnings: [],
      groups: [],
      ruleFiles: [],
    };
  }
  return runLoadedTestFile(loaded.testFile, displayName, options.observer, options.promql, options.run);
}

export function runTestFiles(files: readonly string[]): TestFileResult[] {
  return files.map((f) => runTestFile(f));
}
