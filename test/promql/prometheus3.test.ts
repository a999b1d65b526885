// The '3' profile of the parser and printer, written from the Prometheus 3.0 migration guide and the
// 3.x changelogs (no 3.x binary here): UTF-8 names in quoted selector syntax, holt_winters renamed,
// the functions 3.x added. The 2.42 profile keeps promtool 2.42's verdicts (errors.test.ts and the
// conformance tests).
import { describe, expect, it } from 'vitest';
import { parse, printExpr } from '../../src/promql/index.ts';

function verdict(text: string, version: '2.42' | '3'): string {
  const result = parse(text, { version });
  if (result.ok) return `ok ${printExpr(result.expr)}`;
  const e = result.errors[0];
  return e ? `${e.line}:${e.column}: ${e.message}` : 'no error';
}

describe('UTF-8 metric and label names (migration guide, "UTF-8 names")', () => {
  it.each([
    ['{"my.metric", "a.b"="x"}', 'ok {"my.metric", "a.b"="x"}'],
    ['{"my.metric"}', 'ok {"my.metric"}'],
    ['{"http_requests_total"}', 'ok http_requests_total'],
    ['{"ünïcode", "ä"=~"1|2"}', 'ok {"ünïcode", "ä"=~"1|2"}'],
    ['rate({"http.requests", code="500"}[5m])', 'ok rate({"http.requests", code="500"}[5m])'],
    ['sum by ("k8s.pod", job) (x)', 'ok sum by ("k8s.pod", job) (x)'],
    ['sum without ("a.b") (x)', 'ok sum without ("a.b") (x)'],
    ['a * on("x.y") group_left("z.w") b', 'ok a * on("x.y") group_left("z.w") b'],
    ['a + ignoring("x.y") b', 'ok a + ignoring("x.y") b'],
    ['foo{"a-b"!="c"}', 'ok foo{"a-b"!="c"}'],
    ['foo{"bar"}', '1:5: metric name must not be set twice: "foo" or "bar"'],
    ['{"a", "b"}', '1:7: metric name must not be set twice: "a" or "b"'],
  ])('3: %s', (text, expected) => {
    expect(verdict(text, '3')).toBe(expected);
  });

  it.each([
    [
      '{"my.metric", "a.b"="x"}',
      '1:2: unexpected string "\\"my.metric"... in label matching, expected identifier or "}"',
    ],
    ['sum by ("k8s.pod") (x)', '1:9: unexpected string "\\"k8s.pod\\"" in grouping opts, expected label'],
  ])('2.42 rejects %s as promtool 2.42 does', (text, expected) => {
    expect(verdict(text, '2.42')).toBe(expected);
  });

  it('prints every quoted name back to a tree that parses the same', () => {
    for (const text of ['{"a.b", "c.d"="e", f="g"}', 'count by ("x y") ({"m:n.o"})', 'a / on("p.q") b']) {
      const first = parse(text, { version: '3' });
      if (!first.ok) throw new Error(first.errors[0]?.message);
      const again = parse(printExpr(first.expr), { version: '3' });
      if (!again.ok) throw new Error(again.errors[0]?.message);
      expect(printExpr(again.expr)).toBe(printExpr(first.expr));
    }
  });
});

describe('functions (migration guide, "holt_winters function renamed"; 3.x changelogs)', () => {
  it.each([
    [
      'holt_winters(foo[1h], 0.5, 0.5)',
      '1:1: function "holt_winters" was renamed to "double_exponential_smoothing" in Prometheus 3.0 (target is 3.0)',
    ],
    ['double_exponential_smoothing(foo[1h], 0.5, 0.5)', 'ok double_exponential_smoothing(foo[1h], 0.5, 0.5)'],
    ['ts_of_max_over_time(foo[1h])', 'ok ts_of_max_over_time(foo[1h])'],
    ['first_over_time(foo[1h])', 'ok first_over_time(foo[1h])'],
    ['mad_over_time(foo[1h])', 'ok mad_over_time(foo[1h])'],
  ])('3: %s', (text, expected) => {
    expect(verdict(text, '3')).toBe(expected);
  });

  it.each([
    ['holt_winters(foo[1h], 0.5, 0.5)', 'ok holt_winters(foo[1h], 0.5, 0.5)'],
    [
      'ts_of_max_over_time(foo[1h])',
      '1:1: function "ts_of_max_over_time" requires Prometheus 3.0 (target is 2.42)',
    ],
    ['first_over_time(foo[1h])', '1:1: function "first_over_time" requires Prometheus 3.0 (target is 2.42)'],
  ])('2.42: %s', (text, expected) => {
    expect(verdict(text, '2.42')).toBe(expected);
  });
});
