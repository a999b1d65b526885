// obsgen import rules on the seeds' hand-written rules: the module keeps every group, alert and
// recording rule (name, expr, for, labels, annotations, interval); gen from it, inside the example
// catalog, writes them all into the service's rule file, which promtool accepts; lint findings come
// out as comments and warnings at their positions.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { rules } from '../../src/import/rules.ts';
import { renderProblem } from '../../src/problem.ts';
import { corpus, tool } from '../support/tools.ts';
import { expectGolden, generate } from './support.ts';

const seeds = corpus('seeds');
const promtool = tool('promtool');
const root = path.resolve(import.meta.dirname, '../..');
const api = path.join(root, 'src/index.ts');
const run = promisify(execFile);

type Json = Record<string, unknown>;

interface Group {
  name: string;
  interval?: string;
  rules: Json[];
}

function groupsIn(text: string): Group[] {
  return parseAllDocuments(text).flatMap((d) => {
    const v = (d.toJS() ?? {}) as { groups?: Group[]; spec?: { groups?: Group[] } };
    return v.groups ?? v.spec?.groups ?? [];
  });
}

const trimmed = (rule: Json) => ({ ...rule, expr: String(rule.expr).trim() });

describe.skipIf(!seeds.path)("the seeds' hand-written rules", () => {
  it.each([
    { file: 'cloudviz.rules.yml', service: 'cloudviz' },
    { file: 'anomaly-detection.rules.yml', service: 'anomaly-detection' },
    { file: 'healthcare-ai.prometheusrule.yaml', service: 'healthcare-ai' },
  ])(
    '$file: every rule kept through gen, promtool accepts the result',
    { timeout: 120_000 },
    async ({ file, service }) => {
      const text = await readFile(path.join(seeds.path ?? '', 'hand-written', file), 'utf8');
      const result = rules.run(file, text, {});
      expect(result.problems.filter((p) => p.severity === 'error').map(renderProblem)).toEqual([]);
      expect(result.problems.length).toBeGreaterThan(0); // the seeds' flaws, as warnings
      await expectGolden(`rules/${service}.ts.txt`, result.output ?? '');
      const catalog = await readFile(path.join(root, 'catalog.yaml'), 'utf8');
      const module = (result.output ?? '').replace("from 'obsgen'", `from '${api}'`);
      const { dir, files } = await generate(catalog, { [`alerts/${service}-imported.ts`]: module });
      const ruleFile = files.get(`prometheus/rule-files/${service}.rules.yaml`) ?? '';
      const generated = new Map(groupsIn(ruleFile).map((g) => [g.name, g]));
      for (const group of groupsIn(text)) {
        const out = generated.get(group.name);
        expect(out, group.name).toBeDefined();
        // A group without interval gets the catalog's settings.evaluationInterval from gen.
        if (group.interval !== undefined) expect(out?.interval).toBe(group.interval);
        expect(out?.rules.map(trimmed)).toEqual(group.rules.map(trimmed));
      }
      if (promtool.path) {
        const target = path.join(dir, 'out.rules.yaml');
        await writeFile(target, ruleFile);
        const checked = await run(promtool.path, ['check', 'rules', target]);
        expect(checked.stdout).toContain('SUCCESS');
      }
    },
  );
});

describe('bad rule files: file:line:col, nothing written', () => {
  it.each([
    {
      name: 'not a rule file',
      text: 'foo: 1\n',
      expected: ['r.yml:1:1: error: not a rule file: expected `groups:` or a PrometheusRule'],
    },
    {
      name: 'an expression that does not parse',
      text: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n',
      expected: ['r.yml:5:30: error: unclosed left parenthesis'],
    },
  ])('$name', ({ text, expected }) => {
    const result = rules.run('r.yml', text, {});
    expect(result.problems.filter((p) => p.severity === 'error').map(renderProblem)).toEqual(expected);
    expect(result.output).toBeNull();
  });
});
