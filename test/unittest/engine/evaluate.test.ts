import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/promql/index.ts';
import {
  evaluateInstant,
  formatLabels,
  SeriesStore,
  type Value,
} from '../../../src/unittest/engine/index.ts';
import { parseSeriesLabels, parseSeriesValues } from '../../../src/unittest/notation.ts';

const MIN = 60_000;

/** A store from promtool-style series, one sample per `interval`. */
function store(series: Record<string, string>, interval = MIN): SeriesStore {
  const s = new SeriesStore();
  for (const [name, values] of Object.entries(series)) {
    const labels = parseSeriesLabels(name);
    const vals = parseSeriesValues(values);
    if (!labels.ok || !vals.ok) throw new Error(`bad series ${name}`);
    vals.values.forEach((v, i) => {
      if (v !== null) s.append(labels.labels, i * interval, v);
    });
  }
  return s;
}

function run(st: SeriesStore, expr: string, atMs: number, stepMs = MIN) {
  const p = parse(expr);
  if (!p.ok) throw new Error(`parse: ${expr}`);
  return evaluateInstant(p.expr, atMs, st, { subqueryDefaultStepMs: stepMs });
}

/** Sorted `labels value` lines of a vector or scalar result. */
function lines(v: Value): string[] {
  if (v.type === 'scalar') return [`scalar ${v.value}`];
  if (v.type !== 'vector') return [v.type];
  return v.samples.map((s) => `${formatLabels(s.labels)} ${s.value}`).sort();
}

function value(st: SeriesStore, expr: string, atMs: number): string[] {
  const r = run(st, expr, atMs);
  if (!r.ok) throw new Error(r.error);
  return lines(r.value);
}

describe('selectors', () => {
  const st = store({ 'a{x="1"}': '1 2 3 stale 5', b: '0+10x20' });

  it('looks back 5 minutes, both ends included', () => {
    expect(value(st, 'b', 20 * MIN)).toEqual(['{__name__="b"} 200']);
    expect(value(st, 'b', 25 * MIN)).toEqual(['{__name__="b"} 200']);
    expect(value(st, 'b', 25 * MIN + 1)).toEqual([]);
  });

  it('ends a series at a staleness marker', () => {
    expect(value(st, 'a', 3 * MIN + 30_000)).toEqual([]);
    expect(value(st, 'a', 4 * MIN)).toEqual(['{__name__="a", x="1"} 5']);
    expect(value(st, 'count_over_time(a[10m])', 4 * MIN)).toEqual(['{x="1"} 4']);
  });

  it('applies offset and @', () => {
    expect(value(st, 'b offset 5m', 10 * MIN)).toEqual(['{__name__="b"} 50']);
    expect(value(st, 'b @ 120', 10 * MIN)).toEqual(['{__name__="b"} 20']);
    expect(value(st, 'timestamp(b @ 125)', 10 * MIN)).toEqual(['{} 120']);
  });

  it('hides samples after the visibility cutoff (lazy loading)', () => {
    const lazy = store({ c: '1 2 3 4' });
    lazy.visibleUntil = MIN;
    expect(value(lazy, 'c', 3 * MIN)).toEqual(['{__name__="c"} 2']);
  });

  it('aligns subquery steps to multiples of the step', () => {
    const r = run(st, 'b[5m:2m]', 9 * MIN);
    expect(r.ok && r.value.type === 'matrix' ? r.value.series[0]?.times : null).toEqual([
      4 * MIN,
      6 * MIN,
      8 * MIN,
    ]);
  });
});

describe('functions and operators', () => {
  const st = store({
    'http{code="200", job="a"}': '0+10x10',
    'http{code="500", job="a"}': '0+1x10',
    'http{code="200", job="b"}': '0+20x10',
    'le_bucket{le="0.1"}': '0+1x10',
    'le_bucket{le="1"}': '0+3x10',
    'le_bucket{le="+Inf"}': '0+4x10',
  });

  it('extrapolates rate like Prometheus', () => {
    expect(value(st, 'rate(http{job="b"}[5m])', 10 * MIN)).toEqual([
      '{code="200", job="b"} 0.33333333333333337',
    ]);
    expect(value(st, 'increase(http{code="500"}[5m])', 10 * MIN)).toEqual(['{code="500", job="a"} 5']);
  });

  it('aggregates with by and without, and keeps names for topk', () => {
    expect(value(st, 'sum by (job) (http)', 10 * MIN)).toEqual(['{job="a"} 110', '{job="b"} 200']);
    expect(value(st, 'sum without (code) (http)', 10 * MIN)).toEqual(['{job="a"} 110', '{job="b"} 200']);
    expect(value(st, 'topk(1, http)', 10 * MIN)).toEqual(['{__name__="http", code="200", job="b"} 200']);
    expect(value(st, 'count_values("v", http)', 10 * MIN)).toEqual([
      '{v="10"} 1',
      '{v="100"} 1',
      '{v="200"} 1',
    ]);
  });

  it('matches vectors one-to-one and many-to-one', () => {
    expect(value(st, 'http{code="500"} / ignoring(code) http{code="200", job="a"}', 10 * MIN)).toEqual([
      '{job="a"} 0.1',
    ]);
    expect(value(st, 'http / on(job) group_left sum by (job) (http)', 10 * MIN)).toEqual([
      '{code="200", job="a"} 0.9090909090909091',
      '{code="200", job="b"} 1',
      '{code="500", job="a"} 0.09090909090909091',
    ]);
  });

  it('returns many-to-many matching as an error, not a throw', () => {
    const r = run(st, 'http / on(job) http', 10 * MIN);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(
        /found duplicate series for the match group \{job="a"\} on the right hand-side/,
      );
  });

  it('computes histogram_quantile over classic buckets', () => {
    expect(value(st, 'histogram_quantile(0.5, le_bucket)', 10 * MIN)).toEqual(['{} 0.55']);
  });

  it('builds absent() labels from equality matchers', () => {
    expect(value(st, 'absent(nope{a="b", c=~"d"})', 10 * MIN)).toEqual(['{a="b"} 1']);
    expect(value(st, 'absent_over_time(nope{a="b"}[5m])', 10 * MIN)).toEqual(['{a="b"} 1']);
  });

  it('rewrites labels with label_replace and Go template syntax', () => {
    const expr = 'label_replace(http{code="500"}, "class", "${1}xx", "code", "(.).*")';
    expect(value(st, expr, 10 * MIN)).toEqual(['{__name__="http", class="5xx", code="500", job="a"} 10']);
  });

  it('evaluates scalars and bool comparisons', () => {
    expect(value(st, '2 ^ 10 - 1', 0)).toEqual(['scalar 1023']);
    expect(value(st, 'http{job="b"} > bool 100', 10 * MIN)).toEqual(['{code="200", job="b"} 1']);
  });

  it('reports duplicate output series', () => {
    const r = run(st, 'label_replace(http, "code", "", "code", ".*")', 10 * MIN);
    expect(r).toEqual({ ok: false, error: 'vector cannot contain metrics with the same labelset' });
  });
});
