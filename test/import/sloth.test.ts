// obsgen import sloth: golden fragments of Sloth's own examples and of the forms they do not show,
// each valid once merged into a catalog with its team; positions of bad input; and on the same
// counters, the alerts obsgen generates from an imported spec fire no later than Sloth's own.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sloth } from '../../src/import/sloth.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { renderProblem } from '../../src/problem.ts';
import { corpus } from '../support/tools.ts';
import { burns, firstFiring, getLabel, run, tie, tiers } from './sloth-firing.ts';
import { expectGolden, generate, mergeFragment, teamsCatalog } from './support.ts';

const slothCorpus = corpus('sloth');
const examples = path.join(slothCorpus.path ?? '', 'examples');

describe.skipIf(!slothCorpus.path)("Sloth's examples", () => {
  it.each(['getting-started.yml', 'k8s-getting-started.yml', 'no-alerts.yml'])(
    '%s imports to the golden fragment, which loads once merged',
    async (name) => {
      const result = sloth.run(name, await readFile(path.join(examples, name), 'utf8'), {});
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      await expectGolden(`sloth/${name.replace(/\.yml$/, '.yaml')}`, result.output ?? '');
      const loaded = loadCatalogText(
        'catalog.yaml',
        mergeFragment(teamsCatalog('myteam'), result.output ?? ''),
      );
      expect(loaded.problems.map(renderProblem)).toEqual([]);
    },
  );
});

describe.skipIf(!slothCorpus.path)('firing time against Sloth v0.16 on the same counters', async () => {
  const cases = [
    { spec: 'getting-started.yml', slothRules: 'examples/_gen/getting-started.yml' },
    { spec: 'k8s-getting-started.yml', slothRules: 'extracted/k8s-getting-started.spec-groups.yml' },
  ];
  it.each(cases)('$spec: every tier fires no later than Sloth', { timeout: 300_000 }, async (c) => {
    const figures: string[] = [];
    const imported = sloth.run(c.spec, await readFile(path.join(examples, c.spec), 'utf8'), {});
    const { dir, files } = await generate(mergeFragment(teamsCatalog('myteam'), imported.output ?? ''));
    const ours = path.join(dir, 'ours.rules.yaml');
    await writeFile(ours, files.get('prometheus/rule-files/myservice.rules.yaml') ?? '');
    const slothRules = path.join(slothCorpus.path ?? '', c.slothRules);
    for (const burn of burns) {
      const s = run([slothRules, ours], burn, 'job="myservice", service="myservice"');
      for (const t of tiers('MyServiceHighErrorRate')) {
        const theirs = firstFiring(
          s,
          t.sloth.alertname,
          burn.healthyMin,
          (l) => getLabel(l, 'sloth_severity') === t.sloth.label,
        );
        const mine = firstFiring(s, t.ours, burn.healthyMin);
        figures.push(
          `${c.spec} | ${burn.name} | ${t.tier} | Sloth ${theirs ?? 'never'} | obsgen ${mine ?? 'never'}`,
        );
        if (theirs !== null) {
          expect(mine, `${burn.name} ${t.tier}`).not.toBeNull();
          expect(mine ?? Number.POSITIVE_INFINITY, `${burn.name} ${t.tier}`).toBeLessThanOrEqual(theirs);
        }
      }
    }
    // The documented exception: an exact tie, where Sloth's rounded-down budget fires a minute sooner.
    const s = run([slothRules, ours], tie, 'job="myservice", service="myservice"');
    const page = (l: Parameters<typeof getLabel>[0]) => getLabel(l, 'sloth_severity') === 'page';
    expect([
      firstFiring(s, 'MyServiceHighErrorRate', tie.healthyMin, page),
      firstFiring(s, 'SLOBurnRatePage', tie.healthyMin),
    ]).toEqual([180, 181]);
    console.info(`minutes from the start of the incident to the first firing alert\n${figures.join('\n')}`);
  });

  it('no-alerts.yml: neither Sloth nor the imported SLO alerts', { timeout: 120_000 }, async () => {
    const spec = 'no-alerts.yml';
    const imported = sloth.run(spec, await readFile(path.join(examples, spec), 'utf8'), {});
    const { dir, files } = await generate(mergeFragment(teamsCatalog('myteam'), imported.output ?? ''));
    const ours = path.join(dir, 'ours.rules.yaml');
    await writeFile(ours, files.get('prometheus/rule-files/myapp.rules.yaml') ?? '');
    const burn = burns[0];
    if (!burn) throw new Error('no burn scenario');
    const s = run(
      [path.join(slothCorpus.path ?? '', 'examples/_gen/no-alerts.yml'), ours],
      burn,
      'job="myapp", service="myapp"',
    );
    const fired = s.timeline.flatMap((step) =>
      [...step.alerts.entries()]
        .filter(
          ([name, states]) => name.startsWith('SLOBurnRate') && states.some((a) => a.state === 'firing'),
        )
        .map(([name]) => name),
    );
    expect(fired).toEqual([]);
    // Sloth's file has no alerts at all; ours has no burn-rate alerts, only the recordings.
    expect(files.get('prometheus/rule-files/myapp.rules.yaml')).not.toContain('SLOBurnRate');
  });
});

describe('bad Sloth input: file:line:col, nothing written', () => {
  it.each([
    {
      name: 'YAML syntax',
      text: 'version: "prometheus/v1"\nservice: [a\n',
      expected: [
        'spec.yml:3:1: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    },
    {
      name: 'not a Sloth spec',
      text: 'groups: []\n',
      expected: [
        'spec.yml:1:1: error: not a Sloth spec: expected `version: prometheus/v1`, or `apiVersion: sloth.slok.dev/v1` with `kind: PrometheusServiceLevel`',
      ],
    },
    {
      name: 'no service',
      text: 'version: prometheus/v1\nslos: []\n',
      expected: ['spec.yml:1:1: error: service: a Sloth spec names its service (a string)'],
    },
    {
      name: 'an objective out of range, a query that does not parse',
      text: `version: prometheus/v1
service: api
slos:
  - name: a
    objective: 100
    sli: { events: { error_query: x, total_query: y } }
  - name: b
    objective: 99
    sli:
      events:
        error_query: sum(rate(x_total[{{.window}}])
        total_query: sum(rate(x_total[{{.window}}]))
`,
      expected: [
        'spec.yml:5:16: error: objective: a percentage between 0 and 100 (exclusive), e.g. 99.9',
        'spec.yml:11:22: error: error_query: does not parse: unclosed left parenthesis',
      ],
    },
    {
      name: 'a duplicate SLO name',
      text: `version: prometheus/v1
service: api
slos:
  - { name: a, objective: 99, sli: { events: { error_query: 'rate(x_total{code="5"}[{{.window}}])', total_query: 'rate(x_total[{{.window}}])' } } }
  - { name: a, objective: 99, sli: { events: { error_query: 'rate(x_total{code="5"}[{{.window}}])', total_query: 'rate(x_total[{{.window}}])' } } }
`,
      expected: ['spec.yml:5:13: error: SLO "a" of service api is declared twice'],
    },
  ])('$name', ({ text, expected }) => {
    const result = sloth.run('spec.yml', text, {});
    const errors = result.problems.filter((p) => p.severity === 'error').map(renderProblem);
    expect(errors).toEqual(expected);
    if (expected.length > 0) expect(result.output).toBeNull();
  });
});

describe('Sloth forms beyond the examples', () => {
  it.each([
    {
      name: 'latency, raw, plugin and one tier disabled',
      file: 'forms.yml',
      text: `version: prometheus/v1
service: checkout
labels: { team: shop }
slos:
  - name: latency
    objective: 99
    sli:
      events:
        error_query: |
          (
            sum(rate(http_request_duration_seconds_count{job="checkout", route!="/health"}[{{.window}}]))
            -
            sum(rate(http_request_duration_seconds_bucket{job="checkout", route!="/health", le="0.25"}[{{.window}}]))
          )
        total_query: sum(rate(http_request_duration_seconds_count{job="checkout", route!="/health"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
  - name: per-route-errors
    objective: 99.5
    labels: { category: availability }
    sli:
      events:
        error_query: sum by (route) (rate(checkout_requests_total{job="checkout-api", code=~"5.."}[{{.window}}]))
        total_query: sum by (route) (rate(checkout_requests_total{job="checkout-api"}[{{.window}}]))
  - name: raw-ratio
    objective: 99
    sli: { raw: { error_ratio_query: 'sum(rate(errors_total[{{.window}}])) / sum(rate(requests_total[{{.window}}]))' } }
  - name: plugin
    objective: 99
    sli: { plugin: { id: sloth-common/kubernetes/apiserver/availability } }
  - name: gauge-ratio
    objective: 99
    sli:
      events:
        error_query: sum(rate(checkout_failures[{{.window}}]))
        total_query: sum(checkout_inflight) + sum(rate(checkout_requests_total[{{.window}}]))
`,
    },
  ])('$name: golden fragment, which loads once merged', async ({ file, text }) => {
    const result = sloth.run(file, text, {});
    expect(result.problems.filter((p) => p.severity === 'error').map(renderProblem)).toEqual([]);
    await expectGolden(`sloth/${file.replace(/\.yml$/, '.yaml')}`, result.output ?? '');
    const loaded = loadCatalogText('catalog.yaml', mergeFragment(teamsCatalog('shop'), result.output ?? ''));
    expect(loaded.problems.map(renderProblem)).toEqual([]);
  });
});
