// Annotation templates over values of every magnitude, expanded by promtool and by obsgen: the
// strings must be identical. promtool prints what it got when expectations are empty, so one run
// gives every expansion.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../src/unittest/vitest.ts';
import { tool } from '../support/tools.ts';

const values = [
  '0',
  '1',
  '-1',
  '0.5',
  '1234567',
  '1e-9',
  '123.456',
  '1e21',
  '-2.5e-5',
  '86400',
  '3600.5',
  '59.9',
  '0.001',
  '999.9999',
  '1023',
  '1024',
  '1048576',
  '1e100',
  'Inf',
  '-Inf',
  'NaN',
  '12345678901234567890',
  '0.30000000000000004',
  '5e-324',
  '1.7976931348623157e308',
  '0.125',
  '2.5',
  '1e6',
  '100000',
  '0.0001',
  '0.00001',
  '-0.75',
  '7200',
  '90061.5',
  '1600000000',
  '1600000000.123',
  '33.333333333333336',
];

const annotations: Record<string, string> = {
  v: '{{ $value }}',
  h: '{{ humanize $value }}',
  h2: '{{ humanize1024 $value }}',
  hd: '{{ humanizeDuration $value }}',
  hp: '{{ humanizePercentage $value }}',
  ht: '{{ humanizeTimestamp $value }}',
  p1: '{{ printf "%.2f" $value }}',
  p2: '{{ printf "%e" $value }}',
  p3: '{{ printf "%g|%G" $value $value }}',
  p4: '{{ printf "%.3g|%.0f|%.1e" $value $value $value }}',
  p5: '{{ printf "%8.3f|%-10.2e|%+.1f|%010.3f" $value $value $value $value }}',
  p6: '{{ printf "%v %s %q %5s" $value $labels.i $labels.i $labels.i }}',
  c: '{{ if ge $value 1.0 }}ge1{{ else if lt $value 0.0 }}neg{{ else }}small{{ end }}',
  s: '{{ $labels.i | title }} {{ toUpper "abc" }} {{ reReplaceAll "([0-9])" "<$1>" $labels.i }} {{ len $labels.i }}',
};

const rules = { groups: [{ name: 't', rules: [{ alert: 'T', expr: 'v', annotations }] }] };
const series = Object.fromEntries(values.map((v, i) => [`v{i="${i}"}`, v]));

/** Parses promtool's `Labels:{...}` / `Annotations:{...}` lines (Go-quoted values). */
function parseGot(output: string): Map<string, Record<string, string>> {
  const byIndex = new Map<string, Record<string, string>>();
  const lines = output.split('\n').map((l) => l.trim());
  for (let k = 0; k < lines.length; k++) {
    const labels = /^Labels:\{.*i="(\d+)"/.exec(lines[k] ?? '');
    const ann = /^Annotations:\{(.*)\},?$/.exec(lines[k + 1] ?? '');
    if (!labels || !ann) continue;
    const record: Record<string, string> = {};
    for (const m of (ann[1] ?? '').matchAll(/(\w+)=("(?:[^"\\]|\\.)*")/g))
      record[m[1] ?? ''] = JSON.parse(m[2] ?? '""') as string;
    byIndex.set(labels[1] ?? '', record);
  }
  return byIndex;
}

const promtool = tool('promtool');

describe.skipIf(!promtool.path)('annotation templates expand exactly as promtool 2.42 expands them', () => {
  it(`${values.length} values x ${Object.keys(annotations).length} templates`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-tpl-'));
    writeFileSync(path.join(dir, 'rules.json'), JSON.stringify(rules));
    const test = {
      rule_files: ['rules.json'],
      tests: [
        {
          interval: '1m',
          input_series: Object.entries(series).map(([s, v]) => ({ series: s, values: v })),
          alert_rule_test: [{ eval_time: '0m', alertname: 'T' }],
        },
      ],
    };
    writeFileSync(path.join(dir, 'test.json'), JSON.stringify(test));
    let output = '';
    try {
      execFileSync(promtool.path ?? 'promtool', ['test', 'rules', 'test.json'], { cwd: dir, stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stderr?: Buffer }).stderr ?? '');
    }
    const theirs = parseGot(output);
    if (theirs.size === 0) console.log(output);
    expect(theirs.size).toBe(values.length);
    const s = scenario({ rules, series });
    const ours = new Map(
      (s.timeline[0]?.alerts.get('T') ?? []).map((a) => [
        a.labels.find((l) => l.name === 'i')?.value ?? '',
        a.annotations,
      ]),
    );
    for (const [i, want] of theirs)
      expect({ value: values[Number(i)], ...ours.get(i) }).toEqual({ value: values[Number(i)], ...want });
  });
});
