// A scenario is a promtool rule unit-test file with one test: its `input_series` (promtool's series
// notation) are the scraped data, its `rule_files` the rules to evaluate over them every
// `evaluation_interval`, so recorded series and ALERTS exist as a Prometheus would have them. Its
// expectations, if any, are checked as `obsgen test` checks them (a scenario can prove its own
// story). The preview then runs each panel's queries on the result with obsgen's engine.
import path from 'node:path';
import type { Problem } from '../problem.ts';
import type { Expr } from '../promql/ast.ts';
import { parse } from '../promql/index.ts';
import { type LoadedGroup, loadRuleFile } from '../rulefile/rulefmt.ts';
import {
  type EvalResult,
  evaluateInstant,
  type Labels,
  labelsKey,
  type SeriesStore,
} from '../unittest/engine/index.ts';
import { inspectedBy, orderGroups } from '../unittest/runner.ts';
import { TestGroupRun } from '../unittest/test-group.ts';
import { loadTestFile } from '../unittest/testfile.ts';
import type { TimeRange } from './interval.ts';
import type { PreviewSource, QueryResult, SeriesData } from './source.ts';

const CHECK = 'preview/scenario';
const LOOKBACK_MS = 5 * 60 * 1000;

export type ScenarioResult =
  | { readonly ok: true; readonly source: PreviewSource; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

function labelsRecord(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

function parseQuery(expr: string): { ok: true; expr: Expr } | { ok: false; error: string } {
  const parsed = parse(expr);
  if (parsed.ok) return { ok: true, expr: parsed.expr };
  return { ok: false, error: parsed.errors[0]?.message ?? 'parse error' };
}

/** Evaluates queries on the store a scenario's run left behind. */
class ScenarioSource implements PreviewSource {
  readonly relativeTime = true;

  constructor(
    readonly description: string,
    readonly defaultRange: TimeRange,
    readonly scrapeIntervalMs: number,
    private readonly store: SeriesStore,
    private readonly evaluationIntervalMs: number,
  ) {}

  private evalAt(expr: Expr, atMs: number, range: TimeRange): EvalResult {
    return evaluateInstant(expr, atMs, this.store, {
      lookbackDeltaMs: LOOKBACK_MS,
      subqueryDefaultStepMs: this.evaluationIntervalMs,
      startMs: range.fromMs,
      endMs: range.toMs,
    });
  }

  async queryRange(text: string, range: TimeRange, stepMs: number): Promise<QueryResult> {
    const q = parseQuery(text);
    if (!q.ok) return q;
    const byKey = new Map<string, { labels: Labels; points: [number, number][] }>();
    for (let t = range.fromMs; t <= range.toMs; t += stepMs) {
      const r = this.evalAt(q.expr, t, range);
      if (!r.ok) return r;
      const v = r.value;
      if (v.type === 'matrix' || v.type === 'string')
        return {
          ok: false,
          error: `invalid expression type "${v.type === 'matrix' ? 'range vector' : 'string'}" for range query, must be Scalar or instant Vector`,
        };
      const samples = v.type === 'scalar' ? [{ labels: [] as Labels, value: v.value }] : v.samples;
      for (const s of samples) {
        const key = labelsKey(s.labels);
        let entry = byKey.get(key);
        if (!entry) {
          entry = { labels: s.labels, points: [] };
          byKey.set(key, entry);
        }
        entry.points.push([t, s.value]);
      }
    }
    const series: SeriesData[] = [...byKey.values()].map((e) => ({
      labels: labelsRecord(e.labels),
      points: e.points,
    }));
    return { ok: true, series };
  }

  async queryInstant(text: string, atMs: number): Promise<QueryResult> {
    const q = parseQuery(text);
    if (!q.ok) return q;
    const r = this.evalAt(q.expr, atMs, { fromMs: atMs, toMs: atMs });
    if (!r.ok) return r;
    const v = r.value;
    if (v.type === 'scalar') return { ok: true, series: [{ labels: {}, points: [[atMs, v.value]] }] };
    if (v.type === 'vector')
      return {
        ok: true,
        series: v.samples.map((s) => ({ labels: labelsRecord(s.labels), points: [[atMs, s.value]] })),
      };
    return {
      ok: false,
      error: `an instant query of a ${v.type === 'matrix' ? 'range vector' : 'string'} is not shown`,
    };
  }

  async labelValues(label: string, match: string | null): Promise<readonly string[]> {
    let matchers: Parameters<SeriesStore['select']>[0] = [];
    if (match !== null) {
      const q = parseQuery(match);
      if (!q.ok || q.expr.type !== 'VectorSelector') return [];
      matchers = q.expr.matchers;
    }
    const values = new Set<string>();
    for (const s of this.store.select(matchers)) {
      const v = s.labels.find((l) => l.name === label)?.value;
      if (v !== undefined) values.add(v);
    }
    return [...values].sort();
  }
}

function fileProblem(file: string, message: string): Problem {
  return { check: CHECK, severity: 'error', message, file, line: 1, column: 1 };
}

/**
 * Loads a scenario and evaluates its rules from 0 to the last input sample. `displayName` is the
 * path as the user typed it; `cwd` makes rule file names in messages relative.
 */
export function loadScenario(file: string, displayName: string, cwd: string): ScenarioResult {
  const loaded = loadTestFile(file);
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map((p) => ({ ...p, file: displayName })) };
  const tf = loaded.testFile;
  const [test, ...extra] = tf.tests;
  if (!test || extra.length > 0)
    return {
      ok: false,
      problems: [
        fileProblem(
          displayName,
          `a scenario holds exactly one entry under tests (found ${tf.tests.length}): split the others into their own scenario files`,
        ),
      ],
    };
  if (test.inputSeries.length === 0)
    return {
      ok: false,
      problems: [
        fileProblem(displayName, 'the scenario has no input_series: give the series the dashboards read'),
      ],
    };
  const problems: Problem[] = [];
  const groups: LoadedGroup[] = [];
  for (const rf of tf.ruleFiles) {
    const rules = loadRuleFile(rf, path.relative(cwd, rf) || rf);
    if (rules.ok) groups.push(...rules.groups);
    else problems.push(...rules.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const ordered = orderGroups(groups, tf.groupEvalOrder, displayName, inspectedBy(tf.tests));
  const endMs = Math.max(...test.inputSeries.map((s) => (s.values.length - 1) * test.intervalMs));
  const run = new TestGroupRun(test, ordered.groups, {
    evaluationIntervalMs: tf.evaluationIntervalMs,
    untilMs: endMs,
  });
  const warnings: Problem[] = [...tf.warnings, ...ordered.warnings];
  for (const f of run.run()) {
    // A rule that fails to evaluate stops promtool's run: the data after it would be wrong.
    if (f.kind === 'error' && f.message.startsWith('rule: '))
      return { ok: false, problems: [fileProblem(displayName, f.message)] };
    warnings.push({
      ...fileProblem(displayName, `the scenario's own expectation fails: ${f.message}`),
      severity: 'warning',
    });
  }
  const source = new ScenarioSource(
    displayName,
    { fromMs: 0, toMs: endMs },
    test.intervalMs,
    run.store,
    tf.evaluationIntervalMs,
  );
  return { ok: true, source, warnings };
}
