// Offsets inside an expression map to the right line and column of the file, for every scalar style.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/promql/index.ts';
import { loadRuleText } from '../../src/rulefile/load.ts';
import { lintLines } from './support.ts';

/** Line and column (1-based) of the only occurrence of `needle` in `text`. */
function positionIn(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, offset + 1)).toBe(-1);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

function fileWithExpr(exprYaml: string): string {
  return `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: ${exprYaml}\n    labels: {severity: warning}\n`;
}

const styles: [string, string][] = [
  ['plain single line', 'sum(rate(x[5m])) > MARK'],
  ['plain multi-line', 'sum(rate(x[5m]))\n      >\n      MARK'],
  ['plain multi-line with a blank line', 'sum(rate(x[5m]))\n\n      > MARK'],
  ['double-quoted', '"sum(rate(x{a=\\"b\\"}[5m])) > MARK"'],
  ['double-quoted with \\u escape and folding', '"sum(x{a=\\"\\u00e9\\"})\n      > MARK"'],
  ['double-quoted with escaped line break', '"sum(rate(x[5m])) \\\n      > MARK"'],
  ['single-quoted with doubled quote', "'sum(x{a=\"it''s\"}) > MARK'"],
  ['single-quoted multi-line', '\'sum(x{a="b"})\n      > MARK\''],
  ['literal block', '|\n      sum(\n        rate(x[5m])\n      ) > MARK'],
  ['literal block, strip chomping', '|-\n      sum(rate(x[5m]))\n        > MARK\n'],
  ['literal block with blank lines', '|\n      sum(rate(x[5m]))\n\n\n      > MARK\n'],
  ['folded block', '>\n      sum(rate(x[5m]))\n      > MARK\n'],
  ['folded block with more-indented line', '>\n      sum(rate(x[5m]))\n        >\n      MARK\n'],
  ['folded block with blank line', '>-\n      sum(rate(x[5m]))\n\n      > MARK\n'],
];

describe('expression offsets map into the YAML file', () => {
  it.each(styles)('%s', (_name, exprYaml) => {
    const text = fileWithExpr(exprYaml);
    const { rules, problems } = loadRuleText('r.yaml', text);
    expect(problems).toEqual([]);
    const rule = rules[0];
    expect(rule).toBeDefined();
    if (!rule) return;
    const valueOffset = rule.expr.indexOf('MARK');
    expect(valueOffset).toBeGreaterThan(0);
    const at = rule.locate('expr', valueOffset);
    expect({ line: at.line, column: at.column }).toEqual(positionIn(text, 'MARK'));
  });

  it.each(styles)('%s, with CRLF line ends', (_name, exprYaml) => {
    const text = fileWithExpr(exprYaml).replace(/\n/g, '\r\n');
    const { rules } = loadRuleText('r.yaml', text);
    const rule = rules[0];
    expect(rule).toBeDefined();
    if (!rule) return;
    const at = rule.locate('expr', rule.expr.indexOf('MARK'));
    const expected = positionIn(text.replace(/\r\n/g, '\n'), 'MARK');
    expect({ line: at.line, column: at.column }).toEqual(expected);
  });

  it('points a parse error inside a block scalar at its line and column', () => {
    const text = fileWithExpr('|\n      sum(rate(x[5m]))\n        > on(\n');
    const lines = lintLines(text).filter((l) => l.includes('promql/syntax'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rules\.yaml:(7|8):\d+: error promql\/syntax: /);
  });

  it('points a parse error inside a double-quoted scalar after an escape', () => {
    const text = fileWithExpr('"x{a=\\"b\\"} + + ) "');
    const parsed = parse('x{a="b"} + + ) ');
    const start = parsed.ok ? -1 : (parsed.errors[0]?.start ?? -1);
    // The value has two escapes (\") before the parenthesis at value offset 13, which sits at column 27.
    const column = positionIn(text, ') "').column + (start - 13);
    expect(lintLines(text).filter((l) => l.includes('promql/syntax'))).toEqual([
      `rules.yaml:5:${column}: error promql/syntax: unexpected right parenthesis ')'`,
    ]);
  });
});
