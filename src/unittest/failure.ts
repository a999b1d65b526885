// What a failed expectation looks like, as data (for --format json) and as text (a readable diff).
import { formatFloat } from '../template/index.ts';
import { type Json, jsonDiff } from './json-diff.ts';

export interface AlertSnapshot {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface SampleSnapshot {
  readonly labels: string;
  readonly value: number | string;
}

export type Failure =
  | {
      readonly kind: 'file';
      readonly message: string;
      readonly file: string;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'alert';
      readonly test: string;
      readonly alertname: string;
      readonly evalTime: string;
      readonly expected: readonly AlertSnapshot[];
      readonly got: readonly AlertSnapshot[];
      readonly message: string;
    }
  | {
      readonly kind: 'expr';
      readonly test: string;
      readonly expr: string;
      readonly evalTime: string;
      readonly expected: readonly SampleSnapshot[];
      readonly got: readonly SampleSnapshot[];
      readonly message: string;
    }
  | {
      readonly kind: 'error';
      readonly test: string;
      readonly evalTime: string;
      readonly message: string;
    };

/** Go's strconv.FormatFloat(v, 'E', -1, 64), as promtool prints sample values. */
export function formatSampleValue(v: number): string {
  return formatFloat(v, 'E', -1);
}

function renderLabels(m: Readonly<Record<string, string>>): string {
  return `{${Object.entries(m)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

export function renderAlert(a: AlertSnapshot): string {
  return `${renderLabels(a.labels)} annotations ${renderLabels(a.annotations)}`;
}

/** A line diff: unchanged entries with two spaces, missing with `-`, unexpected with `+`. */
export function diffLines(expected: readonly string[], got: readonly string[]): string[] {
  const out: string[] = [];
  const remaining = [...got];
  for (const e of expected) {
    const i = remaining.indexOf(e);
    if (i >= 0) {
      out.push(`    ${e}`);
      remaining.splice(i, 1);
    } else out.push(`  - ${e}`);
  }
  for (const g of remaining) out.push(`  + ${g}`);
  if (out.length === 0) out.push('    (none)');
  return out;
}

export function renderFailure(f: Failure): string {
  switch (f.kind) {
    case 'file':
      return `${f.file}:${f.line}:${f.column}: error: ${f.message}`;
    case 'error':
      // The message names the time itself (`rule: X, time: 5m, err: ...`, as promtool prints it).
      return f.message.startsWith('test "') || f.test === '' ? f.message : `test "${f.test}", ${f.message}`;
    case 'alert':
    case 'expr':
      return f.message;
  }
}

const emptyAlert: AlertSnapshot = { labels: {}, annotations: {} };

/** promtool marshals each alert as {Labels, Annotations} and pads an empty side with one empty alert. */
function alertsJson(list: readonly AlertSnapshot[], other: readonly AlertSnapshot[]): Json {
  const padded = list.length === 0 && other.length > 0 ? [emptyAlert] : list;
  return padded.map((a) => ({ Labels: a.labels, Annotations: a.annotations }));
}

function samplesJson(list: readonly SampleSnapshot[]): Json {
  return list.map((s) => ({ Labels: s.labels, Value: s.value }));
}

/**
 * `--diff`: a failed exp_alerts or exp_samples as a structural diff of expected against got (promtool
 * 2.50's `--diff` for alerts, extended to samples); other failures as renderFailure prints them.
 */
export function renderFailureDiff(f: Failure, colour: boolean): string {
  if (f.kind !== 'alert' && f.kind !== 'expr') return renderFailure(f);
  const head = f.message.split('\n')[0] ?? '';
  const diff =
    f.kind === 'alert'
      ? jsonDiff(alertsJson(f.expected, f.got), alertsJson(f.got, f.expected), colour)
      : jsonDiff(samplesJson(f.expected), samplesJson(f.got), colour);
  const body = diff.text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `${head}\n  diff (expected => got):\n${body}`;
}
