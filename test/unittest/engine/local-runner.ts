// A minimal promtool `promql_expr_test` runner over the engine, for the conformance suite and the fuzz
// test: loads input_series as promtool 2.42 does (sample i at i*interval, visible up to the last
// evaluation-grid step at or before the latest eval_time) and compares like promtool (sorted by
// labels, exact float equality, so NaN never matches).
import { parse as parseYaml } from 'yaml';
import { parse, parseDuration } from '../../../src/promql/index.ts';
import {
  compareLabels,
  evaluateInstant,
  type Labels,
  labelsKey,
  SeriesStore,
} from '../../../src/unittest/engine/index.ts';
import { parseSeriesLabels, parseSeriesValues } from '../../../src/unittest/notation.ts';
import { shuffled } from '../../support/random.ts';

interface ExprTest {
  expr: string;
  eval_time?: string;
  exp_samples?: { labels?: string; value: number | string }[] | null;
}

interface TestGroup {
  interval?: string;
  input_series?: { series: string; values: string }[];
  promql_expr_test?: ExprTest[];
}

interface TestFile {
  evaluation_interval?: string;
  tests?: TestGroup[];
}

function duration(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const d = parseDuration(text);
  if (!d.ok) throw new Error(d.message);
  return d.ms;
}

interface Got {
  labels: Labels;
  value: number;
}

function sameSamples(a: Got[], b: Got[]): boolean {
  if (a.length !== b.length) return false;
  const sort = (x: Got[]) => [...x].sort((p, q) => compareLabels(p.labels, q.labels));
  const sa = sort(a);
  const sb = sort(b);
  return sa.every((s, i) => {
    const t = sb[i] as Got;
    return labelsKey(s.labels) === labelsKey(t.labels) && s.value === t.value;
  });
}

/** Series loaded as promtool loads them: sample i at i*interval, `_` skipped. */
export function loadSeries(
  inputs: readonly { series: string; values: string }[],
  interval: number,
): { store: SeriesStore; errors: string[] } {
  const store = new SeriesStore();
  const errors: string[] = [];
  for (const input of inputs) {
    const labels = parseSeriesLabels(input.series);
    const values = parseSeriesValues(String(input.values));
    if (!labels.ok || !values.ok) {
      errors.push(`bad series ${input.series}`);
      continue;
    }
    values.values.forEach((v, i) => {
      if (v !== null) store.append(labels.labels, i * interval, v);
    });
  }
  return { store, errors };
}

/** promtool appends samples lazily on the evaluation grid: the last grid step at or before `t`. */
export function lastGridStep(t: number, evalInterval: number): number {
  return evalInterval > 0 ? Math.floor(t / evalInterval) * evalInterval : t;
}

/**
 * Runs every promql_expr_test of a promtool test file; returns the failures (empty = pass).
 * `seriesOrderSeed` creates the series in a shuffled order: promtool creates them in Go map order,
 * which changes from run to run, and aggregations add in series order.
 */
export function runPromqlExprTests(text: string, seriesOrderSeed = 0): string[] {
  const file = parseYaml(text) as TestFile;
  const evalInterval = duration(file.evaluation_interval, 60_000);
  const failures: string[] = [];
  for (const group of file.tests ?? []) {
    const interval = duration(group.interval, 0);
    const inputs = group.input_series ?? [];
    const { store, errors } = loadSeries(
      seriesOrderSeed === 0 ? inputs : shuffled(inputs, seriesOrderSeed),
      interval,
    );
    failures.push(...errors);
    const tests = group.promql_expr_test ?? [];
    const maxEval = Math.max(0, ...tests.map((t) => duration(t.eval_time, 0)));
    store.visibleUntil = lastGridStep(maxEval, evalInterval);
    for (const t of tests) {
      const at = duration(t.eval_time, 0);
      const parsed = parse(t.expr);
      if (!parsed.ok) {
        failures.push(`${t.expr}: parse error ${parsed.errors.map((e) => e.message).join('; ')}`);
        continue;
      }
      const result = evaluateInstant(parsed.expr, at, store, { subqueryDefaultStepMs: evalInterval });
      if (!result.ok) {
        failures.push(`${t.expr}: ${result.error}`);
        continue;
      }
      const v = result.value;
      let got: Got[];
      if (v.type === 'vector') got = v.samples.map((s) => ({ labels: s.labels, value: s.value }));
      else if (v.type === 'scalar') got = [{ labels: [], value: v.value }];
      else {
        failures.push(`${t.expr}: rule result is not a vector or scalar`);
        continue;
      }
      const expected: Got[] = [];
      for (const s of t.exp_samples ?? []) {
        const text = (s.labels ?? '').trim();
        const labels = parseSeriesLabels(text === '' ? '{}' : text);
        if (!labels.ok) {
          failures.push(`bad expected labels ${s.labels}`);
          continue;
        }
        expected.push({ labels: labels.labels, value: Number(s.value) });
      }
      if (!sameSamples(expected, got)) {
        const show = (x: Got[]) =>
          x.map((s) => `${labelsKey(s.labels).replaceAll('\xff', ' ')}=${s.value}`).join(', ');
        failures.push(`${t.expr} at ${t.eval_time}: expected [${show(expected)}] got [${show(got)}]`);
      }
    }
  }
  return failures;
}
