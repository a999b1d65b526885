// gen on synthetic catalogs: 1,000 and 5,000 services, and 1,000 with two SLOs each, the pipeline
// (load, generate, check, emit, in memory) and the write timed apart, and services per second.
// Target (issue 12): 1,000 under 1 s of pipeline time; 5,000 within 5.5x of 1,000 end to end. Pipeline CPU time is shown beside its
// wall time: on a shared machine the wall time also counts other processes' turns.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeOutput } from '../src/emit/write.ts';
import { formatYaml } from '../src/emit/yaml.ts';
import { runPipeline } from '../src/pipeline/run.ts';

const teams = ['payments', 'search', 'identity', 'platform', 'growth'];

/** Service names of the synthetic catalogs: `svc-00000`, `svc-00001`, ... */
export function syntheticServiceName(i: number): string {
  return `svc-${String(i).padStart(5, '0')}`;
}

/** The shape of each synthetic service: its scrape interval, histogram buckets and SLOs. */
export const syntheticShape = {
  scrapeSeconds: 30,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5],
} as const;

export interface SyntheticOptions {
  /** An availability and a latency SLO per service (default: none). */
  readonly slos?: boolean;
  /** The catalog's `settings:` (default: none). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * A catalog of `count` services shaped like the example ones: RED metrics, a gauge and its
 * saturation alert, and with `slos` an availability and a latency SLO each.
 */
export function syntheticCatalog(count: number, options: SyntheticOptions = {}): string {
  const services: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const name = syntheticServiceName(i);
    const prefix = `svc${i}`;
    services[name] = {
      team: teams[i % teams.length],
      namespace: name,
      scrape: { port: 'metrics', interval: `${syntheticShape.scrapeSeconds}s`, selector: { app: name } },
      metrics: {
        requests: { name: `${prefix}_requests_total`, type: 'counter', labels: ['method', 'code'] },
        latency: {
          name: `${prefix}_request_duration_seconds`,
          type: 'histogram',
          labels: ['method'],
          buckets: [...syntheticShape.buckets],
        },
        queue: { name: `${prefix}_queue_length`, type: 'gauge' },
      },
      red: {
        requests: 'requests',
        errors: `${prefix}_requests_total{code=~"5.."}`,
        latency: 'latency',
        latencyThreshold: 1,
      },
      saturation: { queue: { used: 'queue', threshold: 100 } },
      ...(options.slos
        ? {
            slos: {
              availability: {
                objective: 99.9,
                errors: `${prefix}_requests_total{code=~"5.."}`,
                total: 'requests',
              },
              latency: { objective: 99, latency: { metric: 'latency', threshold: 0.5 } },
            },
          }
        : {}),
    };
  }
  const teamEntries = Object.fromEntries(
    teams.map((team) => [
      team,
      {
        receivers: {
          chat: { slack: { channel: `#${team}`, apiURL: { secret: 'alertmanager-slack', key: team } } },
        },
        routing: { default: 'chat' },
      },
    ]),
  );
  return formatYaml({
    ...(options.settings ? { settings: options.settings } : {}),
    teams: teamEntries,
    services,
  });
}

interface GenTiming {
  /** Catalog to the complete set of files, in memory. */
  readonly pipeline: number;
  /** CPU time of the process (every thread, the collector's too) over the pipeline. */
  readonly pipelineCpu: number;
  /** Writing them (staging folder, swap). */
  readonly write: number;
  readonly files: number;
}

async function timeGen(count: number, dirs: string[], options: SyntheticOptions = {}): Promise<GenTiming> {
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-bench-'));
  // Removed at the end: deleting 25,000 files here would slow the next run's writes.
  dirs.push(dir);
  await writeFile(path.join(dir, 'catalog.yaml'), syntheticCatalog(count, options));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await runPipeline(path.join(dir, 'catalog.yaml'), 'catalog.yaml');
  if (result.files.length === 0) throw new Error(`gen failed: ${result.problems[0]?.message ?? 'no files'}`);
  const generated = performance.now();
  const used = process.cpuUsage(cpu);
  await writeOutput(path.join(dir, 'generated'), result.files);
  const written = performance.now();
  settleDisk();
  return {
    pipeline: (generated - started) / 1000,
    pipelineCpu: (used.user + used.system) / 1e6,
    write: (written - generated) / 1000,
    files: result.files.length,
  };
}

/**
 * Waits, untimed, until the kernel has flushed what the write left in its cache: on a small
 * machine that flush would otherwise run beside the next timed pipeline and be counted in it.
 */
function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // No sync command: the next run may share the machine with the flush.
  }
}

function median(timings: readonly GenTiming[]): GenTiming {
  const sorted = [...timings].sort((a, b) => a.pipeline + a.write - (b.pipeline + b.write));
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no timings');
  return middle;
}

async function medianOf(
  runs: number,
  count: number,
  dirs: string[],
  options: SyntheticOptions = {},
): Promise<GenTiming> {
  const timings: GenTiming[] = [];
  for (let i = 0; i < runs; i++) timings.push(await timeGen(count, dirs, options));
  return median(timings);
}

export async function run(): Promise<string> {
  const dirs: string[] = [];
  try {
    // Also the warm-up: the first run compiles each function as it is first called and the JIT has
    // not yet seen the shapes (the modules are loaded before it starts). Reported apart, since a
    // single `npm run gen` is such a first run.
    const first = await timeGen(1000, dirs);
    const small = await medianOf(3, 1000, dirs);
    const large = await medianOf(1, 5000, dirs);
    // SLOs add their rules, tests and dashboards: a path of their own, warmed up apart.
    await timeGen(1000, dirs, { slos: true });
    const withSlos = await medianOf(3, 1000, dirs, { slos: true });
    return report(first, small, large, withSlos);
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}

function report(first: GenTiming, small: GenTiming, large: GenTiming, withSlos: GenTiming): string {
  const total = (t: GenTiming) => t.pipeline + t.write;
  const row = (label: string, count: number, r: GenTiming) =>
    `| ${label} | ${total(r).toFixed(2)} s | ${r.pipeline.toFixed(2)} s | ${r.pipelineCpu.toFixed(2)} s | ${r.write.toFixed(2)} s | ${Math.round(count / total(r))} | ${r.files} |`;
  const rows = [
    row('1,000, first run of the process', 1000, first),
    row('1,000 (median of 3)', 1000, small),
    row('5,000', 5000, large),
    row('1,000 with 2 SLOs each (median of 3)', 1000, withSlos),
  ];
  return [
    '## gen on synthetic catalogs',
    '',
    'In-process, the first run of the process on its own row, the others after it: the pipeline (catalog to every file, in memory: rules built as ASTs, checked and linted without a reparse, dashboards, monitors, routes, tests) and the atomic write of generated/.',
    '',
    '| services | wall time | pipeline | pipeline CPU | write | services/s | files |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `5,000 / 1,000 time ratio: ${(total(large) / total(small)).toFixed(2)}x (target <= 5.5x); 1,000 pipeline: ${small.pipeline.toFixed(2)} s (target < 1 s)`,
  ].join('\n');
}
