// Differential test of the generated recording rules against a live Prometheus: every raw sample
// is read back over the HTTP API, loaded into obsgen's engine, and each rule is evaluated at each
// timestamp Prometheus evaluated its group at (the timestamps of the samples the group recorded);
// the engine's vector must equal the recorded samples, labels and float bits.
//
// One thing the samples read back cannot tell: whether a scrape (or another group's evaluation)
// stamped a moment before the evaluation was already committed when the rule ran. When a
// comparison differs, it is retried without such in-flight samples (stamped within `guardMs`
// before the evaluation); a match that way is counted as `inFlight`, never silently.
import type { PrometheusApi, RawSeries } from '../../examples/live/api.ts';
import { type LoadedGroup, type LoadedRule, loadRuleFile } from '../../src/rulefile/rulefmt.ts';
import {
  evaluateInstant,
  type Labels,
  labelsFrom,
  labelsKey,
  SeriesStore,
} from '../../src/unittest/engine/index.ts';

export interface RuleResult {
  readonly group: string;
  /** The rule's record name with its static labels. */
  readonly rule: string;
  readonly name: string;
  readonly expr: string;
  /** Evaluations compared on the samples Prometheus recorded. */
  readonly evaluations: number;
  /** Recorded samples compared (an evaluation may record several series, or none). */
  readonly samples: number;
  /** Evaluations that matched only without in-flight samples. */
  readonly inFlight: number;
  /** Instant queries compared, for rules that recorded nothing during the run. */
  readonly queries: number;
  readonly mismatches: readonly string[];
}

export interface DifferentialOptions {
  /** Compare evaluations up to this time (ms). */
  readonly endMs: number;
  /** Per service: evaluations at or after this time (ms) are skipped (the service was stopped). */
  readonly cutoffs: ReadonlyMap<string, number>;
  readonly guardMs?: number;
}

type Vector = Map<string, { labels: Labels; value: number }>;

function toLabels(record: Readonly<Record<string, string>>): Labels {
  return labelsFrom(Object.entries(record));
}

function buildStore(series: readonly RawSeries[], skip: (s: RawSeries, t: number) => boolean): SeriesStore {
  const store = new SeriesStore();
  for (const s of series) {
    const labels = toLabels(s.labels);
    s.times.forEach((t, i) => {
      if (!skip(s, t)) store.append(labels, t, s.values[i] as number);
    });
  }
  return store;
}

/** Labels Prometheus gives a recorded sample: the result's, rule labels set, name replaced. */
function recordedLabels(rule: LoadedRule, result: Labels): Labels {
  const pairs: [string, string][] = result.filter((l) => l.name !== '__name__').map((l) => [l.name, l.value]);
  for (const [name, value] of rule.labels) pairs.push([name, value]);
  pairs.push(['__name__', rule.name]);
  return labelsFrom(pairs);
}

function engineVector(rule: LoadedRule, atMs: number, store: SeriesStore): Vector | string {
  const result = evaluateInstant(rule.expr, atMs, store);
  if (!result.ok) return result.error;
  const value = result.value;
  const out: Vector = new Map();
  if (value.type === 'scalar') {
    const labels = recordedLabels(rule, []);
    out.set(labelsKey(labels), { labels, value: value.value });
  } else if (value.type === 'vector') {
    for (const s of value.samples) {
      const labels = recordedLabels(rule, s.labels);
      out.set(labelsKey(labels), { labels, value: s.value });
    }
  } else return `a recording rule cannot produce a ${value.type}`;
  return out;
}

function isRecordedBy(rule: LoadedRule, s: RawSeries): boolean {
  return s.labels.__name__ === rule.name && rule.labels.every(([name, value]) => s.labels[name] === value);
}

function liveAt(cutoffs: ReadonlyMap<string, number>, labels: Readonly<Record<string, string>>, t: number) {
  const service = labels.service;
  const cutoff = service === undefined ? undefined : cutoffs.get(service);
  return cutoff === undefined || t < cutoff;
}

function keep(vector: Vector, cutoffs: ReadonlyMap<string, number>, t: number): Vector {
  const out: Vector = new Map();
  for (const [key, sample] of vector) {
    const record = Object.fromEntries(sample.labels.map((l) => [l.name, l.value]));
    if (liveAt(cutoffs, record, t)) out.set(key, sample);
  }
  return out;
}

/** Empty when equal; else one line naming the first difference. */
function difference(expected: Vector, got: Vector): string {
  for (const [key, e] of expected) {
    const g = got.get(key);
    if (!g) return `Prometheus recorded ${formatSample(e)}, the engine has no such series`;
    if (!Object.is(e.value, g.value)) return `${formatSample(e)} in Prometheus, ${g.value} in the engine`;
  }
  for (const [key, g] of got)
    if (!expected.has(key)) return `the engine computes ${formatSample(g)}, Prometheus recorded none`;
  return '';
}

function formatSample(s: { labels: Labels; value: number }): string {
  return `{${s.labels.map((l) => `${l.name}="${l.value}"`).join(', ')}} ${s.value}`;
}

/** Distinct sample timestamps in (t - guard, t] other than the group's own samples at t. */
function inFlightTimes(
  series: readonly RawSeries[],
  ownAtT: (s: RawSeries) => boolean,
  t: number,
  guardMs: number,
) {
  const times = new Set<number>();
  for (const s of series) {
    for (let i = s.times.length - 1; i >= 0; i--) {
      const time = s.times[i] as number;
      if (time > t) continue;
      if (time <= t - guardMs) break;
      if (!(time === t && ownAtT(s))) times.add(time);
    }
  }
  return [...times].sort((a, b) => b - a).slice(0, 4);
}

function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out;
}

export async function compareRecordingRules(
  api: PrometheusApi,
  ruleFiles: readonly string[],
  options: DifferentialOptions,
): Promise<RuleResult[]> {
  const guardMs = options.guardMs ?? 500;
  const groups: LoadedGroup[] = ruleFiles.flatMap((file) => {
    const loaded = loadRuleFile(file);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    return [...loaded.groups];
  });
  const raw = await api.rawSamples('{__name__=~".+"}', 3600, options.endMs);
  const store = buildStore(raw, () => false);
  const results: RuleResult[] = [];

  for (const group of groups) {
    const rules = group.rules.filter((r) => r.kind === 'record');
    if (rules.length === 0) continue;
    const recorded = new Map(rules.map((r) => [r, raw.filter((s) => isRecordedBy(r, s))]));
    const ownSeries = new Set([...recorded.values()].flat());
    const times = [...new Set([...ownSeries].flatMap((s) => [...s.times]))]
      .filter((t) => t <= options.endMs)
      .sort((a, b) => a - b);

    for (const rule of rules) {
      const series = recorded.get(rule) ?? [];
      const mismatches: string[] = [];
      let evaluations = 0;
      let samples = 0;
      let inFlight = 0;
      let queries = 0;
      for (const t of times) {
        const expected: Vector = new Map();
        for (const s of series) {
          const i = s.times.indexOf(t);
          if (i < 0 || !liveAt(options.cutoffs, s.labels, t)) continue;
          const labels = toLabels(s.labels);
          expected.set(labelsKey(labels), { labels, value: s.values[i] as number });
        }
        const got = engineVector(rule, t, store);
        if (typeof got === 'string') {
          mismatches.push(`at ${t}: the engine fails: ${got}`);
          continue;
        }
        const live = keep(got, options.cutoffs, t);
        if (expected.size === 0 && live.size === 0) continue;
        evaluations++;
        samples += expected.size;
        const diff = difference(expected, live);
        if (diff === '') continue;
        const candidates = inFlightTimes(raw, (s) => ownSeries.has(s), t, guardMs);
        const explained = subsets(candidates).some((drop) => {
          const filtered = buildStore(
            raw,
            (s, time) => drop.includes(time) && !(time === t && ownSeries.has(s)),
          );
          const retry = engineVector(rule, t, filtered);
          return typeof retry !== 'string' && difference(expected, keep(retry, options.cutoffs, t)) === '';
        });
        if (explained) inFlight++;
        else mismatches.push(`at ${new Date(t).toISOString()}: ${diff}`);
      }
      if (evaluations === 0) {
        // Nothing recorded (say, an hourly group that has not run yet): compare the rule's
        // expression as instant queries at the group's last timestamps, or at the end.
        const at =
          times.length > 0 ? times.slice(-3) : [options.endMs - 2000, options.endMs - 1000, options.endMs];
        for (const t of at) {
          const fromPrometheus: Vector = new Map();
          for (const s of await api.query(rule.exprText, t)) {
            const labels = recordedLabels(rule, toLabels(s.labels));
            fromPrometheus.set(labelsKey(labels), { labels, value: s.value });
          }
          const got = engineVector(rule, t, store);
          queries++;
          const diff =
            typeof got === 'string'
              ? `the engine fails: ${got}`
              : difference(keep(fromPrometheus, options.cutoffs, t), keep(got, options.cutoffs, t));
          if (diff !== '') mismatches.push(`query at ${new Date(t).toISOString()}: ${diff}`);
        }
      }
      results.push({
        group: group.name,
        rule: ruleId(rule),
        name: rule.name,
        expr: rule.exprText,
        evaluations,
        samples,
        inFlight,
        queries,
        mismatches,
      });
    }
  }
  return results;
}

function ruleId(rule: LoadedRule): string {
  const labels = rule.labels.map(([n, v]) => `${n}="${v}"`).join(', ');
  return labels ? `${rule.name}{${labels}}` : rule.name;
}
