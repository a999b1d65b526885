// A fleet at ruler scale: synthetic catalogs of 1,000, 5,000 and 10,000 services (RED metrics, a
// gauge, an availability and a latency SLO each, aggregated by cluster as a Mimir or Thanos ruler
// needs), measured for gen time, output size, rule count, and the samples the rules read per hour
// at the intervals gen writes.
//
// Samples are counted the way the SLO bench counts them (each rule's expression evaluated once,
// summing what Prometheus's stats=all calls totalQueryableSamples, times the evaluations per hour of
// its group), with obsgen's engine standing in for Prometheus: its `stats` option counts one sample
// per series an instant selector returns and every point a range selector loads. The data: every
// raw series a service exposes (3 instances, 4 methods, 2 codes, 30s scrapes), and every series the
// recording rules write, with history at their group's interval reaching as far back as any rule
// reads (30 days). Every generated rule selects one service, so a fleet's cost is the sum of its
// services'; two services are probed and must cost the same.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runPipeline } from '../src/pipeline/run.ts';
import { durationMs } from '../src/promql/duration.ts';
import { parse } from '../src/promql/index.ts';
import { evaluateInstant, type Labels, labelsFrom, SeriesStore } from '../src/unittest/engine/index.ts';
import { syntheticCatalog, syntheticServiceName, syntheticShape } from './gen.ts';

const sizes = [1000, 5000, 10_000] as const;
const { scrapeSeconds, buckets } = syntheticShape;
const instances = ['a', 'b', 'c'];
const methods = ['GET', 'POST', 'PUT', 'DELETE'];
const codes = ['200', '500'];
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const serviceName = syntheticServiceName;

/** gen.ts's synthetic services with their two SLOs, aggregated by cluster for a Mimir ruler. */
export function fleetCatalog(count: number): string {
  return syntheticCatalog(count, {
    slos: true,
    settings: { target: 'mimir', aggregationLabels: ['cluster'], evaluationInterval: '1m' },
  });
}

interface RuleText {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

interface GroupText {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly RuleText[];
}

interface GenFigures {
  readonly seconds: number;
  readonly bytes: number;
  readonly files: number;
  readonly groups: number;
  readonly recording: number;
  readonly alerting: number;
  /** The 1-minute load average when gen started and when it ended (the machine is shared). */
  readonly load: readonly [number, number];
  /** The rule groups of the first services, for the sample probe. */
  readonly probe: ReadonlyMap<string, readonly GroupText[]>;
}

export async function genFigures(count: number, probeCount: number): Promise<GenFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-scale-'));
  try {
    await writeFile(path.join(dir, 'catalog.yaml'), fleetCatalog(count));
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const result = await runPipeline(path.join(dir, 'catalog.yaml'), 'catalog.yaml');
    const seconds = (performance.now() - started) / 1000;
    const load = [loadBefore, loadavg()[0] ?? 0] as const;
    if (result.files.length === 0)
      throw new Error(`gen failed: ${result.problems[0]?.message ?? 'no files'}`);
    let bytes = 0;
    let groups = 0;
    let recording = 0;
    let alerting = 0;
    const probe = new Map<string, GroupText[]>();
    for (const file of result.files) {
      bytes += Buffer.byteLength(file.content);
      const match = /^prometheus\/rule-files\/(.+)\.rules\.yaml$/.exec(file.path);
      if (!match) continue;
      const parsed = (parseYaml(file.content) as { groups: GroupText[] }).groups;
      groups += parsed.length;
      for (const g of parsed)
        for (const r of g.rules) {
          if (r.record) recording++;
          else alerting++;
        }
      const service = match[1] ?? '';
      if (probe.size < probeCount && service.startsWith('svc-')) probe.set(service, parsed);
    }
    return { seconds, bytes, files: result.files.length, groups, recording, alerting, load, probe };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Evaluation interval of a group: its own, else the catalog's evaluationInterval (1m). */
function intervalMs(group: GroupText): number {
  return group.interval ? (durationMs(group.interval) ?? 60_000) : 60_000;
}

function labels(pairs: Record<string, string>): Labels {
  return labelsFrom(Object.entries(pairs));
}

/** Appends a series at `stepMs` over [from, to]; counters grow, gauges stay. */
function fill(
  store: SeriesStore,
  l: Labels,
  from: number,
  to: number,
  stepMs: number,
  counter: boolean,
): void {
  let value = 0;
  for (let t = to - Math.floor((to - from) / stepMs) * stepMs; t <= to; t += stepMs) {
    value = counter ? value + 1 : 5;
    store.append(l, t, value);
  }
}

/** Raw series of service `i` over the last hour, as its instances expose them. */
function rawSeries(store: SeriesStore, i: number, now: number): void {
  const service = serviceName(i);
  const prefix = `svc${i}`;
  const from = now - hourMs;
  const step = scrapeSeconds * 1000;
  const base = { service, cluster: 'eu-1' };
  for (const instance of instances) {
    fill(store, labels({ ...base, __name__: 'up', instance }), from, now, step, false);
    fill(store, labels({ ...base, __name__: `${prefix}_queue_length`, instance }), from, now, step, false);
    for (const method of methods) {
      for (const code of codes)
        fill(
          store,
          labels({ ...base, __name__: `${prefix}_requests_total`, instance, method, code }),
          from,
          now,
          step,
          true,
        );
      for (const le of [...buckets.map(String), '+Inf'])
        fill(
          store,
          labels({ ...base, __name__: `${prefix}_request_duration_seconds_bucket`, instance, method, le }),
          from,
          now,
          step,
          true,
        );
      for (const suffix of ['_count', '_sum'])
        fill(
          store,
          labels({ ...base, __name__: `${prefix}_request_duration_seconds${suffix}`, instance, method }),
          from,
          now,
          step,
          true,
        );
    }
  }
}

interface GroupCost {
  readonly name: string;
  readonly intervalMs: number;
  readonly perEvaluation: number;
  readonly perHour: number;
}

/**
 * Samples each group of one service reads per evaluation and per hour. The recording rules' output
 * series get their history first (in group order, as the ruler would have written it), so the
 * rules reading them load what they would load on a ruler that has run for 30 days.
 */
export function serviceCost(i: number, groups: readonly GroupText[]): GroupCost[] {
  const store = new SeriesStore();
  const now = 31 * dayMs;
  rawSeries(store, i, now);
  const historyFrom = now - 30 * dayMs - hourMs;
  const exprs = new Map(
    groups.flatMap((g) =>
      g.rules.map((r) => {
        const parsed = parse(r.expr);
        if (!parsed.ok) throw new Error(`${r.expr}: ${parsed.errors[0]?.message}`);
        return [r, parsed.expr] as const;
      }),
    ),
  );
  for (const group of groups) {
    for (const rule of group.rules) {
      if (!rule.record) continue;
      const expr = exprs.get(rule);
      if (!expr) continue;
      const result = evaluateInstant(expr, now, store, { subqueryDefaultStepMs: intervalMs(group) });
      if (!result.ok || result.value.type !== 'vector') continue;
      for (const sample of result.value.samples) {
        const out = labelsFrom([
          ...sample.labels.map((l) => [l.name, l.value] as const),
          ...Object.entries(rule.labels ?? {}),
          ['__name__', rule.record],
        ]);
        fill(store, out, historyFrom, now, intervalMs(group), false);
      }
    }
  }
  return groups.map((group) => {
    const stats = { samples: 0 };
    for (const rule of group.rules) {
      const expr = exprs.get(rule);
      if (expr) evaluateInstant(expr, now, store, { subqueryDefaultStepMs: intervalMs(group), stats });
    }
    const every = intervalMs(group);
    return {
      name: group.name,
      intervalMs: every,
      perEvaluation: stats.samples,
      perHour: (stats.samples * hourMs) / every,
    };
  });
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');

export async function run(): Promise<string> {
  const figures: GenFigures[] = [];
  for (const size of sizes) {
    const f = await genFigures(size, 2);
    figures.push(f);
    // Progress on stderr: a 10,000-service run takes minutes on a loaded machine.
    console.error(
      `scale: ${size} services: gen ${f.seconds.toFixed(1)} s (load ${f.load.map((l) => l.toFixed(1)).join(' -> ')}), ${(f.bytes / 1024 / 1024).toFixed(1)} MiB, ${f.files} files, ${f.groups} groups, ${f.recording} + ${f.alerting} rules`,
    );
  }
  const probe = figures[0]?.probe ?? new Map();
  const costs = [...probe.entries()].map(([service, groups]) => ({
    service,
    groups: serviceCost(Number(service.slice(4)), groups),
  }));
  const perHour = costs.map((c) => c.groups.reduce((sum, g) => sum + g.perHour, 0));
  if (perHour.length < 2 || perHour[0] !== perHour[1])
    throw new Error(`probed services differ in cost: ${perHour.join(', ')}`);
  const perService = perHour[0] ?? 0;
  const first = costs[0];
  const rows = figures.map((f, index) => {
    const size = sizes[index] ?? 0;
    return `| ${n(size)} | ${f.seconds.toFixed(1)} s (load ${f.load.map((l) => l.toFixed(1)).join('-')}) | ${(f.bytes / 1024 / 1024).toFixed(1)} MiB | ${n(f.files)} | ${n(f.groups)} | ${n(f.recording)} + ${n(f.alerting)} | ${n(perService * size)} | ${n((perService * size) / 3600)} |`;
  });
  return [
    '## Scale: a fleet on the ruler',
    '',
    'Synthetic catalogs (RED metrics, a gauge, an availability and a latency SLO per service; target mimir, aggregationLabels [cluster], evaluationInterval 1m). gen time is the in-process pipeline (catalog to every file in memory, rules parsed and linted), one run each.',
    '',
    '| services | gen time | output | files | rule groups | recording + alerting rules | samples read per hour | samples/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Samples per service, counted on ${first?.service ?? '?'} (3 instances x 4 methods x 2 codes, 30s scrapes, 30 days of recorded history; a second service costs the same), per group:`,
    '',
    '| group | interval | samples per evaluation | samples per hour |',
    '|---|---|---|---|',
    ...(first?.groups ?? []).map(
      (g) => `| ${g.name} | ${g.intervalMs / 1000}s | ${n(g.perEvaluation)} | ${n(g.perHour)} |`,
    ),
    `| all | | ${n((first?.groups ?? []).reduce((s, g) => s + g.perEvaluation, 0))} | ${n(perService)} |`,
  ].join('\n');
}
