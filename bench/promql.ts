// PromQL parser benchmark: parse + type-check throughput on realistic alert expressions
// (target >= 50,000/s) and the time for one 50 KB expression (target < 20 ms), with 25 KB and
// 100 KB sizes alongside to show the cost grows linearly.
import { parse, printExpr } from '../src/promql/index.ts';

/** Every parse is measured from scratch: gen's cache of recent results would only measure a lookup. */
const uncached = { cache: false } as const;

const alertExpressions = [
  'up{job="api"} == 0',
  'sum by (job) (rate(http_requests_total{job="api",code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="api"}[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="api"}[5m]))) > 0.5',
  'predict_linear(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"}[6h], 24 * 3600) < 0',
  '(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 < 10',
  'increase(kube_pod_container_status_restarts_total{namespace="prod"}[1h]) > 5',
  'absent(up{job="cloudviz"} == 1)',
  'sum without (instance) (rate(process_cpu_seconds_total[5m])) > on(job) group_left(team) max by (job, team) (service_owner)',
  'avg_over_time(probe_success{job="blackbox"}[10m:1m] offset 5m) < 0.9',
  'max_over_time(queue_depth{queue=~"orders|payments"}[15m]) > 1000 and on(queue) rate(queue_consumed_total[5m]) == 0',
  'count by (cluster) (kube_node_status_condition{condition="Ready",status="true"} == 0) > 1',
  'sum(rate(grpc_server_handled_total{grpc_code!="OK"}[5m])) by (grpc_service) / sum(rate(grpc_server_handled_total[5m])) by (grpc_service) > 0.01',
];

/** CPU time of `action` in ms: steadier than wall time on a machine shared with other jobs. */
function timeMs(action: () => void): number {
  const start = process.cpuUsage();
  action();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** One expression of about `bytes` characters: alert conditions joined with `or`. */
function bigExpression(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const part = `(sum by (job) (rate(http_requests_total{job="api-${i}",code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="api-${i}"}[5m])) > 0.05)`;
    parts.push(part);
    length += part.length + 4;
  }
  return parts.join(' or ');
}

function mustParse(text: string): void {
  if (!parse(text).ok) throw new Error(`benchmark expression does not parse: ${text.slice(0, 80)}`);
}

export async function run(): Promise<string> {
  for (const text of alertExpressions) mustParse(text);

  // Throughput: warm up, then count parses in a fixed number of rounds.
  const rounds = 4000;
  for (let i = 0; i < 500; i++) for (const text of alertExpressions) parse(text, uncached);
  const elapsed = timeMs(() => {
    for (let i = 0; i < rounds; i++) for (const text of alertExpressions) parse(text, uncached);
  });
  const perSecond = Math.round((rounds * alertExpressions.length) / (elapsed / 1000));

  const sizes = [25_000, 50_000, 100_000];
  const rows: string[] = [];
  let fiftyKbMs = 0;
  for (const size of sizes) {
    const text = bigExpression(size);
    mustParse(text);
    const runs = Array.from({ length: 15 }, () => timeMs(() => parse(text, uncached)));
    const ms = median(runs);
    if (size === 50_000) fiftyKbMs = ms;
    rows.push(
      `| ${(text.length / 1000).toFixed(1)} KB | ${ms.toFixed(2)} ms | ${((ms / text.length) * 1e6).toFixed(1)} ns/char |`,
    );
  }

  const printRuns = Array.from({ length: 15 }, () => {
    const result = parse(bigExpression(50_000), uncached);
    return result.ok ? timeMs(() => printExpr(result.expr)) : 0;
  });

  return [
    '## PromQL parser',
    '',
    `Parse + type-check of ${alertExpressions.length} realistic alert expressions: **${perSecond.toLocaleString('en-US')} expressions/s** (target >= 50,000/s).`,
    '',
    `One ~50 KB expression: **${fiftyKbMs.toFixed(2)} ms** (target < 20 ms); printing it back: ${median(printRuns).toFixed(2)} ms. Median of 15 runs; times are CPU time of this process (steadier than wall time on a shared machine):`,
    '',
    '| size | parse + type-check | per character |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}
