// `obsgen lint` against `promtool check rules` on the same 10,000-rule file: wall time of the whole
// command (process start included) for both, plus obsgen's in-process lint time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintRuleText } from '../src/validate/lint.ts';

const ruleCount = 10_000;

/** Rules like the ones teams write: ratios, quantiles, absent, recordings; a few with flaws lint reports. */
export function syntheticRuleFile(count: number): string {
  const lines = ['groups:'];
  const perGroup = 50;
  for (let i = 0; i < count; i++) {
    const svc = `svc${Math.floor(i / perGroup)}`;
    if (i % perGroup === 0) lines.push(`- name: ${svc}`, '  rules:');
    const kind = i % 5;
    if (kind === 0) {
      lines.push(
        `  - record: job:http_requests:rate5m_${i}`,
        `    expr: sum by (job, code) (rate(http_requests_total{service="${svc}"}[5m]))`,
      );
    } else if (kind === 1) {
      lines.push(
        `  - alert: HighErrorRatio${i}`,
        '    expr: |',
        `      sum by (job) (rate(http_requests_total{service="${svc}",code=~"5.."}[5m]))`,
        `        / sum by (job) (rate(http_requests_total{service="${svc}"}[5m])) > 0.05`,
        '    for: 5m',
        '    labels: {severity: critical}',
        '    annotations:',
        `      summary: "{{ $labels.job }} errors at {{ $value | humanizePercentage }}"`,
        `      runbook_url: https://runbooks.example/${svc}`,
      );
    } else if (kind === 2) {
      lines.push(
        `  - alert: HighLatency${i}`,
        `    expr: histogram_quantile(0.95, sum by (le, job) (rate(http_request_duration_seconds_bucket{service="${svc}"}[5m]))) > 1`,
        '    for: 10m',
        '    labels: {severity: warning}',
        '    annotations:',
        `      summary: "p95 of {{ $labels.job }} is {{ $value }}s"`,
        `      runbook_url: https://runbooks.example/${svc}`,
      );
    } else if (kind === 3) {
      lines.push(
        `  - alert: TargetMissing${i}`,
        `    expr: absent(up{job="${svc}"})`,
        '    for: 5m',
        '    labels: {severity: warning}',
        `    annotations: {summary: "no target of ${svc}", runbook_url: "https://runbooks.example/${svc}"}`,
      );
    } else {
      lines.push(
        `  - alert: QueueBacklog${i}`,
        `    expr: queue_depth{service=~"${svc}"} > 100`,
        '    labels: {severity: info}',
        `    annotations: {summary: "queue of {{ $labels.instance }} at {{ $value }}"}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function wallMs(command: string, args: readonly string[]): { ms: number; status: number | null } {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: result.status };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function promtoolPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-bench-lint-'));
  const file = path.join(dir, 'rules.yaml');
  const text = syntheticRuleFile(ruleCount);
  writeFileSync(file, text);
  const bin = path.resolve(import.meta.dirname, '../bin/obsgen.js');
  const runs = 5;

  const inProcess: number[] = [];
  let findings = 0;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    findings = lintRuleText('rules.yaml', text).length;
    inProcess.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const promtool = promtoolPath();
  const obsgenArgs = [bin, 'lint', file];
  const promtoolArgs = ['check', 'rules', file];
  // One untimed run each (tsx's transform cache, the file in the page cache), then the two tools
  // alternate so a change in machine load weighs on both alike.
  wallMs(process.execPath, obsgenArgs);
  if (promtool) wallMs(promtool, promtoolArgs);
  const obsgenTimes: number[] = [];
  const promtoolTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    obsgenTimes.push(wallMs(process.execPath, obsgenArgs).ms);
    if (promtool) promtoolTimes.push(wallMs(promtool, promtoolArgs).ms);
  }
  const obsgen = median(obsgenTimes);
  const promtoolMs = promtool ? median(promtoolTimes) : null;

  const rows = [
    `| command | wall time (median of ${runs}, runs alternated) |`,
    '|---|---|',
    `| \`obsgen lint\` (process) | ${obsgen.toFixed(0)} ms |`,
    `| lintRuleText (in-process, median of 3) | ${median(inProcess).toFixed(0)} ms |`,
    promtoolMs === null
      ? '| `promtool check rules` | not installed (Debian package `prometheus`) |'
      : `| \`promtool check rules\` | ${promtoolMs.toFixed(0)} ms |`,
  ];
  const ratio = promtoolMs === null ? 'n/a' : `${(obsgen / promtoolMs).toFixed(2)}x promtool's time`;
  return [
    '## lint',
    '',
    `A ${ruleCount.toLocaleString('en')}-rule file (${(text.length / 1e6).toFixed(1)} MB, ${findings} findings from 18 checks).`,
    '',
    ...rows,
    '',
    `obsgen lint / promtool check rules: ${ratio}.`,
  ].join('\n');
}
