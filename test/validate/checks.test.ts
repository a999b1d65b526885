// Table-driven tests, one table per check: a small rule file in, the exact lines a user sees out.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/validate/check.ts';
import { checks } from '../../src/validate/checks/index.ts';
import { tables } from './check-cases.ts';
import { lintLines, ruleFile } from './support.ts';

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
