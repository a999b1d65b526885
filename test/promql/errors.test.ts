// Error positions and messages as a user sees them (promtool's wording), and the version profile.
import { describe, expect, it } from 'vitest';
import { offsetToLineColumn, parse, printExpr } from '../../src/promql/index.ts';

function firstError(text: string, version?: '2.42' | '3'): string {
  const result = parse(text, version ? { version } : {});
  if (result.ok) return 'ok';
  const e = result.errors[0];
  return e ? `${e.line}:${e.column}: ${e.message}` : 'no error';
}

describe('parse errors', () => {
  const table: [string, string][] = [
    ['', '1:1: no expression found in input'],
    ['sum(rate(http_requests_total[5m])', '1:34: unclosed left parenthesis'],
    [
      'rate(http_requests_total)',
      '1:6: expected type range vector in call to function "rate", got instant vector',
    ],
    ['foo{job=~"("}', '1:5: error parsing regexp: missing closing ): `^(?:()$`'],
    [
      'foo{job="a" instance="b"}',
      '1:13: unexpected identifier "instance" in label matching, expected "," or "}"',
    ],
    ['sum(foo) by job', '1:13: unexpected identifier "job" in grouping opts, expected "("'],
    ['foo[5m] offset 0s', '1:16: duration must be greater than 0'],
    ['foo and 1', '1:1: set operator "and" not allowed in binary scalar expression'],
    ['foo + bool bar', '1:5: bool modifier can only be used on comparison operators'],
    ['histogram_quantile(0.9)', '1:1: expected 2 argument(s) in call to "histogram_quantile", got 1'],
    ['label_join(foo, "a")', '1:1: expected at least 3 argument(s) in call to "label_join", got 2'],
    ['"\\q"', "1:1: unknown escape sequence U+0071 'q'"],
    ['sum by (job) (\n  rate(foo[5m])\n) > bar baz', '3:9: unexpected identifier "baz"'],
    ['up ==\n', '2:1: unexpected end of input'],
    ['foo @ NaN', '1:1: timestamp out of bounds for @ modifier: NaN'],
    ['sort_by_label(foo, "job")', '1:1: function "sort_by_label" requires Prometheus 3.0 (target is 2.42)'],
    ['nonexistent(foo)', '1:1: unknown function with name "nonexistent"'],
  ];
  it.each(table)('%j -> %s', (text, expected) => {
    expect(firstError(text)).toBe(expected);
  });

  it('accepts 3.x functions when the target is Prometheus 3', () => {
    expect(firstError('sort_by_label(foo, "job")', '3')).toBe('ok');
    expect(firstError('double_exponential_smoothing(foo[1h], 0.5, 0.5)', '3')).toBe('ok');
  });

  it('returns the expression type', () => {
    const types = ['1', '"a"', 'foo', 'foo[5m]', 'sum(foo)', 'time() + 1', 'foo[5m:1m]'].map((text) => {
      const result = parse(text);
      return result.ok ? result.type : 'error';
    });
    expect(types).toEqual(['scalar', 'string', 'vector', 'matrix', 'vector', 'scalar', 'matrix']);
  });

  it('gives source ranges for nodes', () => {
    const result = parse('sum(rate(foo[5m])) > 1');
    if (!result.ok || result.expr.type !== 'BinaryExpr') throw new Error('expected a binary expression');
    expect([result.expr.lhs.start, result.expr.lhs.end, result.expr.rhs.start, result.expr.rhs.end]).toEqual([
      0, 18, 21, 22,
    ]);
  });
});

describe('deep and long input', () => {
  it('parses and prints a 20,000-term chain without overflowing the stack', () => {
    const text = `${'a + '.repeat(20_000)}a`;
    const result = parse(text);
    expect(result.ok && printExpr(result.expr)).toBe(text);
  });

  it('answers nesting deeper than 1,000 levels with an error, not a crash', () => {
    expect(firstError(`${'('.repeat(5000)}a${')'.repeat(5000)}`)).toMatch(/nested too deeply/);
    expect(firstError(`${'-'.repeat(5000)}a`)).toMatch(/nested too deeply/);
    expect(firstError(`${'('.repeat(900)}a${')'.repeat(900)}`)).toBe('ok');
  });
});

describe('offsetToLineColumn', () => {
  it('maps offsets to 1-based positions', () => {
    expect(offsetToLineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(offsetToLineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(offsetToLineColumn('ab\ncd', 5)).toEqual({ line: 2, column: 3 });
  });
});
