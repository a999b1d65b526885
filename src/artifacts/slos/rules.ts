// The SLO math as Prometheus rules. Error and total event rates are recorded once at the short (5m)
// window, every minute; every longer window sums those recordings (numerators and denominators
// separately), so each window is a traffic-weighted ratio, never an average of ratios, and costs one
// series per SLO instead of a scan of the raw series. The period window (and each report period)
// sums hourly means of the 5m rates. Ratios use safeRatio, so no traffic gives 0 (no budget burnt),
// never NaN.

import { runbookAnnotation } from '../../model/conventions.ts';
import type { SignalSelector } from '../../model/model.ts';
import {
  type BurnTier,
  type BurnWindow,
  type NormalizedSlo,
  shortRateMs,
  sloAlertNames,
  sloEvalMs,
} from '../../model/slo.ts';
import type { Expr, LabelMatcher, VectorSelector } from '../../promql/ast.ts';
import { formatDurationInDays } from '../../promql/duration.ts';
import type { AlertingRule, RecordingRule, Rule, RuleGroup } from '../rules/types.ts';
import { sloGroupNames, sloLabels, sloRecords, windowLabel } from './names.ts';
import { binary, call, eq, fn, nonNegative, num, safeRatio, selector, sumBy, text } from './promql.ts';

const hourMs = 3_600_000;

/** Matchers that pick this SLO's recorded series. */
export function sloMatchers(slo: NormalizedSlo): LabelMatcher[] {
  return [eq('service', slo.service), eq(sloLabels.slo, slo.name)];
}

function recorded(slo: NormalizedSlo, name: string, extra: readonly LabelMatcher[] = []): VectorSelector {
  return selector(name, [...sloMatchers(slo), ...extra]);
}

/** A raw selector of the service's own series (the monitors attach `service`). */
function raw(
  slo: NormalizedSlo,
  s: SignalSelector,
  suffix = '',
  extra: readonly LabelMatcher[] = [],
): VectorSelector {
  return selector(`${s.metric.name}${suffix}`, [eq('service', slo.service), ...s.matchers, ...extra]);
}

function rate5m(slo: NormalizedSlo, q: VectorSelector): Expr {
  return sumBy(slo.keep, call('rate', q, shortRateMs));
}

/** The raw selector whose absence means the SLI has no data. */
export function totalSelector(slo: NormalizedSlo): VectorSelector {
  return slo.sli.kind === 'latency' ? raw(slo, slo.sli.histogram, '_count') : raw(slo, slo.sli.total);
}

function totalRateExpr(slo: NormalizedSlo): Expr {
  return rate5m(slo, totalSelector(slo));
}

/** Errors per second; a missing error series (no failure yet) counts as 0, not as no data. */
function errorRateExpr(slo: NormalizedSlo): Expr {
  const total = totalRateExpr(slo);
  const zero = binary(num(0), '*', total);
  const sli = slo.sli;
  if (sli.kind === 'ratio' && sli.errors) return binary(rate5m(slo, raw(slo, sli.errors)), 'or', zero);
  const good =
    sli.kind === 'latency'
      ? rate5m(slo, raw(slo, sli.histogram, '_bucket', [sli.leMatcher]))
      : sli.good
        ? rate5m(slo, raw(slo, sli.good))
        : zero;
  return nonNegative(binary(total, '-', binary(good, 'or', zero)));
}

function record(
  slo: NormalizedSlo,
  name: string,
  expr: Expr,
  extra: Readonly<Record<string, string>> = {},
): RecordingRule {
  return {
    kind: 'record',
    record: name,
    expr,
    labels: sortedLabels({ ...slo.labels, [sloLabels.slo]: slo.name, service: slo.service, ...extra }),
  };
}

function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every distinct window the alert tiers read, ascending, always including the short rate window. */
export function burnWindows(slo: NormalizedSlo): number[] {
  const all = new Set<number>([shortRateMs]);
  if (slo.alerting)
    for (const tier of slo.tiers) for (const w of tier.windows) all.add(w.longMs).add(w.shortMs);
  return [...all].sort((a, b) => a - b);
}

/**
 * Events over a window, counted in recorded samples. Each sample is a 5m rate, so a plain sum over
 * the window weights its newest 5 minutes on a falling ramp and lags an incident by ~2.5 minutes.
 * Instead the newest sample stands for the last 5 minutes whole, and the older samples, offset by
 * half the rate window, cover the rest: the ramps on either side of the seam cancel.
 */
function windowEvents(rate: VectorSelector, windowMs: number): Expr {
  const head = binary(rate, '*', num(shortRateMs / sloEvalMs));
  const tail = call('sum_over_time', rate, windowMs - shortRateMs, shortRateMs / 2);
  return binary(head, '+', tail);
}

function burnRateExpr(slo: NormalizedSlo, windowMs: number): Expr {
  const errors = recorded(slo, sloRecords.errorRate);
  const total = recorded(slo, sloRecords.totalRate);
  const ratio =
    windowMs === shortRateMs
      ? safeRatio(errors, total)
      : safeRatio(windowEvents(errors, windowMs), windowEvents(total, windowMs));
  return binary(ratio, '/', num(slo.budget));
}

function budgetConsumedExpr(slo: NormalizedSlo, periodMs: number): Expr {
  const ratio = safeRatio(
    call('sum_over_time', recorded(slo, sloRecords.errorRateHourly), periodMs),
    call('sum_over_time', recorded(slo, sloRecords.totalRateHourly), periodMs),
  );
  return binary(ratio, '/', num(slo.budget));
}

function burnAbove(slo: NormalizedSlo, windowMs: number, factor: number): Expr {
  return binary(
    recorded(slo, sloRecords.burnRate, [eq(sloLabels.window, windowLabel(windowMs))]),
    '>',
    num(factor),
  );
}

/** Both windows burn faster than the factor, and there is enough traffic to judge. */
export function windowCondition(slo: NormalizedSlo, w: BurnWindow): Expr {
  const ignoringWindow = { kind: 'ignoring', labels: [sloLabels.window] } as const;
  const both = binary(
    burnAbove(slo, w.longMs, w.factor),
    'and',
    burnAbove(slo, w.shortMs, w.factor),
    ignoringWindow,
  );
  if (slo.minRate <= 0) return both;
  const traffic = binary(
    call('avg_over_time', recorded(slo, sloRecords.totalRate), w.longMs),
    '>',
    num(slo.minRate),
  );
  return binary(both, 'and', traffic, ignoringWindow);
}

function tierExpr(slo: NormalizedSlo, tier: BurnTier): Expr {
  const [first, ...rest] = tier.windows.map((w) => windowCondition(slo, w));
  if (!first) return num(0);
  return rest.reduce((acc, q) => binary(acc, 'or', q), first);
}

/** `{{ with query "..." }}` for a recorded series of the alert's own SLO instance (groupBy labels included). */
function queryTemplate(slo: NormalizedSlo, name: string): string {
  const labels = ['service', sloLabels.slo, ...slo.keep.filter((l) => l !== 'service')];
  const pattern = labels.map((l) => `${l}=%q`).join(', ');
  const args = labels.map((l) => `$labels.${l}`).join(' ');
  return `printf "${name}{${pattern}}" ${args} | query`;
}

export function alertAnnotations(slo: NormalizedSlo, tier: BurnTier): Record<string, string> {
  const period = formatDurationInDays(slo.periodMs);
  const budgetLeft = `{{ with ${queryTemplate(slo, sloRecords.budgetRemaining)} }}{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}`;
  return {
    summary: `{{ $labels.service }} SLO {{ $labels.slo }} is burning its error budget {{ $value | humanize }}x too fast (${tier.name})`,
    description:
      `The ${slo.name} SLO of ${slo.service} (${slo.objectivePercent}% over ${period}) burnt its error budget {{ $value | humanize }}x faster than sustainable ` +
      `over the last {{ $labels.window }} and its short window. Budget left for the ${period} period: ${budgetLeft}.`,
    ...runbookAnnotation(slo.runbookUrl),
    ...(slo.dashboardUrl ? { dashboard_url: slo.dashboardUrl } : {}),
  };
}

function alertLabels(
  slo: NormalizedSlo,
  severity: string,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  return sortedLabels({
    ...slo.labels,
    severity,
    team: slo.team,
    service: slo.service,
    [sloLabels.slo]: slo.name,
    ...extra,
  });
}

function tierAlert(slo: NormalizedSlo, tier: BurnTier): AlertingRule {
  return {
    kind: 'alert',
    alert: sloAlertNames.burn(tier.name),
    expr: tierExpr(slo, tier),
    forMs: tier.forMs,
    keepFiringForMs: 0,
    labels: alertLabels(slo, tier.severity, { [sloLabels.tier]: tier.name }),
    annotations: alertAnnotations(slo, tier),
  };
}

export function noDataAnnotations(slo: NormalizedSlo): Record<string, string> {
  return {
    summary: `${slo.service} SLO ${slo.name} has no data`,
    description: `The metrics behind the ${slo.name} SLO of ${slo.service} (${text(totalSelector(slo))}) have been absent for ${formatDurationInDays(slo.noDataMs ?? 0)}: its burn-rate alerts cannot fire. Check the scrape targets.`,
    ...runbookAnnotation(slo.runbookUrl),
  };
}

function noDataAlert(slo: NormalizedSlo, forMs: number): AlertingRule {
  return {
    kind: 'alert',
    alert: sloAlertNames.noData,
    expr: fn('absent', totalSelector(slo)),
    forMs,
    keepFiringForMs: 0,
    labels: alertLabels(slo, 'warning', {}),
    annotations: noDataAnnotations(slo),
  };
}

/** The rule groups of one SLO: its own groups, so Thanos and Mimir rulers can shard them. */
export function sloRuleGroups(slo: NormalizedSlo): RuleGroup[] {
  const rules: Rule[] = [
    record(slo, sloRecords.totalRate, totalRateExpr(slo)),
    record(slo, sloRecords.errorRate, errorRateExpr(slo)),
    ...burnWindows(slo).map((w) =>
      record(slo, sloRecords.burnRate, burnRateExpr(slo, w), { [sloLabels.window]: windowLabel(w) }),
    ),
    record(slo, sloRecords.objective, fn('vector', num(slo.objective))),
    record(slo, sloRecords.budgetConsumed, budgetConsumedExpr(slo, slo.periodMs)),
    record(slo, sloRecords.budgetRemaining, binary(num(1), '-', recorded(slo, sloRecords.budgetConsumed))),
  ];
  if (slo.alerting) {
    rules.push(...slo.tiers.map((tier) => tierAlert(slo, tier)));
    if (slo.noDataMs !== null) rules.push(noDataAlert(slo, slo.noDataMs));
  }
  const hourly: Rule[] = [
    record(
      slo,
      sloRecords.totalRateHourly,
      call('avg_over_time', recorded(slo, sloRecords.totalRate), hourMs),
    ),
    record(
      slo,
      sloRecords.errorRateHourly,
      call('avg_over_time', recorded(slo, sloRecords.errorRate), hourMs),
    ),
    ...slo.reportPeriodsMs.map((periodMs) =>
      record(slo, sloRecords.periodBudgetConsumed, budgetConsumedExpr(slo, periodMs), {
        [sloLabels.period]: windowLabel(periodMs),
      }),
    ),
  ];
  return [
    { name: sloGroupNames.main(slo.service, slo.name), intervalMs: sloEvalMs, rules },
    // Hourly is enough for a budget counted over weeks, and makes the period sum read 720 samples, not 43200.
    { name: sloGroupNames.hourly(slo.service, slo.name), intervalMs: hourMs, rules: hourly },
  ];
}
