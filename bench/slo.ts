// SLOs side by side with Sloth v0.16 (its committed output for examples/getting-started.yml) on the
// same synthetic incident under promtool 2.42: rules per SLO, the minute each alert fires, and the
// wall time promtool spends evaluating each rule set over the same 15s-scraped raw series (a proxy
// for rule-evaluation cost: same engine, same data, only the rules differ).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { groupToYaml } from '../src/artifacts/rules/file-shape.ts';
import { sloRuleGroups } from '../src/artifacts/slos/index.ts';
import { toYaml } from '../src/emit/yaml.ts';
import { loadCatalogText } from '../src/model/resolve.ts';
import { durationMs } from '../src/promql/duration.ts';
import { gettingStartedCatalog } from '../test/slos/sloth-catalog.ts';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const slothFile = path.resolve(root, '../shared/corpora/sloth/examples/_gen/getting-started.yml');

export function ourRules(): string {
  const model = loadCatalogText('catalog.yaml', gettingStartedCatalog).model;
  const service = model?.services[0];
  if (!model || !service) throw new Error('bench catalog does not load');
  return toYaml({ groups: service.slos.flatMap(sloRuleGroups).map(groupToYaml) });
}

function countRules(text: string): { recording: number; alerting: number } {
  const doc = parseYaml(text) as { groups: { rules: { record?: string; alert?: string }[] }[] };
  const rules = doc.groups.flatMap((g) => g.rules);
  return { recording: rules.filter((r) => r.record).length, alerting: rules.filter((r) => r.alert).length };
}

/** Counter notation at one sample per `step` seconds: healthy, then an incident at `ratio` errors. */
function incidentSeries(
  stepSeconds: number,
  healthyMin: number,
  incidentMin: number,
  perSecond: number,
  ratio: number,
) {
  const perStep = perSecond * stepSeconds;
  const healthySteps = (healthyMin * 60) / stepSeconds;
  const incidentSteps = (incidentMin * 60) / stepSeconds;
  const okHealthy = perStep;
  const okIncident = perStep * (1 - ratio);
  const bad = perStep * ratio;
  const good = `0+${okHealthy}x${healthySteps} ${okHealthy * healthySteps + okIncident}+${okIncident}x${incidentSteps - 1}`;
  const failed = `0+0x${healthySteps} ${bad}+${bad}x${incidentSteps - 1}`;
  return { good, failed };
}

/** The same counters under Sloth's names (job, _count) and ours (service, _total), `pods` times over. */
function seriesFor(pods: number, good: string, failed: string) {
  return Array.from({ length: pods }, (_, i) => [
    { series: `http_request_duration_seconds_count{job="myservice", pod="p${i}", code="200"}`, values: good },
    {
      series: `http_request_duration_seconds_count{job="myservice", pod="p${i}", code="500"}`,
      values: failed,
    },
    { series: `http_requests_total{service="myservice", pod="p${i}", code="200"}`, values: good },
    { series: `http_requests_total{service="myservice", pod="p${i}", code="500"}`, values: failed },
  ]).flat();
}

const alerts = [
  { rules: 'ours', alertname: 'SLOBurnRatePage', tier: 'page' },
  { rules: 'ours', alertname: 'SLOBurnRateTicket', tier: 'ticket' },
  { rules: 'sloth', alertname: 'MyServiceHighErrorRate', tier: 'page' },
  { rules: 'sloth', alertname: 'MyServiceHighErrorRate', tier: 'ticket' },
] as const;

async function promtoolTest(file: string): Promise<string> {
  try {
    const { stdout, stderr } = await exec('promtool', ['test', 'rules', file], { maxBuffer: 1 << 26 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

function durationMinutes(text: string): number {
  const h = /(\d+)h/.exec(text);
  const m = /(\d+)m/.exec(text);
  return Number(h?.[1] ?? 0) * 60 + Number(m?.[1] ?? 0);
}

interface RuleGroupText {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly { readonly expr: string }[];
}

/** Samples one evaluation of each group reads: every rule's expression queried with stats=all. */
async function samplesPerEvaluation(port: number, rulesText: string): Promise<Map<string, number>> {
  const doc = parseYaml(rulesText) as { groups: RuleGroupText[] };
  const touched = new Map<string, number>();
  for (const group of doc.groups) {
    let sum = 0;
    for (const rule of group.rules) {
      const url = `http://127.0.0.1:${port}/api/v1/query?stats=all&query=${encodeURIComponent(rule.expr)}`;
      const body = (await (await fetch(url)).json()) as {
        data?: { stats?: { samples?: { totalQueryableSamples?: number } } };
      };
      sum += body.data?.stats?.samples?.totalQueryableSamples ?? 0;
    }
    touched.set(group.name, sum);
  }
  return touched;
}

const globalEvaluationMs = 15_000;

/** Evaluations per hour of a group: its own interval, else the bench config's global 15s. */
function evaluationsPerHour(group: RuleGroupText): number {
  return 3_600_000 / ((group.interval ? durationMs(group.interval) : null) ?? globalEvaluationMs);
}

/**
 * Real Prometheus 2.42 on loopback over 3 days of backfilled data (20 pods x 2 codes at 30s, under
 * both naming styles, plus the steady-state history of each rule set's own recordings, so long
 * windows read as much as they would in production): prometheus_rule_group_last_duration_seconds
 * per group, averaged over a few evaluations.
 */
async function realPrometheus(dir: string): Promise<string[]> {
  try {
    await exec('prometheus', ['--version']);
  } catch {
    return ['Real Prometheus: skipped (binary `prometheus` not found; Debian package `prometheus`).'];
  }
  const now = Math.floor(Date.now() / 1000) - 60;
  const start = now - 3 * 86_400;
  const pods = 20;
  const file = path.join(dir, 'data.om');
  await writeFile(file, '');
  const samples = (name: string, perSecond: number, step: number, counter: boolean): string => {
    const lines: string[] = [];
    let value = 0;
    for (let t = start; t <= now; t += step) {
      value = counter ? value + perSecond * step : perSecond;
      lines.push(`${name} ${Number(value.toFixed(3))} ${t}\n`);
    }
    return lines.join('');
  };
  for (let p = 0; p < pods; p++) {
    for (const [code, share] of [
      ['200', 0.999],
      ['500', 0.001],
    ] as const) {
      await appendFile(
        file,
        samples(
          `http_request_duration_seconds_count{job="myservice",pod="p${p}",code="${code}"}`,
          share,
          30,
          true,
        ),
      );
      await appendFile(
        file,
        samples(`http_requests_total{service="myservice",pod="p${p}",code="${code}"}`, share, 30, true),
      );
    }
  }
  const ours = 'service="myservice",slo="requests-availability"';
  await appendFile(file, samples(`slo:total_events:rate5m{${ours}}`, pods, 60, false));
  await appendFile(file, samples(`slo:error_events:rate5m{${ours}}`, pods * 0.001, 60, false));
  await appendFile(file, samples(`slo:total_events:rate5m_avg1h{${ours}}`, pods, 3600, false));
  await appendFile(file, samples(`slo:error_events:rate5m_avg1h{${ours}}`, pods * 0.001, 3600, false));
  const sloth =
    'cmd="examplesgen.sh",owner="myteam",repo="myorg/myservice",sloth_id="myservice-requests-availability",sloth_service="myservice",sloth_slo="requests-availability",sloth_window="5m",tier="2"';
  await appendFile(file, samples(`slo:sli_error:ratio_rate5m{${sloth}}`, 0.001, 60, false));
  await appendFile(file, '# EOF\n');
  await exec('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '-q', file, path.join(dir, 'data')], {
    maxBuffer: 1 << 24,
  });
  await writeFile(
    path.join(dir, 'prometheus.yml'),
    `global: { evaluation_interval: ${globalEvaluationMs / 1000}s }\nrule_files: [ours.yaml, sloth.yaml]\n`,
  );
  const port = 29_000 + Math.floor(Math.random() * 900);
  const server = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      '--storage.tsdb.retention.time=60d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const durations = new Map<string, number[]>();
  const touched: { file: string; group: RuleGroupText; samples: number }[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    for (let reading = 0; reading < 4; reading++) {
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const m of text.matchAll(
        /^prometheus_rule_group_last_duration_seconds\{rule_group="([^"]+)"\} (\S+)$/gm,
      )) {
        const [, group = '', value = '0'] = m;
        const name = group.replace(/^.*\//, '');
        if (Number(value) > 0) durations.set(name, [...(durations.get(name) ?? []), Number(value)]);
      }
    }
    for (const file of ['ours.yaml', 'sloth.yaml']) {
      const text = await readFile(path.join(dir, file), 'utf8');
      const samples = await samplesPerEvaluation(port, text);
      for (const group of (parseYaml(text) as { groups: RuleGroupText[] }).groups)
        touched.push({ file, group, samples: samples.get(group.name) ?? 0 });
    }
  } finally {
    server.kill();
  }
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const total = (prefix: string) =>
    [...durations].filter(([g]) => g.startsWith(prefix)).reduce((sum, [, xs]) => sum + mean(xs), 0);
  const rows = [...durations]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([g, xs]) => `| ${g} | ${(mean(xs) * 1000).toFixed(2)} ms (${xs.length} readings) |`);
  const ratio = total('sloth.yaml') > 0 ? total('ours.yaml') / total('sloth.yaml') : 0;
  const perHour = (file: string) =>
    touched
      .filter((t) => t.file === file)
      .reduce((sum, t) => sum + t.samples * evaluationsPerHour(t.group), 0);
  const perEvaluation = (file: string) =>
    touched.filter((t) => t.file === file).reduce((sum, t) => sum + t.samples, 0);
  const sampleRows = touched.map(
    (t) =>
      `| ${t.file};${t.group.name} | ${t.group.interval ?? `${globalEvaluationMs / 1000}s (global)`} | ${t.samples.toLocaleString('en-US')} | ${Math.round(t.samples * evaluationsPerHour(t.group)).toLocaleString('en-US')} |`,
  );
  return [
    `Real Prometheus 2.42, 3 days backfilled, ${pods} pods x 2 codes at 30s, global evaluation interval ${globalEvaluationMs / 1000}s (obsgen's SLO groups set their own: 1m and 1h): prometheus_rule_group_last_duration_seconds (the hourly obsgen group is not shown when it did not run during the measurement).`,
    '',
    '| rule group | last duration (mean) |',
    '|---|---|',
    ...rows,
    '',
    `Per evaluation: obsgen ${(total('ours.yaml') * 1000).toFixed(2)} ms, Sloth ${(total('sloth.yaml') * 1000).toFixed(2)} ms (obsgen/Sloth = ${ratio.toFixed(2)}).`,
    '',
    'Samples each group reads (every rule expression queried once with `stats=all`, totalQueryableSamples), per evaluation and per hour at the group interval:',
    '',
    '| rule group | interval | samples per evaluation | samples per hour |',
    '|---|---|---|---|',
    ...sampleRows,
    '',
    `Samples per evaluation of all groups: obsgen ${perEvaluation('ours.yaml').toLocaleString('en-US')}, Sloth ${perEvaluation('sloth.yaml').toLocaleString('en-US')} (obsgen/Sloth = ${(perEvaluation('ours.yaml') / Math.max(1, perEvaluation('sloth.yaml'))).toFixed(3)}); per hour: obsgen ${Math.round(perHour('ours.yaml')).toLocaleString('en-US')}, Sloth ${Math.round(perHour('sloth.yaml')).toLocaleString('en-US')} (obsgen/Sloth = ${(perHour('ours.yaml') / Math.max(1, perHour('sloth.yaml'))).toFixed(3)}).`,
  ];
}

export async function run(): Promise<string> {
  const title = '## SLOs: obsgen vs Sloth v0.16 (getting-started SLO, promtool 2.42)';
  if (!existsSync(slothFile)) return `${title}\n\nskipped: ../shared/corpora/sloth is absent`;
  try {
    await exec('promtool', ['--version']);
  } catch {
    return `${title}\n\nskipped: promtool not found (Debian package 'prometheus')`;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-bench-slo-'));
  await copyFile(slothFile, path.join(dir, 'sloth.yaml'));
  await writeFile(path.join(dir, 'ours.yaml'), ourRules());
  const ours = countRules(await readFile(path.join(dir, 'ours.yaml'), 'utf8'));
  const sloth = countRules(await readFile(path.join(dir, 'sloth.yaml'), 'utf8'));

  // The incident: 10 req/s, healthy for 2h, then 5% errors (a 50x burn) for 4h; raw samples every 15s.
  const healthy = 120;
  const pods = 20;
  const incident = 240;
  const { good, failed } = incidentSeries(15, healthy, incident, 10, 0.05);
  const inputSeries = seriesFor(1, good, failed);
  // One empty expectation per minute: promtool reports every minute an alert is firing.
  const minutes = Array.from({ length: incident }, (_, i) => healthy + i + 1);
  const probeFile = (ruleFiles: readonly string[]) => ({
    rule_files: ruleFiles,
    evaluation_interval: '1m',
    tests: [
      {
        interval: '15s',
        input_series: inputSeries,
        alert_rule_test: [
          ...new Set(alerts.filter((a) => ruleFiles.includes(`${a.rules}.yaml`)).map((a) => a.alertname)),
        ].flatMap((alertname) => minutes.map((m) => ({ alertname, eval_time: `${m}m`, exp_alerts: [] }))),
      },
    ],
  });
  const lines: string[] = [title, ''];
  const firstMinute = new Map<string, number>();
  const timings: Record<string, number> = {};
  for (const rules of ['ours', 'sloth'] as const) {
    // Cost: the same 6h of 20 pods' series, every rule evaluated each minute, one query at the end.
    const costFile = path.join(dir, `cost-${rules}.json`);
    const cost = {
      rule_files: [`${rules}.yaml`],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '15s',
          input_series: seriesFor(pods, good, failed),
          promql_expr_test: [
            {
              expr: 'vector(1)',
              eval_time: `${healthy + incident}m`,
              exp_samples: [{ labels: '{}', value: 1 }],
            },
          ],
        },
      ],
    };
    await writeFile(costFile, JSON.stringify(cost));
    const best: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await promtoolTest(costFile);
      best.push(performance.now() - started);
    }
    timings[rules] = Math.min(...best);
    const file = path.join(dir, `probe-${rules}.json`);
    await writeFile(file, JSON.stringify(probeFile([`${rules}.yaml`])));
    const output = await promtoolTest(file);
    for (const block of output.split(/\n\s*alertname: /).slice(1)) {
      const time = /time: ([0-9hms]+)/.exec(block)?.[1];
      if (!time) continue;
      const minute = durationMinutes(time) - healthy;
      for (const a of alerts.filter((x) => x.rules === rules && block.startsWith(x.alertname))) {
        const matches = a.rules === 'ours' || block.includes(`sloth_severity="${a.tier}"`);
        const key = `${a.rules}:${a.tier}`;
        if (matches && !firstMinute.has(key)) firstMinute.set(key, minute);
      }
    }
  }
  const fired = (key: string) => (firstMinute.has(key) ? `minute ${firstMinute.get(key)}` : 'never');
  lines.push(
    '| | obsgen | Sloth |',
    '|---|---|---|',
    `| rules per SLO (recording + alerting) | ${ours.recording + ours.alerting} (${ours.recording} + ${ours.alerting}, incl. no-data alert) | ${sloth.recording + sloth.alerting} (${sloth.recording} + ${sloth.alerting}) |`,
    `| page fires after the incident starts (5% errors = 50x burn) | ${fired('ours:page')} | ${fired('sloth:page')} |`,
    `| ticket fires | ${fired('ours:ticket')} | ${fired('sloth:ticket')} |`,
    `| promtool wall time (best of 3): 6h of ${pods} pods x 2 codes at 15s scrape, rules evaluated every minute | ${Math.round(timings.ours ?? 0)} ms | ${Math.round(timings.sloth ?? 0)} ms |`,
    '',
    'Wall time includes promtool start-up and the same series loading for both; the difference is rule evaluation. Sloth rates raw series over 30m..3d on every evaluation; obsgen rates them over 5m once and sums one recorded series per window.',
  );
  lines.push('', ...(await realPrometheus(dir)));
  await rm(dir, { recursive: true, force: true });
  return lines.join('\n');
}
