// dashboard/undeclared-series: table-driven over small dashboards with a set of declared series, the
// example project's gen output (clean), a typo in a generated dashboard (found), and arbitrary
// queries (never a crash).
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { substituteVariables } from '../../src/artifacts/dashboards/variables.ts';
import { generators } from '../../src/artifacts/index.ts';
import { loadCatalog } from '../../src/model/resolve.ts';
import { generateArtifacts, runPipeline } from '../../src/pipeline/run.ts';
import { renderFinding } from '../../src/problem.ts';
import { lintDashboard } from '../../src/validate/dashboards/index.ts';
import {
  queryTexts,
  recordedNames,
  undeclaredSeriesGivenRecords,
  undeclaredSeriesInOutput,
} from '../../src/validate/dashboards/output-series.ts';

const root = path.resolve(import.meta.dirname, '../..');
const id = 'dashboard/undeclared-series';

function dashboard(...exprs: string[]): string {
  const targets = exprs.map((expr, i) => ({ refId: String.fromCharCode(65 + i), expr }));
  return `${JSON.stringify({ uid: 'u', title: 'T', panels: [{ id: 1, type: 'timeseries', title: 'P', targets }] }, null, 2)}\n`;
}

const declared = new Set(['http_requests_total', 'job:http_requests:rate5m', 'up']);

function findings(text: string, series: ReadonlySet<string> | null = declared): string[] {
  return lintDashboard(text, 'd.json', { declaredSeries: series, only: [id] }).map(renderFinding);
}

describe(id, () => {
  it.each([
    {
      name: 'declared metrics and recordings',
      exprs: ['sum(rate(http_requests_total[5m])) / job:http_requests:rate5m', 'up'],
      expected: [],
    },
    {
      name: 'a typo in a metric name, at its column',
      exprs: ['sum(rate(http_request_total{code="500"}[5m]))'],
      expected: [
        'd.json:12:29: warning dashboard/undeclared-series: panel "P" reads http_request_total, which no catalog metric declares and no generated rule records: the panel will show No data; declare the metric under the service\'s metrics or fix the name',
      ],
    },
    {
      name: 'a recording nothing writes, named once per query',
      exprs: ['job:http_errors:rate5m / job:http_errors:rate5m'],
      expected: [
        'd.json:12:20: warning dashboard/undeclared-series: panel "P" reads job:http_errors:rate5m, which no catalog metric declares and no generated rule records: the panel will show No data; declare the metric under the service\'s metrics or fix the name',
      ],
    },
    { name: 'a __name__ regex is not checked', exprs: ['{__name__=~"http_.+"}'], expected: [] },
    {
      name: 'a __name__ equality is',
      exprs: ['{__name__="nope"}'],
      expected: [
        'd.json:12:32: warning dashboard/undeclared-series: panel "P" reads nope, which no catalog metric declares and no generated rule records: the panel will show No data; declare the metric under the service\'s metrics or fix the name',
      ],
    },
    { name: "a query that does not parse is dashboard/promql's finding", exprs: ['sum(('], expected: [] },
  ])('$name', ({ exprs, expected }) => {
    expect(findings(dashboard(...exprs))).toEqual(expected);
  });

  it('stays silent without the declared series (a dashboard linted on its own)', () => {
    expect(findings(dashboard('nothing_declares_this'), null)).toEqual([]);
  });

  it('never crashes on arbitrary queries', () => {
    fc.assert(
      fc.property(fc.string(), (expr) => {
        expect(() => findings(dashboard(expr))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('reads the records of plain rule files', () => {
    expect([
      ...recordedNames([
        'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: up\n      - alert: X\n        expr: up\n',
      ]),
    ]).toEqual(['a:b:c']);
  });

  it('finds nothing in the example project, and a renamed metric in one of its generated dashboards', async () => {
    const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    expect(result.problems.filter((p) => p.check === id)).toEqual([]);
    const loaded = await loadCatalog(path.join(root, 'catalog.yaml'));
    if (!loaded.model) throw new Error('example catalog does not load');
    const files = result.files.map((f) =>
      f.path === 'grafana/dashboards/cloudviz-svc.json'
        ? { ...f, content: f.content.replaceAll('cloudviz_requests_total', 'cloudviz_request_total') }
        : f,
    );
    const found = undeclaredSeriesInOutput(loaded.model, files);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.file === 'generated/grafana/dashboards/cloudviz-svc.json')).toBe(true);
    expect(found.map((p) => p.message)).toContain(
      'panel "Traffic" reads cloudviz_request_total, which no catalog metric declares and no generated rule records: the panel will show No data; declare the metric under the service\'s metrics or fix the name',
    );
  }, 120_000);

  it('finds the same with the names gen kept from validating each dashboard as with its JSON text', async () => {
    const loaded = await loadCatalog(path.join(root, 'catalog.yaml'));
    if (!loaded.model) throw new Error('example catalog does not load');
    const generated = await generateArtifacts(loaded.model, { projectDir: root }, generators);
    const dashboards = generated.files.filter((f) => f.path.startsWith('grafana/dashboards/'));
    expect(dashboards.every((f) => f.path.endsWith('.json') && generated.seriesSelected.has(f))).toBe(true);
    // Without the recorded series, the panels reading recording rules are found too.
    for (const recorded of [generated.recorded, new Set<string>()]) {
      const fromNames = undeclaredSeriesGivenRecords(
        loaded.model,
        generated.files,
        recorded,
        generated.seriesSelected,
      );
      const fromText = undeclaredSeriesGivenRecords(loaded.model, generated.files, recorded);
      expect(fromNames).toEqual(fromText);
    }
    expect(undeclaredSeriesGivenRecords(loaded.model, generated.files, []).length).toBeGreaterThan(0);
  }, 120_000);

  it('reads every query off the JSON text, escapes decoded, whatever else the dashboard holds', () => {
    const json = dashboard('up', 'a{b="c\\"d"}', 'x\ny', '"expr": "no"');
    expect(queryTexts(json)).toEqual(['up', 'a{b="c\\"d"}', 'x\ny', '"expr": "no"']);
    expect(queryTexts('{"panels":[{"targets":[{"expr" :\t"q"}]}],"\\u0065xpr":"e"}')).toEqual(['q', 'e']);
  });

  it('reads a superset of the targets[].expr that JSON.parse sees', () => {
    const key = fc.constantFrom('expr', 'targets', 'a"expr', '"expr"', 'x\\', 'expr\\', 'e\u2028', 'k');
    const { node } = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.constantFrom(null, 1, true),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    }));
    const targetExprs = (value: unknown): string[] => {
      if (Array.isArray(value)) return value.flatMap(targetExprs);
      if (typeof value !== 'object' || value === null) return [];
      return Object.entries(value).flatMap(([k, child]) =>
        k === 'targets' && Array.isArray(child)
          ? child.flatMap((t) => {
              const expr = (t as { expr?: unknown } | null)?.expr;
              return typeof expr === 'string' ? [expr] : [];
            })
          : targetExprs(child),
      );
    };
    fc.assert(
      fc.property(node, fc.boolean(), (value, pretty) => {
        const json = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const found = new Set(queryTexts(json));
        for (const expr of targetExprs(JSON.parse(json))) expect(found.has(expr)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('substitutes the same text whichever variables are known (the prefilter knows none)', () => {
    const query = fc
      .array(fc.constantFrom('rate(x[', '$job', '${job:csv}', '[[job]]', '$__rate_interval', '])', ' ', 'a'))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(query, (text) => {
        expect(substituteVariables(text, new Set(['job'])).text).toBe(
          substituteVariables(text, new Set()).text,
        );
      }),
    );
  });
});
