// Alert unit tests in TypeScript (`obsgen/testing`), for vitest or any runner that reports thrown
// errors: build a scenario from rule files or inline rules and series, then assert on alert states.
// Same engine and promtool semantics as `obsgen test`; scenarios export to promtool files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { formatDuration, parseDuration } from '../promql/duration.ts';
import type { PromVersion } from '../promql/functions.ts';
import { type LoadedGroup, loadRuleFile, parseRuleFile } from '../rulefile/rulefmt.ts';
import { type CoverageCollector, renderCoverage } from './coverage.ts';
import { type Labels, labelsKey } from './engine/labels.ts';
import { renderFailure } from './failure.ts';
import { parseSeriesLabels, parseSeriesValues } from './notation.ts';
import { orderGroups } from './runner.ts';
import { type AlertStateAt, TestGroupRun } from './test-group.ts';
import type { InputSeries, TestGroup } from './testfile.ts';

/** One input series in promtool notation: `series: 'up{job="api"}'`, `values: '1+0x10'`. */
export interface SeriesInput {
  readonly series: string;
  readonly values: string;
}

export interface ScenarioOptions {
  /** Rule files (plain `groups:` YAML), relative to the working folder. */
  readonly ruleFiles?: readonly string[];
  /** Inline rules: a `groups:` document as YAML text or as an object. */
  readonly rules?: string | { readonly groups: readonly unknown[] };
  /** Series: promtool notation per series, or the output of helpers such as counterSeries. */
  readonly series: Readonly<Record<string, string>> | readonly SeriesInput[];
  /** Sample spacing of the series (default 1m). */
  readonly interval?: string;
  /** Rule evaluation interval (default 1m). */
  readonly evaluationInterval?: string;
  readonly groupEvalOrder?: readonly string[];
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly externalURL?: string;
  /** Evaluate up to here (default: the last input sample). */
  readonly until?: string;
  readonly name?: string;
  /** '3': rules parsed and evaluated as Prometheus 3.x does (EvalOptions.promql); default '2.42'. */
  readonly promql?: PromVersion;
  /** Collects rule coverage of the expectations made on this scenario (see expectCoverage). */
  readonly coverage?: CoverageCollector;
}

interface Step {
  readonly ts: number;
  readonly alerts: ReadonlyMap<string, readonly AlertStateAt[]>;
}

export interface Scenario {
  readonly options: ScenarioOptions;
  readonly series: readonly SeriesInput[];
  readonly intervalMs: number;
  readonly evaluationIntervalMs: number;
  /** The alert states at every evaluation step. */
  readonly timeline: readonly Step[];
  /** Alert-state expectations made so far, for exportPromtoolTest. */
  readonly checkedTimes: Map<string, Set<number>>;
  /** The groups given inline (`rules`), for coverage. */
  readonly inlineGroups: readonly LoadedGroup[];
}

function ms(text: string, what: string): number {
  const d = parseDuration(text);
  if (!d.ok) throw new Error(`${what}: ${d.message}`);
  return d.ms;
}

function seriesList(series: ScenarioOptions['series']): SeriesInput[] {
  return Array.isArray(series)
    ? [...(series as readonly SeriesInput[])]
    : Object.entries(series as Record<string, string>).map(([s, values]) => ({ series: s, values }));
}

function loadGroups(options: ScenarioOptions): { groups: LoadedGroup[]; inline: LoadedGroup[] } {
  const groups: LoadedGroup[] = [];
  const inline: LoadedGroup[] = [];
  const fail = (
    problems: readonly { file: string; line: number; column: number; message: string }[],
  ): never => {
    throw new Error(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  };
  for (const f of options.ruleFiles ?? []) {
    const loaded = loadRuleFile(path.resolve(f), f, options.promql);
    if (!loaded.ok) fail(loaded.problems);
    else groups.push(...loaded.groups);
  }
  if (options.rules !== undefined) {
    const text = typeof options.rules === 'string' ? options.rules : stringify(options.rules);
    const loaded = parseRuleFile(text, '<inline rules>', options.promql);
    if (!loaded.ok) fail(loaded.problems);
    else inline.push(...loaded.groups);
  }
  return { groups: [...groups, ...inline], inline };
}

function toInputSeries(list: readonly SeriesInput[]): InputSeries[] {
  return list.map((s) => {
    const labels = parseSeriesLabels(s.series);
    if (!labels.ok) throw new Error(`series ${JSON.stringify(s.series)}: ${labels.error.message}`);
    const values = parseSeriesValues(s.values);
    if (!values.ok)
      throw new Error(`values ${JSON.stringify(s.values)} of ${s.series}: ${values.error.message}`);
    return { labels: labels.labels, values: values.values };
  });
}

/** Runs the rules over the series once; assertions then read the recorded timeline. */
export function scenario(options: ScenarioOptions): Scenario {
  const intervalMs = ms(options.interval ?? '1m', 'interval');
  const evaluationIntervalMs = ms(options.evaluationInterval ?? '1m', 'evaluationInterval');
  const series = seriesList(options.series);
  const inputSeries = toInputSeries(series);
  const lastSample = Math.max(0, ...inputSeries.map((s) => (s.values.length - 1) * intervalMs));
  const untilMs = options.until !== undefined ? ms(options.until, 'until') : lastSample;
  const tg: TestGroup = {
    name: options.name ?? '',
    intervalMs,
    inputSeries,
    alertTests: [],
    promqlTests: [],
    externalLabels: new Map(Object.entries(options.externalLabels ?? {})),
    externalURL: options.externalURL ?? '',
    at: { file: '<scenario>', line: 1, column: 1 },
  };
  const loaded = loadGroups(options);
  const ordered = orderGroups(loaded.groups, options.groupEvalOrder ?? [], '<scenario>');
  const timeline: Step[] = [];
  const run = new TestGroupRun(tg, ordered.groups, {
    evaluationIntervalMs,
    untilMs,
    promql: options.promql ?? '2.42',
    observer: (ts, alerts) => timeline.push({ ts, alerts }),
  });
  const failures = run.run();
  if (failures.length > 0) throw new Error(failures.map(renderFailure).join('\n'));
  return {
    options,
    series,
    intervalMs,
    evaluationIntervalMs,
    timeline,
    checkedTimes: new Map(),
    inlineGroups: loaded.inline,
  };
}

export interface CounterSeriesOptions {
  /** Counter name, default `http_requests_total`. */
  readonly metric?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Requests per second. */
  readonly rate: number;
  /** Fraction of requests that fail, 0..1. */
  readonly errorRatio?: number;
  /** Minute the counter starts (absent before), default 0. */
  readonly fromMin?: number;
  /** Minute of the last sample. */
  readonly toMin: number;
  /** Labels that mark failed and successful requests (default code 500 / 200). */
  readonly errorLabels?: Readonly<Record<string, string>>;
  readonly okLabels?: Readonly<Record<string, string>>;
  /** Sample spacing; must match the scenario's interval (default 1m). */
  readonly interval?: string;
}

function selector(metric: string, labels: Readonly<Record<string, string>>): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${metric}{${inner}}`;
}

function counterValues(perStep: number, fromStep: number, steps: number): string {
  const absent = fromStep > 0 ? `_x${fromStep} ` : '';
  return `${absent}0+${perStep}x${steps}`;
}

/** A request counter at `rate`/s with `errorRatio` failing, from minute `fromMin` to `toMin`: two series. */
export function counterSeries(o: CounterSeriesOptions): SeriesInput[] {
  const stepSec = ms(o.interval ?? '1m', 'interval') / 1000;
  const metric = o.metric ?? 'http_requests_total';
  const fromStep = Math.round(((o.fromMin ?? 0) * 60) / stepSec);
  const steps = Math.round(((o.toMin - (o.fromMin ?? 0)) * 60) / stepSec);
  const ratio = o.errorRatio ?? 0;
  const perStep = o.rate * stepSec;
  return [
    {
      series: selector(metric, { ...o.labels, ...(o.okLabels ?? { code: '200' }) }),
      values: counterValues(perStep * (1 - ratio), fromStep, steps),
    },
    {
      series: selector(metric, { ...o.labels, ...(o.errorLabels ?? { code: '500' }) }),
      values: counterValues(perStep * ratio, fromStep, steps),
    },
  ];
}

type LabelMatch = Readonly<Record<string, string>>;

function labelsText(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

function matches(labels: Labels, want: LabelMatch | undefined): boolean {
  if (want === undefined) return true;
  return Object.entries(want).every(([k, v]) => labels.some((l) => l.name === k && l.value === v));
}

/** The step promtool compares an eval_time with: ts <= t < ts + evaluation interval. */
function stepAt(s: Scenario, t: number): Step | undefined {
  return s.timeline.find((step) => step.ts <= t && t < step.ts + s.evaluationIntervalMs);
}

/** The alert's states over time, runs of equal steps merged: what failure messages show. */
export function alertTimeline(s: Scenario, alertname: string): string {
  const rows: { from: number; to: number; text: string }[] = [];
  for (const step of s.timeline) {
    const alerts = step.alerts.get(alertname) ?? [];
    const text =
      alerts.length === 0
        ? 'inactive'
        : [...alerts]
            .sort((a, b) => (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1))
            .map((a) => `${a.state} ${labelsText(a.labels)}`)
            .join('; ');
    const last = rows[rows.length - 1];
    if (last && last.text === text) last.to = step.ts;
    else rows.push({ from: step.ts, to: step.ts, text });
  }
  const when = (r: { from: number; to: number }): string =>
    r.from === r.to ? formatDuration(r.from) : `${formatDuration(r.from)}..${formatDuration(r.to)}`;
  const width = Math.max(0, ...rows.map((r) => when(r).length));
  return rows.map((r) => `  ${when(r).padEnd(width)}  ${r.text}`).join('\n');
}

export interface AlertExpectation {
  /** Some instance of the alert (matching `labels`, if given) is firing at `time`. */
  firesAt(time: string, labels?: LabelMatch): AlertExpectation;
  /** Some instance is pending (active, `for` not yet elapsed) at `time`. */
  pendingAt(time: string, labels?: LabelMatch): AlertExpectation;
  /** No instance is firing at `time` (pending is fine, as promtool sees it). */
  notFiringAt(time: string, labels?: LabelMatch): AlertExpectation;
  /** Never fires during the scenario. */
  neverFires(labels?: LabelMatch): AlertExpectation;
}

export function expectAlert(s: Scenario, alertname: string): AlertExpectation {
  const known = s.timeline.some((step) => step.alerts.has(alertname));
  if (!known && s.timeline.length > 0) throw new Error(`no alerting rule named ${alertname} in the scenario`);
  const fail = (what: string): never => {
    throw new Error(
      `${alertname}: ${what}\nstate timeline (evaluation every ${formatDuration(s.evaluationIntervalMs)}):\n${alertTimeline(s, alertname)}`,
    );
  };
  const record = (t: number): void => {
    const set = s.checkedTimes.get(alertname) ?? new Set<number>();
    set.add(t);
    s.checkedTimes.set(alertname, set);
  };
  /** A passed expectation, as coverage counts it: the firing instances it saw at t (none: silence). */
  const covered = (t: number, firing: readonly AlertStateAt[]): void => {
    const collector = s.options.coverage;
    if (!collector) return;
    const inline =
      s.inlineGroups.length > 0 ? { name: s.options.name ?? '<inline rules>', groups: s.inlineGroups } : null;
    const expAlerts = firing.map((a) => ({
      labels: new Map(a.labels.map((l) => [l.name, l.value] as const)),
      annotations: new Map<string, string>(),
    }));
    collector.addChecks(s.options.ruleFiles ?? [], inline, [
      { alertname, evalTimeMs: t, expAlerts, at: { file: '<scenario>', line: 1, column: 1 } },
    ]);
  };
  const firingAt = (step: Step) => (step.alerts.get(alertname) ?? []).filter((a) => a.state === 'firing');
  const at = (time: string): { t: number; step: Step } => {
    const t = ms(time, 'time');
    const step = stepAt(s, t);
    if (step === undefined) return fail(`${time} is after the end of the scenario (set until)`);
    return { t, step };
  };
  const describe = (labels?: LabelMatch): string => (labels ? ` with ${JSON.stringify(labels)}` : '');
  const api: AlertExpectation = {
    firesAt(time, labels) {
      const { t, step } = at(time);
      record(t);
      const alerts = step.alerts.get(alertname) ?? [];
      if (!alerts.some((a) => a.state === 'firing' && matches(a.labels, labels)))
        fail(`expected firing at ${time}${describe(labels)}`);
      covered(
        t,
        firingAt(step).filter((a) => matches(a.labels, labels)),
      );
      return api;
    },
    pendingAt(time, labels) {
      const { step } = at(time);
      const alerts = step.alerts.get(alertname) ?? [];
      if (!alerts.some((a) => a.state === 'pending' && matches(a.labels, labels)))
        fail(`expected pending at ${time}${describe(labels)}`);
      return api;
    },
    notFiringAt(time, labels) {
      const { t, step } = at(time);
      record(t);
      const alerts = step.alerts.get(alertname) ?? [];
      if (alerts.some((a) => a.state === 'firing' && matches(a.labels, labels)))
        fail(`expected not firing at ${time}${describe(labels)}`);
      covered(t, firingAt(step));
      return api;
    },
    neverFires(labels) {
      for (const step of s.timeline) {
        record(step.ts);
        const alerts = step.alerts.get(alertname) ?? [];
        if (alerts.some((a) => a.state === 'firing' && matches(a.labels, labels)))
          fail(`expected never to fire${describe(labels)}, but fires at ${formatDuration(step.ts)}`);
      }
      const seen = new Map(s.timeline.flatMap((step) => firingAt(step)).map((a) => [labelsKey(a.labels), a]));
      covered(s.timeline.at(-1)?.ts ?? 0, [...seen.values()]);
      return api;
    },
  };
  return api;
}

export interface ExportOptions {
  /** Rule files as the exported test should reference them (default: the scenario's, made relative). */
  readonly ruleFiles?: readonly string[];
}

/**
 * Writes a promtool test file checking, at every time the scenario's assertions looked at, exactly the
 * firing alerts obsgen computed, so CI can double-check with `promtool test rules`. Inline rules are
 * written beside it as `<name>.rules.yaml`.
 */
export function exportPromtoolTest(s: Scenario, file: string, options: ExportOptions = {}): string {
  const dir = path.dirname(path.resolve(file));
  mkdirSync(dir, { recursive: true });
  const ruleFiles = options.ruleFiles
    ? [...options.ruleFiles]
    : (s.options.ruleFiles ?? []).map((f) => path.relative(dir, path.resolve(f)));
  if (s.options.rules !== undefined) {
    const rulesFile = `${path.basename(file).replace(/\.ya?ml$/, '')}.rules.yaml`;
    const text =
      typeof s.options.rules === 'string' ? s.options.rules : stringify(s.options.rules, { lineWidth: 0 });
    writeFileSync(path.join(dir, rulesFile), `# generated by obsgen, do not edit\n${text}`);
    ruleFiles.push(rulesFile);
  }
  const alertTests: unknown[] = [];
  for (const [alertname, times] of [...s.checkedTimes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const t of [...times].sort((a, b) => a - b)) {
      const firing = (stepAt(s, t)?.alerts.get(alertname) ?? []).filter((a) => a.state === 'firing');
      alertTests.push({
        eval_time: formatDuration(t),
        alertname,
        exp_alerts: firing.map((a) => ({
          exp_labels: Object.fromEntries(
            a.labels.filter((l) => l.name !== 'alertname').map((l) => [l.name, l.value]),
          ),
          exp_annotations: a.annotations,
        })),
      });
    }
  }
  const doc = {
    rule_files: ruleFiles,
    evaluation_interval: formatDuration(s.evaluationIntervalMs),
    ...(s.options.groupEvalOrder ? { group_eval_order: [...s.options.groupEvalOrder] } : {}),
    tests: [
      {
        ...(s.options.name ? { name: s.options.name } : {}),
        interval: formatDuration(s.intervalMs),
        ...(s.options.externalLabels ? { external_labels: s.options.externalLabels } : {}),
        ...(s.options.externalURL ? { external_url: s.options.externalURL } : {}),
        input_series: s.series.map((x) => ({ series: x.series, values: x.values })),
        alert_rule_test: alertTests,
      },
    ],
  };
  const text = `# generated by obsgen, do not edit\n${stringify(doc, { lineWidth: 0 })}`;
  writeFileSync(path.resolve(file), text);
  return text;
}

export { CoverageCollector, type CoverageReport, renderCoverage } from './coverage.ts';

/**
 * Throws, with the coverage report, when the scenarios' expectations cover less than `min` percent
 * of the rules they load (an afterAll of a vitest file, say): the same counting as `obsgen test
 * --coverage`, over firesAt/notFiringAt/neverFires.
 */
export function expectCoverage(collector: CoverageCollector, min: number): void {
  const report = collector.report();
  if (Math.floor(report.total.percent * 10) / 10 < min)
    throw new Error(`rule coverage below ${min}%\n${renderCoverage(report)}`);
}
