import { describe, expect, it } from 'vitest';
import { parse } from '../../src/promql/index.ts';
import type { LoadedGroup, LoadedRule } from '../../src/rulefile/rulefmt.ts';
import { AlertingRuleState } from '../../src/unittest/alerting.ts';
import { labelsFrom } from '../../src/unittest/engine/labels.ts';
import { type Inspected, orderGroups } from '../../src/unittest/runner.ts';

function rule(over: Partial<LoadedRule> & { exprText?: string }): LoadedRule {
  const exprText = over.exprText ?? 'x > 0';
  const parsed = parse(exprText);
  if (!parsed.ok) throw new Error('bad expr');
  return {
    kind: 'alert',
    name: 'A',
    exprText,
    expr: parsed.expr,
    forMs: 0,
    keepFiringForMs: 0,
    labels: [],
    annotations: [],
    line: 1,
    ...over,
  };
}

const ctx = {
  externalLabels: new Map<string, string>(),
  externalURL: '',
  templateQuery: () => () => ({ kind: 'nil' as const }),
};
const sample = (v: number) => [
  {
    labels: labelsFrom([
      ['__name__', 'x'],
      ['job', 'a'],
    ]),
    value: v,
    t: 0,
  },
];
const m = 60_000;

/** Runs the rule over per-minute results (null: the expression returned nothing). */
function states(r: LoadedRule, results: (number | null)[]): string[] {
  const a = new AlertingRuleState(r, ctx);
  return results.map((v, i) => {
    const res = a.eval(v === null ? [] : sample(v), i * m);
    if (!res.ok) return res.error;
    return a.current()[0]?.state ?? 'inactive';
  });
}

describe('alert state machine (Prometheus 2.42 rules/alerting.go)', () => {
  it('goes pending, fires after `for`, and resolves', () => {
    expect(states(rule({ forMs: 2 * m }), [1, 1, 1, null, 1])).toEqual([
      'pending',
      'pending',
      'firing',
      'inactive',
      'pending',
    ]);
  });
  it('fires at once without `for`', () => {
    expect(states(rule({}), [1, null])).toEqual(['firing', 'inactive']);
  });
  it('a pending alert that stops restarts its `for`', () => {
    expect(states(rule({ forMs: m }), [1, null, 1, 1])).toEqual(['pending', 'inactive', 'pending', 'firing']);
  });
  it('keep_firing_for holds a firing alert while ts - keepFiringSince < keep_firing_for', () => {
    expect(states(rule({ keepFiringForMs: 2 * m }), [1, null, null, null])).toEqual([
      'firing',
      'firing',
      'firing',
      'inactive',
    ]);
  });
  it('writes ALERTS and ALERTS_FOR_STATE without the metric name', () => {
    const a = new AlertingRuleState(rule({ labels: [['sev', '{{ $labels.job }}-p']] }), ctx);
    const res = a.eval(sample(5), 3 * m);
    expect(
      res.ok && res.samples.map((s) => [s.labels.map((l) => `${l.name}=${l.value}`).join(','), s.value]),
    ).toEqual([
      ['__name__=ALERTS,alertname=A,alertstate=firing,job=a,sev=a-p', 1],
      ['__name__=ALERTS_FOR_STATE,alertname=A,job=a,sev=a-p', 180],
    ]);
  });
});

describe('group order', () => {
  const group = (name: string, rules: LoadedRule[]): LoadedGroup => ({
    file: 'r.yml',
    name,
    intervalMs: 0,
    limit: 0,
    rules,
  });
  const rec = rule({ kind: 'record', name: 'job:x', exprText: 'x' });
  const user = rule({ exprText: 'job:x > 1' });
  it('warns when a rule reads a recording of a group promtool may run after it', () => {
    const out = orderGroups([group('alerts', [user]), group('rec', [rec])], [], 'test.yml');
    expect(out.groups.map((g) => g.name)).toEqual(['alerts', 'rec']);
    expect(out.warnings.map((w) => w.message)).toEqual([
      'rule A in group "alerts" reads job:x, recorded by group "rec": promtool evaluates these groups in random order; set group_eval_order',
    ]);
  });
  it('follows group_eval_order; the first listed group still ties with unlisted ones, as in promtool', () => {
    expect(
      orderGroups([group('alerts', [user]), group('rec', [rec])], ['rec', 'alerts'], 't').warnings,
    ).toEqual([]);
    expect(orderGroups([group('alerts', [user]), group('rec', [rec])], ['rec'], 't').warnings).toHaveLength(
      1,
    );
  });
  const labelled = (slo: string) =>
    rule({ kind: 'record', name: 'slo:rate', exprText: 'x', labels: [['slo', slo]] });
  const reader = rule({ name: 'Burn', exprText: 'slo:rate{slo="a"} > 1' });
  const noAlerts: Inspected = { alertnames: new Set(), selectors: [] };
  it.each([
    ['a rule writing other fixed labels is not a source', [labelled('b')], undefined, 0],
    ['a rule writing matching fixed labels is', [labelled('a')], undefined, 1],
    ['a rule no test depends on is not checked', [labelled('a')], noAlerts, 0],
    [
      'a rule an alert test names is checked',
      [labelled('a')],
      { alertnames: new Set(['Burn']), selectors: [] },
      1,
    ],
  ] as const)('%s', (_, writers, inspected, count) => {
    const groups = [group('alerts', [reader]), group('rec', [...writers])];
    expect(orderGroups(groups, [], 't', inspected).warnings).toHaveLength(count);
  });
  it('follows dependencies from what a PromQL test reads back to the rules behind it', () => {
    const parsed = parse('ALERTS{alertname="Burn"}');
    if (!parsed.ok || parsed.expr.type !== 'VectorSelector') throw new Error('bad expr');
    const groups = [group('alerts', [reader]), group('rec', [labelled('a')])];
    expect(
      orderGroups(groups, [], 't', { alertnames: new Set(), selectors: [parsed.expr] }).warnings,
    ).toHaveLength(1);
  });
});
