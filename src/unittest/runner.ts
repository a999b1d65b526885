// Runs promtool-format rule unit-test files with the built-in engine: same verdicts as
// `promtool test rules`, failures as data.
import path from 'node:path';
import type { Problem } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';
import type { Failure } from './failure.ts';
import { type LoadedGroup, loadRuleFile } from './rulefile.ts';
import { type GroupRunOptions, type StepObserver, TestGroupRun } from './test-group.ts';
import { loadTestFile, type TestFile } from './testfile.ts';

export interface TestFileResult {
  readonly file: string;
  readonly ok: boolean;
  readonly failures: readonly Failure[];
  /** Notices that do not change the verdict (e.g. a rule that depends on another group's rule). */
  readonly warnings: readonly Problem[];
}

export interface RunOptions {
  /** Shown instead of the absolute path in messages (the CLI passes paths as the user typed them). */
  readonly displayName?: string;
  readonly observer?: StepObserver;
}

function fileFailure(p: Problem): Failure {
  return { kind: 'file', message: p.message, file: p.file, line: p.line, column: p.column };
}

/** Metric names an expression reads, to find rules that depend on other rules. */
function selectedNames(expr: Expr, out: Set<string>): Set<string> {
  switch (expr.type) {
    case 'VectorSelector':
      for (const m of expr.matchers) if (m.name === '__name__' && m.type === '=') out.add(m.value);
      break;
    case 'MatrixSelector':
      selectedNames(expr.vectorSelector, out);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      selectedNames(expr.expr, out);
      break;
    case 'AggregateExpr':
      selectedNames(expr.expr, out);
      if (expr.param) selectedNames(expr.param, out);
      break;
    case 'BinaryExpr':
      selectedNames(expr.lhs, out);
      selectedNames(expr.rhs, out);
      break;
    case 'Call':
      for (const a of expr.args) selectedNames(a, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * promtool 2.42 orders groups by their index in group_eval_order and leaves the rest in Go's random
 * map order (the first listed group even ties with unlisted ones). obsgen keeps a stable order
 * (rank, then file and position) and warns where the order could change a result: a rule reading
 * a series recorded by a group whose relative order is not fixed.
 */
export function orderGroups(
  groups: readonly LoadedGroup[],
  order: readonly string[],
  file: string,
): { groups: LoadedGroup[]; warnings: Problem[] } {
  const rank = (g: LoadedGroup): number => Math.max(order.indexOf(g.name), 0);
  const sorted = groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
    .map((x) => x.g);
  const warnings: Problem[] = [];
  const producers = new Map<string, LoadedGroup>();
  for (const g of sorted) {
    for (const r of g.rules) producers.set(r.kind === 'record' ? r.name : 'ALERTS', g);
    for (const r of g.rules) if (r.kind === 'alert') producers.set('ALERTS_FOR_STATE', g);
  }
  for (const g of sorted) {
    for (const r of g.rules) {
      for (const name of selectedNames(r.expr, new Set())) {
        const producer = producers.get(name);
        if (producer === undefined || producer === g || rank(producer) !== rank(g)) continue;
        warnings.push({
          check: 'unittest/group-order',
          severity: 'warning',
          message: `rule ${r.name} in group "${g.name}" reads ${name}, recorded by group "${producer.name}": promtool evaluates these groups in random order; set group_eval_order`,
          file: g.file,
          line: r.line,
          column: 1,
        });
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
): TestFileResult {
  const failures: Failure[] = [];
  const groups: LoadedGroup[] = [];
  for (const rf of tf.ruleFiles) {
    const loaded = loadRuleFile(rf, path.relative(process.cwd(), rf) || rf);
    if (!loaded.ok) failures.push(...loaded.problems.map(fileFailure));
    else groups.push(...loaded.groups);
  }
  if (failures.length > 0) return { file: displayName, ok: false, failures, warnings: tf.warnings };
  const ordered = orderGroups(groups, tf.groupEvalOrder, displayName);
  for (const tg of tf.tests) {
    const opts: GroupRunOptions = observer
      ? { evaluationIntervalMs: tf.evaluationIntervalMs, observer }
      : { evaluationIntervalMs: tf.evaluationIntervalMs };
    failures.push(...new TestGroupRun(tg, ordered.groups, opts).run());
  }
  return {
    file: displayName,
    ok: failures.length === 0,
    failures,
    warnings: [...tf.warnings, ...ordered.warnings],
  };
}

export function runTestFile(file: string, options: RunOptions = {}): TestFileResult {
  const displayName = options.displayName ?? file;
  const loaded = loadTestFile(file);
  if (!loaded.ok) {
    return {
      file: displayName,
      ok: false,
      failures: loaded.problems.map((p) => fileFailure({ ...p, file: displayName })),
      warnings: [],
    };
  }
  return runLoadedTestFile(loaded.testFile, displayName, options.observer);
}

export function runTestFiles(files: readonly string[]): TestFileResult[] {
  return files.map((f) => runTestFile(f));
}
