// promtool-format unit tests generated for every SLO: synthetic traffic that should page (and when),
// traffic that must stay quiet, recovery, no data, and the two properties Sloth lacks: remaining
// budget defined through zero traffic, and long windows weighted by traffic. Expected minutes come
// from simulate.ts; expected annotations from the same template engine `obsgen test` uses.

import { paths } from '../../model/conventions.ts';
import { formatDuration } from '../../model/duration.ts';
import type { BurnTier, NormalizedSlo } from '../../model/slo.ts';
import { sloAlertNames } from '../../model/slo.ts';
import type { LabelMatcher } from '../../promql/ast.ts';
import * as q from '../../promql/construct.ts';
import { parse, printExpr } from '../../promql/index.ts';
import { matcherMatches } from '../../promql/matchers.ts';
import { expandAlertTemplate, type GoValue, goFloat, goStringMap } from '../../template/index.ts';
import { sloGroupNames, sloLabels, sloRecords, windowLabel } from './names.ts';
import { eq, selectorText } from './promql.ts';
import { alertAnnotations, sloMatchers } from './rules.ts';
import { counters, type Simulation, simulate, type TrafficPhase } from './simulate.ts';

const minuteMs = 60_000;
/** Events per minute of the synthetic service: high enough that rates are far above any floor. */
const busyPerMinute = 100_000;

interface Series {
  readonly series: string;
  readonly values: string;
}

type Labels = Readonly<Record<string, string>>;

/** Values that tend to satisfy the matchers people write on HTTP metrics. */
const candidates = [
  '500',
  '503',
  '429',
  '200',
  '404',
  'GET',
  'POST',
  'error',
  'ok',
  'a',
  '/api',
  'true',
  'false',
  'x',
];

function regexGuesses(m: LabelMatcher): string[] {
  const first = m.value.split('|')[0] ?? '';
  const simple = first
    .replace(/[()^$]/g, '')
    .replace(/\.[*+]?/g, '0')
    .replace(/\\/g, '');
  return [m.value, simple];
}

/** A value for `name` that every `include` matcher accepts and the `exclude` matcher (if any) rejects. */
function valueFor(
  name: string,
  include: readonly LabelMatcher[],
  exclude: LabelMatcher | null,
): string | null {
  const on = include.filter((m) => m.name === name);
  const guesses = [...on.flatMap(regexGuesses), ...(exclude ? regexGuesses(exclude) : []), ...candidates];
  return (
    guesses.find((v) => on.every((m) => matcherMatches(m, v)) && (!exclude || !matcherMatches(exclude, v))) ??
    null
  );
}

/**
 * Labels of a series every `include` matcher selects; with `exclude`, one the exclude set does not
 * select (it must differ on at least one matcher). null when no value is found.
 */
function labelsFor(
  base: Labels,
  include: readonly LabelMatcher[],
  exclude: readonly LabelMatcher[] = [],
): Labels | null {
  const result: Record<string, string> = { ...base };
  const names = [...new Set(include.map((m) => m.name))].filter((n) => n !== '__name__');
  const excluder = exclude.find(
    (m) =>
      m.name !== '__name__' &&
      !include.some((i) => i.name === m.name && i.type === m.type && i.value === m.value),
  );
  if (exclude.length > 0 && !excluder) return null;
  for (const name of new Set([...names, ...(excluder ? [excluder.name] : [])])) {
    const value = valueFor(name, include, excluder && excluder.name === name ? excluder : null);
    if (value === null) return null;
    if (value !== '') result[name] = value;
  }
  return result;
}

function seriesText(metric: string, labels: Labels): string {
  return selectorText(
    metric,
    Object.entries(labels)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => eq(k, v)),
  );
}

/** promtool's expanding notation for a counter growing by `perMinute` over each phase. */
export function counterNotation(perMinute: readonly { minutes: number; increment: number }[]): string {
  const parts: string[] = [];
  let value = 0;
  perMinute.forEach((phase, index) => {
    const start = index === 0 ? value : value + phase.increment;
    const steps = index === 0 ? phase.minutes : phase.minutes - 1;
    if (steps >= 0) parts.push(`${num(start)}+${num(phase.increment)}x${steps}`);
    value += phase.increment * phase.minutes;
  });
  return parts.join(' ');
}

function num(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Input series of the SLI for the phases, or null when the matchers defeat the value guesser. */
function inputSeries(slo: NormalizedSlo, phases: readonly TrafficPhase[]): Series[] | null {
  const base: Record<string, string> = { service: slo.service };
  for (const label of slo.keep) if (!(label in base)) base[label] = 'a';
  const notation = (pick: (p: TrafficPhase) => number) =>
    counterNotation(phases.map((p) => ({ minutes: p.minutes, increment: pick(p) })));
  const good = notation((p) => p.totalPerMinute - p.errorsPerMinute);
  const bad = notation((p) => p.errorsPerMinute);
  const all = notation((p) => p.totalPerMinute);
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const name = sli.histogram.metric.name;
    const labels = labelsFor(base, sli.histogram.matchers);
    if (!labels) return null;
    return [
      { series: seriesText(`${name}_bucket`, { ...labels, le: sli.le }), values: good },
      { series: seriesText(`${name}_bucket`, { ...labels, le: '+Inf' }), values: all },
      { series: seriesText(`${name}_count`, labels), values: all },
    ];
  }
  const part = sli.errors ?? sli.good;
  if (!part) return null;
  const partCounts = sli.errors ? bad : good;
  const restCounts = sli.errors ? good : bad;
  if (part.metric.name !== sli.total.metric.name) {
    const partLabels = labelsFor(base, part.matchers);
    const totalLabels = labelsFor(base, sli.total.matchers);
    if (!partLabels || !totalLabels) return null;
    return [
      { series: seriesText(part.metric.name, partLabels), values: partCounts },
      { series: seriesText(sli.total.metric.name, totalLabels), values: all },
    ];
  }
  const inPart = labelsFor(base, [...part.matchers, ...sli.total.matchers]);
  const outOfPart = labelsFor(base, sli.total.matchers, part.matchers);
  if (!inPart || !outOfPart) return null;
  return [
    { series: seriesText(part.metric.name, inPart), values: partCounts },
    { series: seriesText(part.metric.name, outOfPart), values: restCounts },
  ];
}

/** Labels of one SLO instance's recorded series (service, slo, aggregation and groupBy labels). */
function instanceLabels(slo: NormalizedSlo): Record<string, string> {
  const labels: Record<string, string> = { ...slo.labels };
  for (const label of slo.keep) labels[label] = 'a';
  labels.service = slo.service;
  labels[sloLabels.slo] = slo.name;
  return labels;
}

function alertLabelsFor(slo: NormalizedSlo, tier: BurnTier, longMs: number): Record<string, string> {
  return {
    ...instanceLabels(slo),
    severity: tier.severity,
    team: slo.team,
    [sloLabels.tier]: tier.name,
    [sloLabels.window]: windowLabel(longMs),
  };
}

function alertsQuery(slo: NormalizedSlo, alertname: string): string {
  return selectorText('ALERTS', [
    eq('alertname', alertname),
    eq('alertstate', 'firing'),
    ...sloMatchers(slo),
  ]);
}

function firingSamples(slo: NormalizedSlo, tier: BurnTier, windows: readonly number[]) {
  return windows.map((longMs) => ({
    labels: seriesText('ALERTS', {
      alertname: sloAlertNames.burn(tier.name),
      alertstate: 'firing',
      ...alertLabelsFor(slo, tier, longMs),
    }),
    value: 1,
  }));
}

function queryResult(labels: Labels, value: number): GoValue {
  const sample: GoValue = {
    kind: 'struct',
    typeName: '*template.sample',
    v: new Map<string, GoValue>([
      ['Labels', goStringMap(Object.entries(labels))],
      ['Value', goFloat(value)],
    ]),
  };
  return { kind: 'slice', v: [sample], typeName: 'template.queryResult' };
}

function expectedAnnotations(
  slo: NormalizedSlo,
  tier: BurnTier,
  labels: Labels,
  value: number,
  remaining: number,
): Record<string, string> {
  const data = {
    labels: new Map(Object.entries(labels)),
    externalLabels: new Map<string, string>(),
    externalURL: '',
    value,
    query: () => queryResult(instanceLabels(slo), remaining),
  };
  return Object.fromEntries(
    Object.entries(alertAnnotations(slo, tier)).map(([k, v]) => [k, expandAlertTemplate(v, k, data)]),
  );
}

const at = (minutes: number) => formatDuration(minutes * minuteMs);

function firstMinute(sim: Simulation, from: number, predicate: (t: number) => boolean): number | null {
  for (let t = from; t <= sim.minutes; t++) if (predicate(t)) return t;
  return null;
}

interface TestCase {
  readonly name: string;
  readonly input_series: readonly Series[];
  readonly alert_rule_test?: readonly unknown[];
  readonly promql_expr_test?: readonly unknown[];
}

/** Tiers every one of whose factors a burn of `burn` exceeds. */
function tiersBelow(slo: NormalizedSlo, burn: number): BurnTier[] {
  return slo.tiers.filter((t) => t.windows.every((w) => w.factor < burn));
}

function fastBurnRate(slo: NormalizedSlo): number {
  const top = Math.max(...slo.tiers.flatMap((t) => t.windows.map((w) => w.factor)));
  return Math.min(Math.floor(top) + 2, 1 / slo.budget);
}

function burnPhase(
  slo: NormalizedSlo,
  minutes: number,
  burn: number,
  totalPerMinute = busyPerMinute,
): TrafficPhase {
  return {
    minutes,
    totalPerMinute,
    errorsPerMinute: Math.min(totalPerMinute, burn * slo.budget * totalPerMinute),
  };
}

/** Every raw selector an SLO reads: metric name and matchers (the service matcher included). */
function rawSelectors(slo: NormalizedSlo): { name: string; matchers: LabelMatcher[] }[] {
  const scope = [eq('service', slo.service)];
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const m = sli.histogram;
    return ['_count', '_bucket'].map((suffix) => ({
      name: `${m.metric.name}${suffix}`,
      matchers: [...scope, ...m.matchers],
    }));
  }
  return [sli.errors, sli.good, sli.total]
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .map((x) => ({ name: x.metric.name, matchers: [...scope, ...x.matchers] }));
}

/** Whether another SLO of the service reads any of these series (its alerts would share the test). */
function sharesSeries(others: readonly NormalizedSlo[], series: readonly Series[]): boolean {
  const parsed = series
    .map((x) => parse(x.series))
    .flatMap((r) => (r.ok && r.expr.type === 'VectorSelector' ? [r.expr] : []));
  return others.some((other) =>
    rawSelectors(other).some((sel) =>
      parsed.some((vs) => {
        const labels = new Map(vs.matchers.map((m) => [m.name, m.value]));
        return vs.name === sel.name && sel.matchers.every((m) => matcherMatches(m, labels.get(m.name) ?? ''));
      }),
    ),
  );
}

function fastBurnWithAnnotations(slo: NormalizedSlo, others: readonly NormalizedSlo[]): TestCase | null {
  const burn = fastBurnRate(slo);
  const tiers = tiersBelow(slo, burn);
  if (tiers.length === 0) return null;
  const maxFor = Math.max(...tiers.map((t) => t.forMs)) / minuteMs;
  const evalAt = Math.max(65, maxFor + 10);
  const phases = [burnPhase(slo, evalAt + 5, burn)];
  const series = inputSeries(slo, phases);
  if (!series) return null;
  const sim = simulate(slo, counters(phases));
  if (sharesSeries(others, series)) {
    // Another SLO reads the same series and fires under the same alert names: check this SLO's own alerts by label.
    return {
      name: `a ${burn}x burn fires every tier (labels only: another SLO of ${slo.service} reads the same series)`,
      input_series: series,
      promql_expr_test: tiers.map((tier) => ({
        expr: alertsQuery(slo, sloAlertNames.burn(tier.name)),
        eval_time: at(evalAt),
        exp_samples: firingSamples(slo, tier, sim.firing(tier, evalAt)),
      })),
    };
  }
  return {
    name: `a ${burn}x burn fires every tier with summary, description and links`,
    input_series: series,
    alert_rule_test: tiers.map((tier) => ({
      alertname: sloAlertNames.burn(tier.name),
      eval_time: at(evalAt),
      exp_alerts: sim.firing(tier, evalAt).map((longMs) => {
        const labels = alertLabelsFor(slo, tier, longMs);
        const value = sim.burn(longMs, evalAt) ?? 0;
        return {
          exp_labels: labels,
          exp_annotations: expectedAnnotations(slo, tier, labels, value, 1 - burn),
        };
      }),
    })),
  };
}

function detection(slo: NormalizedSlo, tier: BurnTier): TestCase | null {
  const factor = Math.max(...tier.windows.map((w) => w.factor));
  const healthy = 60;
  const longest = Math.max(...tier.windows.map((w) => w.longMs)) / minuteMs;
  // A burn rate whose firing minute is not on a knife edge (a window exactly at the factor).
  for (
    let burn = Math.min(1 / slo.budget, Math.ceil(factor * 2.5));
    burn > factor && burn <= 1 / slo.budget;
    burn++
  ) {
    const probe = [burnPhase(slo, healthy, 0), burnPhase(slo, longest + tier.forMs / minuteMs + 10, burn)];
    const sim = simulate(slo, counters(probe));
    const fires = firstMinute(sim, healthy, (t) => sim.firing(tier, t).length > 0);
    if (fires === null) return null;
    if (sim.knifeEdge(tier, fires) || sim.knifeEdge(tier, fires - 1)) continue;
    const phases = [burnPhase(slo, healthy, 0), burnPhase(slo, fires - healthy + 2, burn)];
    const series = inputSeries(slo, phases);
    if (!series) return null;
    const query = alertsQuery(slo, sloAlertNames.burn(tier.name));
    return {
      name: `${tier.name}: a ${burn}x burn starting at ${at(healthy)} fires after ${fires - healthy} minutes, not before`,
      input_series: series,
      promql_expr_test: [
        { expr: query, eval_time: at(fires - 1), exp_samples: [] },
        { expr: query, eval_time: at(fires), exp_samples: firingSamples(slo, tier, sim.firing(tier, fires)) },
      ],
    };
  }
  return null;
}

function quiet(
  slo: NormalizedSlo,
  name: string,
  phases: readonly TrafficPhase[],
  tiers: readonly BurnTier[],
  times: readonly number[],
): TestCase | null {
  const series = inputSeries(slo, phases);
  if (!series || tiers.length === 0) return null;
  return {
    name,
    input_series: series,
    promql_expr_test: tiers.flatMap((tier) =>
      times.map((t) => ({
        expr: alertsQuery(slo, sloAlertNames.burn(tier.name)),
        eval_time: at(t),
        exp_samples: [],
      })),
    ),
  };
}

function budgetRateStaysQuiet(slo: NormalizedSlo): TestCase | null {
  const tiers = slo.tiers.filter((t) => t.windows.every((w) => w.factor > 1.5));
  return quiet(
    slo,
    'a steady burn at exactly the budget (1x) never pages',
    [burnPhase(slo, 90, 1)],
    tiers,
    [30, 90],
  );
}

function lowTrafficStaysQuiet(slo: NormalizedSlo): TestCase | null {
  if (slo.minRate <= 0) return null;
  const perMinute = (slo.minRate * 60) / 2;
  const tiers = tiersBelow(slo, 1 / slo.budget);
  return quiet(
    slo,
    `every request failing at ${num(perMinute / 60)}/s (half the ${slo.minRate}/s floor) stays quiet`,
    [{ minutes: 90, totalPerMinute: perMinute, errorsPerMinute: perMinute }],
    tiers,
    [30, 90],
  );
}

function recovery(slo: NormalizedSlo, tier: BurnTier): TestCase | null {
  const burning = 30 + tier.forMs / minuteMs;
  for (let burn = fastBurnRate(slo); burn <= 1 / slo.budget && tiersBelow(slo, burn).includes(tier); burn++) {
    const probe = [burnPhase(slo, burning, burn), burnPhase(slo, 24 * 60, 0)];
    const sim = simulate(slo, counters(probe));
    const resolved = firstMinute(sim, burning, (t) => sim.firing(tier, t).length === 0);
    if (resolved === null) return null;
    if (sim.knifeEdge(tier, resolved) || sim.knifeEdge(tier, resolved - 1)) continue;
    const phases = [burnPhase(slo, burning, burn), burnPhase(slo, resolved - burning + 2, 0)];
    const series = inputSeries(slo, phases);
    if (!series) return null;
    const query = alertsQuery(slo, sloAlertNames.burn(tier.name));
    return {
      name: `${tier.name}: after a ${burning}-minute ${burn}x burn stops, the alert resolves ${resolved - burning} minutes later`,
      input_series: series,
      promql_expr_test: [
        {
          expr: query,
          eval_time: at(resolved - 1),
          exp_samples: firingSamples(slo, tier, sim.firing(tier, resolved - 1)),
        },
        { expr: query, eval_time: at(resolved), exp_samples: [] },
      ],
    };
  }
  return null;
}

/** `count(x == x)`: the series of `name` that hold a number (NaN never equals itself). */
function countDefined(slo: NormalizedSlo, name: string): string {
  const s = q.selector(name, sloMatchers(slo));
  return printExpr(q.aggregate('count', q.binary('==', s, s)));
}

/** `count(x > 0)`: the series of `name` that counted some burn. */
function countPositive(slo: NormalizedSlo, name: string): string {
  return printExpr(q.aggregate('count', q.binary('>', q.selector(name, sloMatchers(slo)), q.number(0))));
}

/** Every report period's budget series exists and has counted the burn, as the SLO period's does. */
function reportPeriodsDefined(slo: NormalizedSlo): unknown[] {
  const count = slo.reportPeriodsMs.length;
  if (count === 0) return [];
  return [
    {
      expr: countDefined(slo, sloRecords.periodBudgetConsumed),
      eval_time: at(105),
      exp_samples: [{ labels: '{}', value: count }],
    },
    {
      expr: countPositive(slo, sloRecords.periodBudgetConsumed),
      eval_time: at(105),
      exp_samples: [{ labels: '{}', value: count }],
    },
  ];
}

function zeroTraffic(slo: NormalizedSlo): TestCase | null {
  const phases = [burnPhase(slo, 45, 0.5), { minutes: 60, totalPerMinute: 0, errorsPerMinute: 0 }];
  const series = inputSeries(slo, phases);
  if (!series) return null;
  return {
    name: 'an hour without traffic keeps burn rates at 0 and the remaining budget defined (Sloth: NaN)',
    input_series: series,
    promql_expr_test: [
      {
        expr: countDefined(slo, sloRecords.budgetRemaining),
        eval_time: at(105),
        exp_samples: [{ labels: '{}', value: 1 }],
      },
      {
        expr: countPositive(slo, sloRecords.budgetConsumed),
        eval_time: at(105),
        exp_samples: [{ labels: '{}', value: 1 }],
      },
      ...reportPeriodsDefined(slo),
      {
        expr: selectorText(sloRecords.burnRate, [...sloMatchers(slo), eq(sloLabels.window, '5m')]),
        eval_time: at(105),
        exp_samples: [
          {
            labels: seriesText(sloRecords.burnRate, { ...instanceLabels(slo), [sloLabels.window]: '5m' }),
            value: 0,
          },
        ],
      },
    ],
  };
}

function trafficWeighted(slo: NormalizedSlo, windows: readonly number[]): TestCase | null {
  const longest = Math.max(...windows);
  const phases = [burnPhase(slo, 60, 0.5), { minutes: 60, totalPerMinute: 10, errorsPerMinute: 10 }];
  const series = inputSeries(slo, phases);
  if (!series || longest < 120 * minuteMs) return null;
  const sim = simulate(slo, counters(phases));
  const t = 120;
  const expected = sim.burn(longest, t) ?? 0;
  const naive = naiveAverage(slo, phases, t);
  const burn = q.selector(sloRecords.burnRate, [
    ...sloMatchers(slo),
    eq(sloLabels.window, windowLabel(longest)),
  ]);
  const within = q.binary(
    '<',
    q.binary('>', burn, q.number(Number(num(expected * 0.99)))),
    q.number(Number(num(expected * 1.01))),
  );
  return {
    name: `after 1h at 0.5x then 1h of failing trickle, the ${windowLabel(longest)} burn rate is ${num(expected)} (traffic-weighted); an average of 5m ratios would read ${num(naive)}`,
    input_series: series,
    promql_expr_test: [
      {
        expr: printExpr(q.aggregate('count', within)),
        eval_time: at(t),
        exp_samples: [{ labels: '{}', value: 1 }],
      },
    ],
  };
}

/** What Sloth's period window computes: the plain mean of the 5m ratios. */
function naiveAverage(slo: NormalizedSlo, phases: readonly TrafficPhase[], t: number): number {
  const sim = simulate(slo, counters(phases));
  let sum = 0;
  let count = 0;
  for (let s = 1; s <= t; s++) {
    const b = sim.burn(5 * minuteMs, s);
    if (b !== null) {
      sum += b;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

function noData(slo: NormalizedSlo): TestCase | null {
  if (slo.noDataMs === null) return null;
  const minutes = slo.noDataMs / minuteMs;
  const query = alertsQuery(slo, sloAlertNames.noData);
  const absentLabels: Record<string, string> = {};
  const total = slo.sli.kind === 'latency' ? slo.sli.histogram.matchers : slo.sli.total.matchers;
  for (const m of [eq('service', slo.service), ...total])
    if (m.type === '=' && m.name !== '__name__') absentLabels[m.name] = m.value;
  const labels = {
    ...absentLabels,
    ...slo.labels,
    severity: 'warning',
    team: slo.team,
    service: slo.service,
    [sloLabels.slo]: slo.name,
  };
  return {
    name: `no SLI series for ${formatDuration(slo.noDataMs)} fires ${sloAlertNames.noData}`,
    input_series: [{ series: 'obsgen_unrelated_series', values: `1+0x${minutes + 5}` }],
    promql_expr_test: [
      { expr: query, eval_time: at(minutes - 1), exp_samples: [] },
      {
        expr: query,
        eval_time: at(minutes),
        exp_samples: [
          {
            labels: seriesText('ALERTS', {
              alertname: sloAlertNames.noData,
              alertstate: 'firing',
              ...labels,
            }),
            value: 1,
          },
        ],
      },
    ],
  };
}

/** The promtool test file for one SLO (null when its matchers defeat the synthetic series). */
export function sloTestFile(
  slo: NormalizedSlo,
  windows: readonly number[],
  siblings: readonly NormalizedSlo[] = [],
): Record<string, unknown> | null {
  const alerting = slo.alerting
    ? [
        fastBurnWithAnnotations(
          slo,
          siblings.filter((o) => o.name !== slo.name),
        ),
        ...slo.tiers.map((tier) => detection(slo, tier)),
        budgetRateStaysQuiet(slo),
        lowTrafficStaysQuiet(slo),
        ...slo.tiers.slice(0, 1).map((tier) => recovery(slo, tier)),
        noData(slo),
      ]
    : [];
  const tests = [...alerting, zeroTraffic(slo), trafficWeighted(slo, windows)].filter(
    (t): t is TestCase => t !== null,
  );
  if (tests.length === 0) return null;
  // The SLO groups read each other (budget from hourly means, hourly means from the 5m rates):
  // a fixed order keeps promtool from evaluating them in a random one.
  const sloGroups = (siblings.length > 0 ? siblings : [slo]).flatMap((s) => [
    sloGroupNames.main(s.service, s.name),
    sloGroupNames.hourly(s.service, s.name),
  ]);
  return {
    rule_files: [`../${paths.ruleFile(slo.service)}`],
    evaluation_interval: '1m',
    group_eval_order: sloGroups,
    tests: tests.map((t) => ({ interval: '1m', ...t })),
  };
}
