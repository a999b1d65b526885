// Random promtool test cases for differential fuzzing: random series and expressions from a small
// grammar, the engine's results written as the test's expectations, so promtool's verdict on the file
// says whether the engine agrees. Used by fuzz.test.ts (bounded) and bench/engine.ts (larger).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../../../src/promql/index.ts';
import { evaluateInstant, formatLabels } from '../../../src/unittest/engine/index.ts';
import { seededRandom as rng } from '../../support/random.ts';
import { lastGridStep, loadSeries } from './local-runner.ts';

const MIN = 60_000;

class Gen {
  constructor(private readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

/** Integer-valued series, so sums across series do not depend on promtool's random series order. */
function seriesValues(g: Gen): string {
  const parts: string[] = [];
  let length = 0;
  while (length < 16) {
    const n = 1 + g.int(5);
    const kind = g.int(10);
    if (kind === 0) parts.push(`_x${n}`);
    else if (kind === 1) parts.push('stale');
    else parts.push(`${g.int(50)}${g.chance(0.8) ? '+' : '-'}${g.int(20)}x${n}`);
    length += kind === 1 ? 1 : n + 1;
  }
  return parts.join(' ');
}

const SELECTORS = ['m1', 'm1{job="a"}', 'm2', 'm2{inst=~"0|1"}', 'm1 offset 2m', 'm2{job!="b"}'];
const RANGE_FUNCTIONS = [
  'rate',
  'increase',
  'delta',
  'irate',
  'idelta',
  'deriv',
  'changes',
  'resets',
  'sum_over_time',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'count_over_time',
  'last_over_time',
  'stddev_over_time',
  'present_over_time',
];
const INTEGER_RANGE_FUNCTIONS = [
  'changes',
  'resets',
  'sum_over_time',
  'min_over_time',
  'max_over_time',
  'count_over_time',
  'last_over_time',
];
const RANGES = ['2m', '5m', '10m', '3m:1m', '6m:2m'];

function fractionalValues(g: Gen): string {
  const parts: string[] = [];
  let length = 0;
  while (length < 16) {
    const n = 1 + g.int(6);
    const start = (g.int(2000) / 100 - 3).toString();
    const step = (g.int(300) / 1000).toString();
    parts.push(
      g.chance(0.1) ? `${g.int(9)}e${g.int(5) - 2}` : `${start}${g.chance(0.7) ? '+' : '-'}${step}x${n}`,
    );
    length += n + 1;
  }
  return parts.join(' ');
}

const FRACTIONAL_EXPRESSIONS = [
  'rate(m3[5m])',
  'irate(m3[4m])',
  'increase(m3[6m])',
  'deriv(m3[6m])',
  'predict_linear(m3[5m], 120)',
  'holt_winters(m3[8m], 0.3, 0.6)',
  'avg_over_time(m3[7m])',
  'sum_over_time(m3[9m])',
  'stddev_over_time(m3[9m])',
  'stdvar_over_time(m3[5m])',
  'quantile_over_time(0.9, m3[10m])',
  'm3 * on(job) group_left m1',
  'exp(m3)',
  'ln(m3)',
  'm3 ^ 1.5',
  'm3 ^ -2',
  '2 ^ m3',
  'round(m3, 0.1)',
  'm3 % 0.3',
  'log2(m3)',
  'log10(m3)',
  'sqrt(m3)',
  'sin(m3)',
  'cos(m3)',
  'tan(m3)',
  'asin(m3 / 30)',
  'acos(m3 / 30)',
  'atan(m3)',
  'sinh(m3)',
  'cosh(m3)',
  'tanh(m3)',
  'asinh(m3)',
  'acosh(m3 + 4)',
  'atanh(m3 / 30)',
  'deg(m3)',
  'rad(m3)',
  'm3 atan2 m3 offset 1m',
  'abs(m3)',
  'ceil(m3)',
  'floor(m3 * 3)',
  'clamp(m3, 1, 5)',
  'sgn(m3)',
  'm3 / 0.7',
  'avg_over_time((m3 * 1.1)[6m:1m])',
  'count_values("v", m3 / 7)',
  'count_values("v", m3 * 1e25)',
  'count_values("v", m3 * 1e-9)',
  'histogram_quantile(0.3, label_replace(m3, "le", "$1", "job", "(.*)"))',
  'delta(m3[5m])',
  'idelta(m3[3m])',
];

/** Fixed shapes that reach @, nested subqueries, histograms, count_values and the date functions. */
const SPECIAL_EXPRESSIONS = [
  'm1 @ 300',
  'm1 offset 5m',
  'last_over_time(m1[1m])',
  'm2 @ end()',
  'rate(m1[5m] offset 3m)',
  'irate(m2[3m] @ 600)',
  'changes(m2[15m])',
  'resets(m1[15m])',
  'idelta(m1[4m])',
  'delta(m2[7m])',
  'increase(m1[10m:2m])',
  'histogram_count(m1)',
  'timestamp(m2 offset 1m)',
  'count_over_time(m1[3m:30s])',
  'sum_over_time(rate(m1[2m])[8m:1m])',
  'avg_over_time((m2 / 7)[10m:1m])',
  'stddev_over_time((m1 / 3)[10m:1m])',
  'sum_over_time((m2 * 0.1)[10m:1m])',
  'sum_over_time(m2[5m] @ 420)',
  'm1 @ start() - m1 offset 1m',
  'max_over_time(rate(m1[3m])[6m:1m])',
  'min_over_time(deriv(m2[4m:1m])[5m:])',
  'histogram_quantile(0.9, sum by (le) (h_bucket))',
  'histogram_quantile(0.5, h_bucket)',
  'histogram_quantile(0.75, sum by (le, job) (rate(h_bucket[5m])))',
  'count_values("v", m1)',
  'quantile(0.3, m1)',
  'quantile by (job) (0.8, m2)',
  'stddev by (job, inst) (rate(m1[5m]))',
  'avg by (job, inst) (rate(m2[5m]))',
  'scalar(sum(m1)) * vector(2)',
  'time() - timestamp(m1)',
  'day_of_month()',
  'days_in_month(vector(5e6))',
  'absent(m3{job="a"})',
  'absent(m1)',
  'absent_over_time(m3[5m])',
  'predict_linear(m1[5m], 60)',
  'holt_winters(m2[6m], 0.5, 0.3)',
  'quantile_over_time(0.25, m1[8m])',
  'stdvar_over_time(m2[10m])',
  'm1 > bool on(job, inst) m2',
  'm1 unless on(job) m2',
  // topk/bottomk select among ties by promtool's random series order: keep them tie-free.
  'topk(1, m3) by (job)',
  'bottomk(1, m3 offset -1m) by (job)',
  'count(m1) by (job) + ignoring(job) group_left count(m2)',
];

function integerVector(g: Gen): string {
  const sel = g.pick(SELECTORS);
  if (g.chance(0.5)) return sel;
  return `${g.pick(INTEGER_RANGE_FUNCTIONS)}(${sel.replace(' offset 2m', '')}[${g.pick(RANGES)}])`;
}

function vector(g: Gen, depth: number): string {
  const sel = g.pick(SELECTORS);
  switch (depth > 2 ? 0 : g.int(9)) {
    case 0:
      return sel;
    case 1: {
      const fn = g.pick(RANGE_FUNCTIONS);
      const range = g.pick(RANGES);
      if (fn === 'stddev_over_time' && g.chance(0.5))
        return `quantile_over_time(0.${1 + g.int(9)}, ${sel.replace(' offset 2m', '')}[${range}])`;
      return `${fn}(${sel.replace(' offset 2m', '')}[${range}])`;
    }
    case 2:
      return `${g.pick(['sum', 'min', 'max', 'count', 'group'])} ${g.pick(['by (job)', 'without (inst)', ''])} (${integerVector(g)})`;
    case 3:
      return `(${vector(g, depth + 1)}) ${g.pick(['+', '-', '*', '/', '>', '<=', '==', 'and', 'or', 'unless'])} ${g.pick(['on(job, inst)', 'ignoring(__name__)', ''])} (${vector(g, depth + 1)})`;
    case 4:
      return `(${vector(g, depth + 1)}) ${g.pick(['* 2', '> 10', '>= bool 5', '- 0.5', '/ 3', '% 7', '^ 2'])}`;
    case 5:
      return `${g.pick(['abs', 'sqrt', 'ceil', 'floor', 'round', 'exp', 'ln', 'timestamp'])}(${vector(g, depth + 1)})`;
    case 6:
      return g.chance(0.5) ? g.pick(SPECIAL_EXPRESSIONS) : g.pick(FRACTIONAL_EXPRESSIONS);
    case 7: {
      const inner = vector(g, depth + 1);
      return g.pick([
        `label_replace(${inner}, "x", "$1-y", "job", "(.*)")`,
        `label_join(${inner}, "x", "-", "job", "inst")`,
        `(${inner}) * on(job) group_left sum by (job) (m2)`,
        `sort_desc(${inner})`,
        `hour(${inner} * 1000)`,
        `max_over_time((${inner})[6m:1m])`,
        `sgn(${inner} - 20)`,
      ]);
    }
    default: {
      const inner = vector(g, depth + 1);
      return g.pick([
        `topk(99, ${inner})`,
        `bottomk(99, ${inner})`,
        `clamp_min(${inner}, 7)`,
        `clamp_max(${inner}, 7)`,
      ]);
    }
  }
}

export interface Case {
  file: string;
  expectPass: boolean;
  summary: string;
}

function yamlNumber(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '.inf';
  if (v === Number.NEGATIVE_INFINITY) return '-.inf';
  if (Number.isNaN(v)) return '.nan';
  return String(v);
}

export function makeCase(dir: string, seed: number): Case {
  const g = new Gen(rng(seed));
  const evalInterval = g.pick([MIN, 2 * MIN]);
  const inputs: { series: string; values: string }[] = [];
  for (const job of ['a', 'b']) {
    if (!g.chance(0.7)) continue;
    let count = 0;
    for (const le of ['0.1', '0.5', '1', '+Inf']) {
      count += g.int(4);
      inputs.push({
        series: `h_bucket{job="${job}", le="${le}"}`,
        values: `${count}+${count + g.int(3)}x16`,
      });
    }
  }
  // m3 holds fractional values; it only appears where no sum runs across series (promtool's series
  // order is random, so such sums would not be reproducible).
  for (const job of ['a', 'b']) {
    if (g.chance(0.8)) inputs.push({ series: `m3{job="${job}"}`, values: fractionalValues(g) });
  }
  for (const name of ['m1', 'm2']) {
    for (const job of ['a', 'b']) {
      for (const inst of ['0', '1']) {
        if (g.chance(0.7))
          inputs.push({ series: `${name}{job="${job}", inst="${inst}"}`, values: seriesValues(g) });
      }
    }
  }
  const expr = vector(g, 0);
  const evalTime = (2 + g.int(14)) * MIN + (g.chance(0.2) ? 30_000 : 0);
  const { store } = loadSeries(inputs, MIN);
  store.visibleUntil = lastGridStep(evalTime, evalInterval);
  const parsed = parse(expr);
  if (!parsed.ok) throw new Error(`generated an unparsable expression: ${expr}`);
  const result = evaluateInstant(parsed.expr, evalTime, store, { subqueryDefaultStepMs: evalInterval });
  let samples: { labels: string; value: number }[] = [];
  let expectPass = false;
  if (result.ok && (result.value.type === 'vector' || result.value.type === 'scalar')) {
    const v = result.value;
    samples =
      v.type === 'vector'
        ? v.samples.map((s) => ({ labels: formatLabels(s.labels), value: s.value }))
        : [{ labels: '{}', value: v.value }];
    // promtool never matches NaN, so an expected NaN fails there by design.
    expectPass = samples.every((s) => !Number.isNaN(s.value));
  }
  const lines = [
    'rule_files: []',
    `evaluation_interval: ${evalInterval / 1000}s`,
    'tests:',
    '  - interval: 1m',
    '    input_series:',
    ...inputs.flatMap((i) => [
      `      - series: ${JSON.stringify(i.series)}`,
      `        values: ${JSON.stringify(i.values)}`,
    ]),
    '    promql_expr_test:',
    `      - expr: ${JSON.stringify(expr)}`,
    `        eval_time: ${evalTime / 1000}s`,
    '        exp_samples:',
    ...samples.flatMap((s) => [
      `          - labels: ${JSON.stringify(s.labels)}`,
      `            value: ${yamlNumber(s.value)}`,
    ]),
  ];
  if (samples.length === 0) lines[lines.length - 1] = '        exp_samples: []';
  const file = path.join(dir, `case-${seed}.yml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const outcome = result.ok ? `${samples.length} samples` : `error: ${result.error}`;
  return { file, expectPass, summary: `${expr} @${evalTime / 1000}s -> ${outcome}` };
}

/** promtool prints "Unit Testing: FILE" then "SUCCESS" or "FAILED:" per file. */
export function promtoolVerdicts(bin: string, files: string[]): Map<string, boolean> {
  let out: string;
  try {
    // FAILED goes to stderr and SUCCESS to stdout: one pipe keeps them in order.
    out = execFileSync('sh', ['-c', '"$0" test rules "$@" 2>&1', bin, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const verdicts = new Map<string, boolean>();
  let current = '';
  for (const line of out.split('\n')) {
    const m = /^Unit Testing: +(.*)$/.exec(line.trim());
    if (m) current = m[1] ?? '';
    else if (line.trim() === 'SUCCESS' && current !== '') verdicts.set(current, true);
    else if (line.trim().startsWith('FAILED') && current !== '') verdicts.set(current, false);
  }
  return verdicts;
}
