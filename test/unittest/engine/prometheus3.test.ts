// The engine's Prometheus 3.x profile, tested from the documented behaviour (no 3.x binary is
// available here): each row is an example of the Prometheus 3.0 migration guide, evaluated under
// both profiles, so the 2.42 answer (which promtool 2.42 gives, see the differential tests) and the
// 3.x answer sit side by side.
import { describe, expect, it } from 'vitest';
import type { PromVersion } from '../../../src/promql/functions.ts';
import { parse } from '../../../src/promql/index.ts';
import { evaluateInstant, formatLabels, SeriesStore } from '../../../src/unittest/engine/index.ts';
import { labelsFrom } from '../../../src/unittest/engine/labels.ts';
import { parseSeriesLabels, parseSeriesValues } from '../../../src/unittest/notation.ts';

const MIN = 60_000;

function store(series: Record<string, string>): SeriesStore {
  const s = new SeriesStore();
  for (const [name, values] of Object.entries(series)) {
    const labels = parseSeriesLabels(name);
    const vals = parseSeriesValues(values);
    if (!labels.ok || !vals.ok) throw new Error(`bad series ${name}`);
    vals.values.forEach((v, i) => {
      if (v !== null) s.append(labels.labels, i * MIN, v);
    });
  }
  return s;
}

function evaluate(st: SeriesStore, expr: string, atMs: number, promql: PromVersion): string[] {
  const p = parse(expr, { version: promql });
  if (!p.ok) throw new Error(`parse ${expr}: ${p.errors[0]?.message}`);
  const result = evaluateInstant(p.expr, atMs, st, { subqueryDefaultStepMs: MIN, promql });
  if (!result.ok) return [`error ${result.error}`];
  const v = result.value;
  if (v.type === 'scalar') return [`${v.value}`];
  if (v.type !== 'vector') return [v.type];
  return v.samples.map((s) => `${formatLabels(s.labels)} ${s.value}`).sort();
}

interface Row {
  readonly what: string;
  readonly series: Record<string, string>;
  readonly expr: string;
  readonly atMs: number;
  readonly v2: readonly string[];
  readonly v3: readonly string[];
}

const rows: readonly Row[] = [
  {
    // "a range query with 5m would usually return 5 samples. But if the query evaluation aligns
    // perfectly with a scrape, it would return 6 samples" - in 3.x always 5.
    what: 'a 5m range over 1m samples aligned with the evaluation holds 5 samples, not 6',
    series: { up: '1x20' },
    expr: 'count_over_time(up[5m])',
    atMs: 10 * MIN,
    v2: ['{} 6'],
    v3: ['{} 5'],
  },
  {
    what: 'a subquery whose range equals its step holds one point, so rate over it has no data',
    series: { foo: '0+1x20' },
    expr: 'count_over_time(foo[1m:1m])',
    atMs: 10 * MIN,
    v2: ['{} 2'],
    v3: ['{} 1'],
  },
  {
    what: "... and foo[2m:1m] always holds two (the guide's rewrite)",
    series: { foo: '0+1x20' },
    expr: 'count_over_time(foo[2m:1m])',
    atMs: 10 * MIN,
    v2: ['{} 3'],
    v3: ['{} 2'],
  },
  {
    what: 'rate over a subquery of range = step: no data in 3.x',
    series: { foo: '0+60x20' },
    expr: 'rate(foo[1m:1m])',
    atMs: 10 * MIN,
    v2: ['{} 1'],
    v3: [],
  },
  {
    what: 'the lookback window is left-open too: a sample exactly 5m old is no longer seen',
    series: { foo: '7' },
    expr: 'foo',
    atMs: 5 * MIN,
    v2: ['{__name__="foo"} 7'],
    v3: [],
  },
  {
    what: 'a sample just inside the lookback is seen by both',
    series: { foo: '7' },
    expr: 'foo',
    atMs: 5 * MIN - 1,
    v2: ['{__name__="foo"} 7'],
    v3: ['{__name__="foo"} 7'],
  },
  {
    // "Regular expressions match newlines": `.*` additionally matches `foo\n` and `Foo\nBar`.
    what: '.* matches a value holding a newline',
    series: { 'x{v="Foo\\nBar"}': '1', 'x{v="plain"}': '2' },
    expr: 'count(x{v=~".*"})',
    atMs: 0,
    v2: ['{} 1'],
    v3: ['{} 2'],
  },
  {
    what: 'foo.?bar matches foo\\nbar',
    series: { 'x{v="foo\\nbar"}': '1' },
    expr: 'count(x{v=~"foo.?bar"})',
    atMs: 0,
    v2: [],
    v3: ['{} 1'],
  },
  {
    what: "[^\\n] keeps 2.x's meaning in 3.x (the guide's way back)",
    series: { 'x{v="foo\\nbar"}': '1' },
    expr: 'count(x{v=~"foo[^\\n]+bar"})',
    atMs: 0,
    v2: [],
    v3: [],
  },
  {
    what: 'a negative regex matcher flips with it',
    series: { 'x{v="foo\\nbar"}': '1' },
    expr: 'count(x{v!~"foo.+bar"})',
    atMs: 0,
    v2: ['{} 1'],
    v3: [],
  },
];

describe('engine profiles: 2.42 and 3.x side by side', () => {
  it.each(rows)('$what', ({ series, expr, atMs, v2, v3 }) => {
    const st = store(series);
    expect(evaluate(st, expr, atMs, '2.42')).toEqual(v2);
    expect(evaluate(st, expr, atMs, '3')).toEqual(v3);
  });

  it('double_exponential_smoothing is 2.x holt_winters under its 3.x name', () => {
    const st = store({ foo: '0 3 5 6 10 12 13 20 21' });
    const old = evaluate(st, 'holt_winters(foo[10m], 0.5, 0.3)', 8 * MIN, '2.42');
    expect(old).toHaveLength(1);
    expect(evaluate(st, 'double_exponential_smoothing(foo[10m], 0.5, 0.3)', 8 * MIN, '3')).toEqual(old);
  });

  it('UTF-8 names select series by their quoted name', () => {
    // promtool 2.42's series notation has no quoted names, so the series are built directly.
    const st = new SeriesStore();
    for (const [pod, value] of [
      ['a', 1],
      ['b', 2],
    ] as const)
      st.append(
        labelsFrom([
          ['__name__', 'http.requests'],
          ['k8s.pod', pod],
        ]),
        0,
        value,
      );
    expect(evaluate(st, 'sum by ("k8s.pod") ({"http.requests"})', 0, '3')).toEqual([
      '{k8s.pod="a"} 1',
      '{k8s.pod="b"} 2',
    ]);
  });
});
