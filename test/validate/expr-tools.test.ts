// The questions checks ask of a tree are answered once per tree and shared: asking again, or asking
// about other functions of the same tree, must give the answer a fresh walk gives.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/promql/index.ts';
import { loadRuleText } from '../../src/rulefile/load.ts';
import { parseTemplate } from '../../src/template/parse.ts';
import {
  calls,
  hasLabel,
  instantSelectors,
  outputLabels,
  readCalls,
  selectors,
  walk,
} from '../../src/validate/expr-tools.ts';
import { prepareRule } from '../../src/validate/lint.ts';
import { labelRefs, valuePrints } from '../../src/validate/template-refs.ts';

function tree(text: string) {
  const parsed = parse(text, { cache: false });
  if (!parsed.ok) throw new Error(`does not parse: ${text}`);
  return parsed.expr;
}

describe('calls', () => {
  const expr = tree('histogram_quantile(0.9, sum by (le) (rate(a_bucket[5m]))) > abs(absent(b))');

  it('lists every call outermost first, and only the named ones when asked, on every ask', () => {
    expect(calls(expr).map((c) => c.func)).toEqual(['histogram_quantile', 'rate', 'abs', 'absent']);
    expect(calls(expr, 'rate').map((c) => c.func)).toEqual(['rate']);
    expect(calls(expr, 'absent', 'histogram_quantile').map((c) => c.func)).toEqual([
      'histogram_quantile',
      'absent',
    ]);
    expect(calls(expr, 'vector')).toEqual([]);
    expect(calls(expr).map((c) => c.func)).toEqual(['histogram_quantile', 'rate', 'abs', 'absent']);
  });

  it('tells the selectors read as instant values from those of range selectors', () => {
    const ranged = tree('rate(a_total[5m]) / b_total + sum_over_time(c[1h:5m])');
    expect(selectors(ranged).map((s) => s.name)).toEqual(['a_total', 'b_total', 'c']);
    expect(instantSelectors(ranged).map((s) => s.name)).toEqual(['b_total', 'c']);
  });

  it('answers for a subtree on its own', () => {
    const [, rate] = calls(expr);
    if (!rate) throw new Error('no rate call');
    expect(calls(rate).map((c) => c.func)).toEqual(['rate']);
    expect(selectors(rate).map((s) => s.name)).toEqual(['a_bucket']);
  });

  it('a caller may change the list it was given', () => {
    calls(expr).pop();
    expect(calls(expr)).toHaveLength(4);
  });

  it('readCalls gives the lists calls gives, one shared empty list when no call is named', () => {
    expect(readCalls(expr)).toEqual(calls(expr));
    for (const names of [['rate'], ['absent', 'histogram_quantile'], ['deriv'], ['abs', 'nothing']])
      expect(readCalls(expr, names)).toEqual(calls(expr, ...names));
    expect(readCalls(expr, ['deriv'])).toBe(readCalls(tree('up'), ['rate']));
    expect(Object.isFrozen(readCalls(expr, ['deriv']))).toBe(true);
  });
});

describe('selectors and calls asked in turns', () => {
  it('give every tree its own answer, whichever trees were asked about before', () => {
    const texts = ['rate(a_total[5m]) > 1', 'sum(b) / count(c{x="1"})', 'absent(d) or vector(1)', 'e'];
    const trees = texts.map(tree);
    const fresh = texts.map((text) => {
      const own = tree(text);
      return [selectors(own), instantSelectors(own), calls(own)];
    });
    // Each tree in turn, a subtree in between, and back: every order a check can ask in.
    for (const order of [
      [0, 1, 2, 3],
      [0, 0, 1, 0, 2, 1, 3, 0],
      [3, 2, 1, 0, 1, 2, 3],
    ]) {
      for (const i of order) {
        const own = trees[i];
        if (own === undefined) throw new Error('no tree');
        if (own.type === 'BinaryExpr') selectors(own.rhs);
        expect([selectors(own), instantSelectors(own), calls(own)]).toEqual(fresh[i]);
      }
    }
  });
});

describe('valuePrints', () => {
  it('gives the same prints on every ask', () => {
    const parsed = parseTemplate('{{ $value }}s then {{ $value | humanize }}', { variables: ['$value'] });
    if (!parsed.ok) throw new Error('template does not parse');
    const first = valuePrints(parsed.template).map((p) => [p.offset, p.formatted, p.unitFollows]);
    expect(first).toEqual([
      [3, false, true],
      [22, true, false],
    ]);
    expect(valuePrints(parsed.template).map((p) => [p.offset, p.formatted, p.unitFollows])).toEqual(first);
  });
});

describe('walk', () => {
  it('visits every node outermost first, each with its ancestors', () => {
    const expr = tree('sum(rate(a[5m])) / on(job) -b');
    const seen: string[] = [];
    walk(expr, (node, ancestors) => seen.push([...ancestors, node].map((n) => n.type).join(' > ')));
    expect(seen).toEqual([
      'BinaryExpr',
      'BinaryExpr > AggregateExpr',
      'BinaryExpr > AggregateExpr > Call',
      'BinaryExpr > AggregateExpr > Call > MatrixSelector',
      'BinaryExpr > AggregateExpr > Call > MatrixSelector > VectorSelector',
      'BinaryExpr > UnaryExpr',
      'BinaryExpr > UnaryExpr > VectorSelector',
    ]);
  });
});

describe('outputLabels', () => {
  it('answers for a subtree on its own, whether asked before or after the whole tree', () => {
    const expr = tree('sum by (job) (rate(a[5m])) or histogram_quantile(0.9, b)');
    const [sum, quantile] = expr.type === 'BinaryExpr' ? [expr.lhs, expr.rhs] : [];
    if (!sum || !quantile) throw new Error('not a binary expression');
    expect(hasLabel(outputLabels(quantile), 'le')).toBe(false);
    expect(hasLabel(outputLabels(quantile), 'instance')).toBe(true);
    const whole = outputLabels(expr);
    expect(whole).toEqual({ kind: 'all', except: new Set() });
    expect(outputLabels(sum)).toEqual({ kind: 'only', labels: new Set(['job']) });
    expect(outputLabels(expr)).toBe(whole);
  });
});

describe('a template text without {{', () => {
  it.each(['', 's', 'svc-00000 is down.', '50% of $labels.x }} {', '{ {$value} }'])(
    '%j is text alone: no label read, no $value printed, so lint does not parse it',
    (text) => {
      const parsed = parseTemplate(text, { variables: ['$labels', '$value'] });
      if (!parsed.ok) throw new Error('template does not parse');
      expect(parsed.template.root.every((node) => node.type === 'text')).toBe(true);
      expect(labelRefs(parsed.template)).toEqual([]);
      expect(valuePrints(parsed.template)).toEqual([]);
    },
  );

  it("is left out of a rule's templates; a text with {{ is kept", () => {
    const text = [
      'groups:',
      '- name: g',
      '  rules:',
      '  - alert: A',
      '    expr: up == 0',
      '    labels: {severity: warning, team: "{{ $labels.job }}"}',
      '    annotations: {summary: "down", description: "{{ $value }} targets"}',
      '',
    ].join('\n');
    const [rule] = loadRuleText('rules.yaml', text).rules.map(prepareRule);
    expect([...(rule?.templates.keys() ?? [])]).toEqual(['labels.team', 'annotations.description']);
    expect(rule?.templateErrors.size).toBe(0);
  });
});
