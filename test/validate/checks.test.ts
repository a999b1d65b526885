// Table-driven tests, one table per check: a small rule file in, the exact lines a user sees out.
import { describe, expect, it } from 'vitest';
import { loadRuleText } from '../../src/rulefile/load.ts';
import { type Check, type CheckContext, defaultScrapeIntervalMs } from '../../src/validate/check.ts';
import { checks } from '../../src/validate/checks/index.ts';
import { prepareRule } from '../../src/validate/lint.ts';
import { tables } from './check-cases.ts';
import { lintLines, type RuleSpec, ruleFile } from './support.ts';

function byId(id: string): Check {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

describe.each(Object.entries(tables))('%s', (id, cases) => {
  it.each(cases)('$name', ({ rules, expected, scrapeIntervalMs, promql, contract }) => {
    const lines = lintLines(ruleFile(...rules), [byId(id)], scrapeIntervalMs, promql, contract);
    expect(lines).toEqual(expected);
  });
});

describe('the tables', () => {
  it('cover every check, each with a finding and a clean case', () => {
    expect(Object.keys(tables).sort()).toEqual(checks.map((c) => c.id).sort());
    for (const [id, cases] of Object.entries(tables)) {
      expect(
        cases.some((c) => c.expected.length > 0),
        id,
      ).toBe(true);
      expect(
        cases.some((c) => c.expected.length === 0),
        id,
      ).toBe(true);
    }
  });
});

describe('a check that names a rule kind', () => {
  // Every rule of the tables, and each turned into the other kind (same expression and labels).
  const specs = Object.values(tables).flatMap((cases) => cases.flatMap((c) => c.rules));
  const flipped = specs.map(
    (spec): RuleSpec =>
      spec.record === undefined
        ? { record: 'job:flipped:rule', expr: spec.expr, labels: spec.labels ?? {} }
        : { expr: spec.expr, ...(spec.labels ? { labels: spec.labels } : {}) },
  );
  const rules = loadRuleText('rules.yaml', ruleFile(...specs, ...flipped)).rules.map(prepareRule);
  const context: CheckContext = {
    scrapeIntervalMs: defaultScrapeIntervalMs,
    rules,
    recordedNames: new Set(rules.flatMap((r) => (r.kind === 'record' ? [r.name] : []))),
    contract: null,
  };

  it.each(checks.filter((c) => c.kind !== undefined).map((c) => [c.id, c] as const))(
    '%s finds nothing in a rule of the other kind, so lint need not run it there',
    (_, check) => {
      const others = rules.filter((rule) => rule.kind !== check.kind);
      expect(others.length).toBeGreaterThan(100);
      for (const rule of others) expect(check.check(rule, context), rule.name).toEqual([]);
    },
  );
});
