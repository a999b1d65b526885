// Runs one `tests[]` entry exactly as promtool 2.42's unit tester does (cmd/promtool/unittest.go):
// the rule groups are evaluated every evaluation_interval from t=0 up to the largest eval_time,
// input samples are appended lazily up to each step, alert expectations are compared at the step
// `ts <= eval_time < ts + interval`, and promql_expr_test runs at eval_time on whatever was loaded.
import type { Expr } from '../promql/ast.ts';
import { formatDuration } from '../promql/duration.ts';
import type { PromVersion } from '../promql/functions.ts';
import { parse } from '../promql/index.ts';
import type { LoadedGroup, LoadedRule } from '../rulefile/rulefmt.ts';
import type { GoValue, TemplateQuery } from '../template/index.ts';
import { type AlertInstance, AlertingRuleState } from './alerting.ts';
import {
  compareLabels,
  type EvalOptions,
  type EvalResult,
  evaluateInstant,
  type Labels,
  labelsKey,
  type Sample,
  SeriesStore,
} from './engine/index.ts';
import { setLabel } from './engine/labels.ts';
import {
  type AlertSnapshot,
  diffLines,
  type Failure,
  formatSampleValue,
  renderAlert,
  type SampleSnapshot,
} from './failure.ts';
import { parseSeriesLabels } from './notation.ts';
import type { TestGroup } from './testfile.ts';

const LOOKBACK_MS = 5 * 60 * 1000;

interface RuntimeRule {
  readonly rule: LoadedRule;
  readonly alert: AlertingRuleState | null;
  /** Series written at the previous evaluation, to mark the vanished ones stale. */
  previous: Map<string, Labels>;
}

interface RuntimeGroup {
  readonly name: string;
  readonly limit: number;
  readonly rules: RuntimeRule[];
}

/** Observes every evaluation step (the vitest API builds alert timelines from it). */
export type StepObserver = (ts: number, alerts: ReadonlyMap<string, readonly AlertStateAt[]>) => void;

export interface AlertStateAt {
  readonly labels: Labels;
  readonly state: 'pending' | 'firing';
  readonly value: number;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface GroupRunOptions {
  readonly evaluationIntervalMs: number;
  readonly observer?: StepObserver;
  /** Evaluate at least up to here (the vitest API asks about times no expectation names). */
  readonly untilMs?: number;
  /** The engine's PromQL profile (default 2.42, promtool's). */
  readonly promql?: PromVersion;
}

/** Lazily appends input samples: promtool only loads data up to the step being evaluated. */
class LazyInput {
  private readonly cursors: number[];

  constructor(
    private readonly tg: TestGroup,
    private readonly store: SeriesStore,
  ) {
    this.cursors = tg.inputSeries.map(() => 0);
  }

  appendTill(ts: number): void {
    this.tg.inputSeries.forEach((s, i) => {
      let c = this.cursors[i] ?? 0;
      for (; c < s.values.length; c++) {
        const t = c * this.tg.intervalMs;
        if (t > ts) break;
        const v = s.values[c];
        // Duplicates and out-of-order samples are dropped, as the TSDB appender does.
        if (v !== null && v !== undefined) this.store.append(s.labels, t, v);
      }
      this.cursors[i] = c;
    });
  }
}

function toMapValue(labels: Labels): GoValue {
  const m = new Map<string, GoValue>();
  for (const l of labels) m.set(l.name, { kind: 'string', v: l.value });
  return { kind: 'map', v: m, elem: 'string' };
}

/** Prometheus's EngineQueryFunc: vectors as they are, scalars as one sample without labels. */
function asVector(
  result: EvalResult,
  atMs: number,
): { ok: true; samples: Sample[] } | { ok: false; error: string } {
  if (!result.ok) return result;
  const v = result.value;
  if (v.type === 'vector') return { ok: true, samples: v.samples };
  if (v.type === 'scalar') return { ok: true, samples: [{ labels: [], value: v.value, t: atMs }] };
  return { ok: false, error: 'rule result is not a vector or scalar' };
}

export class TestGroupRun {
  readonly store = new SeriesStore();
  private readonly groups: RuntimeGroup[];
  private readonly input: LazyInput;
  private readonly exprCache = new Map<string, Expr | string>();

  constructor(
    private readonly tg: TestGroup,
    ruleGroups: readonly LoadedGroup[],
    private readonly opts: GroupRunOptions,
  ) {
    this.input = new LazyInput(tg, this.store);
    const templateQuery =
      (atMs: number): TemplateQuery =>
      (text) =>
        this.templateQuery(text, atMs);
    const ctx = { externalLabels: tg.externalLabels, externalURL: tg.externalURL, templateQuery };
    this.groups = ruleGroups.map((g) => ({
      name: g.name,
      limit: g.limit,
      rules: g.rules.map((rule) => ({
        rule,
        alert: rule.kind === 'alert' ? new AlertingRuleState(rule, ctx) : null,
        previous: new Map(),
      })),
    }));
  }

  private evalOptions(): EvalOptions {
    return {
      lookbackDeltaMs: LOOKBACK_MS,
      subqueryDefaultStepMs: this.opts.evaluationIntervalMs,
      promql: this.opts.promql ?? '2.42',
    };
  }

  query(expr: Expr, atMs: number): EvalResult {
    return evaluateInstant(expr, atMs, this.store, { ...this.evalOptions(), startMs: atMs, endMs: atMs });
  }

  private templateQuery(text: string, atMs: number): GoValue {
    let expr = this.exprCache.get(text);
    if (expr === undefined) {
      const parsed = parse(text, { version: this.opts.promql ?? '2.42' });
      expr = parsed.ok ? parsed.expr : (parsed.errors[0]?.message ?? 'parse error');
      this.exprCache.set(text, expr);
    }
    if (typeof expr === 'string') return { kind: 'nil' };
    const result = asVector(this.query(expr, atMs), atMs);
    if (!result.ok) return { kind: 'nil' };
    return {
      kind: 'slice',
      typeName: 'template.queryResult',
      v: result.samples.map((s) => ({
        kind: 'struct',
        typeName: '*template.sample',
        v: new Map<string, GoValue>([
          ['Labels', toMapValue(s.labels)],
          ['Value', { kind: 'float', v: s.value }],
        ]),
      })),
    };
  }

  /** Evaluates every group once at `ts`; returns the rule errors promtool would stop on. */
  private evalStep(ts: number): string[] {
    const errors: string[] = [];
    for (const g of this.groups) {
      for (const r of g.rules) {
        const err = this.evalRule(r, ts, g.limit);
        if (err !== null) errors.push(`rule: ${r.rule.name}, time: ${formatDuration(ts)}, err: ${err}`);
      }
    }
    return errors;
  }

  private evalRule(r: RuntimeRule, ts: number, limit: number): string | null {
    const result = asVector(this.query(r.rule.expr, ts), ts);
    if (!result.ok) return result.error;
    let out: Sample[];
    if (r.alert !== null) {
      const evaluated = r.alert.eval(result.samples, ts, limit);
      if (!evaluated.ok) return evaluated.error;
      out = evaluated.samples;
    } else {
      out = [];
      const seen = new Set<string>();
      for (const s of result.samples) {
        let labels = setLabel(s.labels, '__name__', r.rule.name);
        for (const [k, v] of r.rule.labels) labels = setLabel(labels, k, v);
        const key = labelsKey(labels);
        if (seen.has(key)) return 'vector contains metrics with the same labelset after applying rule labels';
        seen.add(key);
        out.push({ labels, value: s.value, t: ts });
      }
      if (limit > 0 && out.length > limit) return `exceeded limit of ${limit} with ${out.length} series`;
    }
    // Written at once so later rules see them; vanished series get a staleness marker.
    const returned = new Map<string, Labels>();
    for (const s of out) {
      if (this.store.append(s.labels, ts, s.value) === null) returned.set(labelsKey(s.labels), s.labels);
    }
    for (const [key, labels] of r.previous) if (!returned.has(key)) this.store.append(labels, ts, 'stale');
    r.previous = returned;
    return null;
  }

  private maxEvalTime(): number {
    let max = 0;
    for (const a of this.tg.alertTests) max = Math.max(max, a.evalTimeMs);
    for (const p of this.tg.promqlTests) max = Math.max(max, p.evalTimeMs);
    return Math.max(max, this.opts.untilMs ?? 0);
  }

  private alertSnapshot(a: AlertInstance, state: AlertingRuleState): AlertSnapshot {
    return {
      labels: Object.fromEntries(a.labels.map((l) => [l.name, l.value])),
      annotations: Object.fromEntries(state.annotationsOf(a)),
    };
  }

  private observe(ts: number): void {
    const observer = this.opts.observer;
    if (!observer) return;
    const states = new Map<string, AlertStateAt[]>();
    for (const g of this.groups) {
      for (const r of g.rules) {
        if (r.alert === null) continue;
        const list = states.get(r.rule.name) ?? [];
        for (const a of r.alert.current()) {
          if (a.state === 'inactive') continue;
          const annotations = Object.fromEntries(r.alert.annotationsOf(a));
          list.push({ labels: a.labels, state: a.state, value: a.value, annotations });
        }
        states.set(r.rule.name, list);
      }
    }
    observer(ts, states);
  }

  run(): Failure[] {
    const failures: Failure[] = [];
    const testName = this.tg.name;
    const interval = this.opts.evaluationIntervalMs;
    const alertTimes = [...new Set(this.tg.alertTests.map((a) => a.evalTimeMs))].sort((a, b) => a - b);
    let curr = 0;
    const maxt = this.maxEvalTime();
    for (let ts = 0; ts <= maxt; ts += interval) {
      this.input.appendTill(ts);
      const errors = this.evalStep(ts);
      this.observe(ts);
      if (errors.length > 0) {
        for (const message of errors)
          failures.push({ kind: 'error', test: testName, evalTime: formatDuration(ts), message });
        return failures;
      }
      while (curr < alertTimes.length) {
        const t = alertTimes[curr] ?? 0;
        if (!(ts <= t && t < ts + interval)) break;
        for (const test of this.tg.alertTests) {
          if (test.evalTimeMs !== t) continue;
          const failure = this.compareAlerts(test.alertname, test.expAlerts, t);
          if (failure) failures.push(failure);
        }
        curr++;
      }
    }
    for (const test of this.tg.promqlTests) {
      const failure = this.comparePromql(test);
      if (failure) failures.push(failure);
    }
    return failures;
  }

  private compareAlerts(
    alertname: string,
    expAlerts: TestGroup['alertTests'][number]['expAlerts'],
    evalTimeMs: number,
  ): Failure | null {
    const got: AlertSnapshot[] = [];
    for (const g of this.groups) {
      for (const r of g.rules) {
        if (r.alert === null || r.rule.name !== alertname) continue;
        for (const a of r.alert.firing()) got.push(this.alertSnapshot(a, r.alert));
      }
    }
    const expected: AlertSnapshot[] = expAlerts.map((e) => ({
      labels: Object.fromEntries(sortedPairs(new Map([...e.labels, ['alertname', alertname]]))),
      annotations: Object.fromEntries(sortedPairs(e.annotations)),
    }));
    const sortAlerts = (list: AlertSnapshot[]): AlertSnapshot[] =>
      list.sort(
        (a, b) =>
          comparePairs(Object.entries(a.labels), Object.entries(b.labels)) ||
          comparePairs(Object.entries(a.annotations), Object.entries(b.annotations)),
      );
    sortAlerts(got);
    sortAlerts(expected);
    const same =
      got.length === expected.length &&
      got.every((g, i) => {
        const e = expected[i];
        return (
          e !== undefined &&
          comparePairs(Object.entries(g.labels), Object.entries(e.labels)) === 0 &&
          comparePairs(Object.entries(g.annotations), Object.entries(e.annotations)) === 0
        );
      });
    if (same) return null;
    const evalTime = formatDuration(evalTimeMs);
    const head = `${this.tg.name ? `test "${this.tg.name}", ` : ''}alertname: ${alertname}, time: ${evalTime}`;
    const lines = diffLines(expected.map(renderAlert), got.map(renderAlert));
    return {
      kind: 'alert',
      test: this.tg.name,
      alertname,
      evalTime,
      expected,
      got,
      message: `${head}\n  expected (-) vs got (+) firing alerts:\n${lines.join('\n')}`,
    };
  }

  private comparePromql(test: TestGroup['promqlTests'][number]): Failure | null {
    const evalTime = formatDuration(test.evalTimeMs);
    const head = `${this.tg.name ? `test "${this.tg.name}", ` : ''}expr: ${JSON.stringify(test.exprText)}, time: ${evalTime}`;
    const errorFailure = (message: string): Failure => ({
      kind: 'error',
      test: this.tg.name,
      evalTime,
      message: `${head}, err: ${message}`,
    });
    if (test.expr === null) return errorFailure(test.parseError ?? 'parse error');
    const result = asVector(this.query(test.expr, test.evalTimeMs), test.evalTimeMs);
    if (!result.ok) return errorFailure(result.error);
    const got = result.samples.map((s) => ({ labels: s.labels, value: s.value }));
    const expected: { labels: Labels; value: number }[] = [];
    for (const s of test.expSamples) {
      // parser.ParseMetric accepts an empty string as the empty label set (scalar results).
      const parsed = s.labels.trim() === '' ? { ok: true as const, labels: [] } : parseSeriesLabels(s.labels);
      if (!parsed.ok) return errorFailure(`labels ${JSON.stringify(s.labels)}: ${parsed.error.message}`);
      expected.push({ labels: parsed.labels, value: s.value });
    }
    got.sort((a, b) => compareLabels(a.labels, b.labels));
    expected.sort((a, b) => compareLabels(a.labels, b.labels));
    // reflect.DeepEqual on float64 uses ==, so NaN never equals NaN.
    const same =
      got.length === expected.length &&
      got.every((g, i) => {
        const e = expected[i];
        return e !== undefined && compareLabels(g.labels, e.labels) === 0 && g.value === e.value;
      });
    if (same) return null;
    const snap = (s: { labels: Labels; value: number }): SampleSnapshot => ({
      labels: formatLabelsText(s.labels),
      value: Number.isFinite(s.value) ? s.value : formatSampleValue(s.value),
    });
    const render = (s: { labels: Labels; value: number }): string =>
      `${formatLabelsText(s.labels)} ${formatSampleValue(s.value)}`;
    const lines = diffLines(expected.map(render), got.map(render));
    if (got.some((g) => Number.isNaN(g.value)) && !lines.some((l) => /^ {2}[-+]/.test(l)))
      lines.push('  (NaN never equals NaN: promtool fails any expectation of NaN, and so does obsgen)');
    return {
      kind: 'expr',
      test: this.tg.name,
      expr: test.exprText,
      evalTime,
      expected: expected.map(snap),
      got: got.map(snap),
      message: `${head}\n  expected (-) vs got (+) samples:\n${lines.join('\n')}`,
    };
  }
}

function formatLabelsText(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

function sortedPairs(m: ReadonlyMap<string, string>): [string, string][] {
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** labels.Compare over already sorted pairs. */
function comparePairs(
  a: readonly (readonly [string, string])[],
  b: readonly (readonly [string, string])[],
): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [an, av] = a[i] ?? ['', ''];
    const [bn, bv] = b[i] ?? ['', ''];
    if (an !== bn) return an < bn ? -1 : 1;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return a.length - b.length;
}
