// Differential fuzz of rules over time: seeded random alert/recording rules, series (with gaps and
// staleness), intervals and eval times; every expectation left empty so promtool prints the firing
// alerts it got, which must equal obsgen's, alert for alert, at every eval time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTestFile } from '../../src/unittest/runner.ts';
import { seededRandom as rng } from '../support/random.ts';
import { tool } from '../support/tools.ts';

const CASES = Number(process.env.OBSGEN_FUZZ_CASES ?? 25);

function generateCase(seed: number): { rules: unknown; test: unknown; alertnames: string[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const intervalSec = pick([30, 60, 120]);
  const evalSec = pick([30, 60]);
  const length = 8 + Math.floor(r() * 12);
  const series = [];
  for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
    const values = [];
    for (let i = 0; i < length; i++) values.push(pick(['0', '1', '1', '2', '3', '_', 'stale', '1']));
    series.push({ series: `m{id="${k}"}`, values: values.join(' ') });
  }
  const exprs = [
    'm > 0',
    'm == 1',
    'sum(m) > 1',
    'rec:m > 2',
    'm > 0 unless m == 2',
    'count(m) >= 2',
    'rate(m[3m]) > 0',
  ];
  const durations = ['0s', '30s', '1m', '2m', '3m'];
  const alertRules = [];
  const alertnames: string[] = [];
  for (let a = 0; a < 1 + Math.floor(r() * 3); a++) {
    const name = `A${a}`;
    alertnames.push(name);
    alertRules.push({
      alert: name,
      expr: pick(exprs),
      for: pick(durations),
      ...(r() < 0.4 ? { keep_firing_for: pick(['1m', '2m', '90s']) } : {}),
      labels: { severity: pick(['page', 'ticket']), ...(r() < 0.3 ? { copy: '{{ $labels.id }}' } : {}) },
      annotations: { value: '{{ $value }}', id: 'id={{ $labels.id }}' },
    });
  }
  const rules = {
    groups: [{ name: 'g', rules: [{ record: 'rec:m', expr: 'm * 2' }, ...alertRules] }],
  };
  const end = length * intervalSec;
  const alertTests = [];
  for (let i = 0; i < 6; i++) {
    const t = Math.floor((r() * end) / 15) * 15;
    alertTests.push({ eval_time: `${t}s`, alertname: pick(alertnames) });
  }
  const test = {
    rule_files: ['rules.json'],
    evaluation_interval: `${evalSec}s`,
    tests: [{ interval: `${intervalSec}s`, input_series: series, alert_rule_test: alertTests }],
  };
  return { rules, test, alertnames };
}

type Got = Map<string, string[]>;

/** promtool's failures: `alertname: X, time: T,` then the got list of Labels/Annotations lines. */
function parsePromtool(output: string): Got {
  const got: Got = new Map();
  const blocks = output.split(/\n\s*alertname: /).slice(1);
  for (const block of blocks) {
    const head = /^(\S+), time: (\S+),/.exec(block);
    if (!head) continue;
    const gotPart = block.slice(block.indexOf('got:'));
    const alerts: string[] = [];
    const lines = gotPart.split('\n').map((l) => l.trim());
    for (let i = 0; i < lines.length; i++) {
      const l = /^Labels:(\{.*\})$/.exec(lines[i] ?? '');
      const a = /^Annotations:(\{.*\}),?$/.exec(lines[i + 1] ?? '');
      if (l && a) alerts.push(`${l[1]} ${a[1]}`);
    }
    got.set(`${head[1]}@${head[2]}`, alerts.sort());
  }
  return got;
}

function goLabels(m: Readonly<Record<string, string>>): string {
  return `{${Object.entries(m)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

const promtool = tool('promtool');

describe.skipIf(!promtool.path)('rules over time agree with promtool (seeded fuzz)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-fuzz-'));
  it.each(Array.from({ length: CASES }, (_, i) => i + 1))('case %i', (seed) => {
    const c = generateCase(seed);
    const caseDir = path.join(dir, String(seed));
    execFileSync('mkdir', ['-p', caseDir]);
    writeFileSync(path.join(caseDir, 'rules.json'), JSON.stringify(c.rules));
    writeFileSync(path.join(caseDir, 'test.json'), JSON.stringify(c.test));
    let output = '';
    try {
      execFileSync(promtool.path ?? 'promtool', ['test', 'rules', 'test.json'], {
        cwd: caseDir,
        stdio: 'pipe',
      });
    } catch (e) {
      output = String((e as { stderr?: Buffer }).stderr ?? '');
    }
    const theirs = parsePromtool(output);
    const result = runTestFile(path.join(caseDir, 'test.json'));
    const ours: Got = new Map();
    for (const f of result.failures) {
      if (f.kind === 'alert')
        ours.set(
          `${f.alertname}@${f.evalTime}`,
          f.got.map((a) => `${goLabels(a.labels)} ${goLabels(a.annotations)}`).sort(),
        );
      else ours.set(`error@${f.kind}`, [f.message]);
    }
    expect(ours, `${JSON.stringify(c.test)}\n${output}`).toEqual(theirs);
  });
});
