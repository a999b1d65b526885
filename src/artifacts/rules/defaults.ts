// The rules every service gets from its catalog entry: RED recordings, latency quantiles, saturation,
// and alerts that are aggregated per service (one alert per service, never one per instance), guarded
// by traffic, and carry severity/team/service labels and summary/description/runbook annotations.
import {
  aggregationLabels,
  alertNames,
  dashboardKinds,
  dashboardUrl,
  groupNames,
  labels as labelNames,
  latencyQuantiles,
  rateWindowMs,
  recording,
  runbookUrl,
} from '../../model/conventions.ts';
import type {
  AlertOverride,
  DefaultAlert,
  Model,
  Red,
  Saturation,
  Service,
  Severity,
  SignalSelector,
} from '../../model/model.ts';
import { serviceMatchers, signal } from '../../model/series.ts';
import type { Expr, LabelMatcher } from '../../promql/ast.ts';
import * as q from '../../promql/construct.ts';
import { formatDuration } from '../../promql/duration.ts';
import { AlertRuleBuilder, RecordingRuleBuilder } from './builders.ts';
import type { Rule, RuleGroup } from './types.ts';

// Every RED rate spans rateWindowMs(service): 5m, or 4 scrape intervals when that is longer, so a
// slow scrape never leaves a window with too few samples (and gen never lints its own windows).

const noMatchers: readonly LabelMatcher[] = [];

// q.selector copies the matchers it is given: a list of them is passed as it is, not copied first.
function recorded(service: Service, name: string, extra: readonly LabelMatcher[] = noMatchers): Expr {
  return q.selector(
    name,
    extra.length === 0 ? serviceMatchers(service) : [...serviceMatchers(service), ...extra],
  );
}

/**
 * What a service's default rules repeat: the labels they aggregate by, and the recording names its
 * alerts and its error ratio read back. Made once per service, not again at every use; the lists are
 * read-only, so the rules share them.
 */
interface ServiceRuleNames {
  readonly aggregation: readonly string[];
  readonly red: RedNames | null;
}

interface RedNames {
  readonly requestRate: string;
  readonly errorRate: string;
  readonly errorRatio: string;
  readonly latencyQuantile: string | null;
}

function serviceRuleNames(model: Model, service: Service): ServiceRuleNames {
  return {
    aggregation: aggregationLabels(model, service),
    red: service.red ? redNamesOf(model, service, service.red) : null,
  };
}

/** The names when first asked for: the tests generator reads the alert specs' numbers and texts alone. */
type NamesWhenAsked = () => ServiceRuleNames;

function namesWhenAsked(model: Model, service: Service): NamesWhenAsked {
  let names: ServiceRuleNames | null = null;
  return () => {
    names ??= serviceRuleNames(model, service);
    return names;
  };
}

function redNamesOf(model: Model, service: Service, red: Red): RedNames {
  const requests = red.requests.metric;
  return {
    requestRate: recording.requestRate(model, service, requests),
    errorRate: recording.errorRate(model, service, requests),
    errorRatio: recording.errorRatio(model, service, requests),
    latencyQuantile: red.latency ? recording.latencyQuantile(model, service, red.latency.metric) : null,
  };
}

function perService(names: ServiceRuleNames, expr: Expr, extra: readonly string[] = noLabels): Expr {
  return q.aggregate('sum', expr, extra.length === 0 ? names.aggregation : [...names.aggregation, ...extra]);
}

const noLabels: readonly string[] = [];

function formatLe(value: number): string {
  return String(value);
}

/** A recording rule carrying the service's static labels (`services.*.labels`), like its alerts. */
function record(service: Service, name: string, expr: Expr): RecordingRuleBuilder {
  const builder = new RecordingRuleBuilder(name, expr);
  for (const [label, value] of Object.entries(service.labels)) builder.label(label, value);
  return builder;
}

export function recordingRules(
  model: Model,
  service: Service,
  names: ServiceRuleNames = serviceRuleNames(model, service),
): Rule[] {
  const red = service.red;
  const rules: Rule[] = [];
  if (red) {
    const redNames = names.red ?? redNamesOf(model, service, red);
    rules.push(
      record(
        service,
        redNames.requestRate,
        perService(names, q.rate(signal(service, red.requests), rateWindowMs(service))),
      ).build(),
    );
    if (red.errors) {
      rules.push(
        record(
          service,
          redNames.errorRate,
          perService(names, q.rate(signal(service, red.errors), rateWindowMs(service))),
        ).build(),
        record(
          service,
          redNames.errorRatio,
          q.binary('/', recorded(service, redNames.errorRate), recorded(service, redNames.requestRate)),
        ).build(),
      );
    }
    if (red.latency) rules.push(...latencyRules(model, service, names, red.latency, redNames));
  }
  for (const s of service.saturation) rules.push(saturationRecording(model, service, names, s));
  return rules;
}

function latencyRules(
  model: Model,
  service: Service,
  names: ServiceRuleNames,
  latency: SignalSelector,
  redNames: RedNames,
): Rule[] {
  const histogram = latency.metric;
  const buckets = recording.bucketRate(model, service, histogram);
  const quantileName = redNames.latencyQuantile ?? recording.latencyQuantile(model, service, histogram);
  return [
    record(
      service,
      buckets,
      perService(names, q.rate(signal(service, latency, '_bucket'), rateWindowMs(service)), ['le']),
    ).build(),
    ...latencyQuantiles.map((quantile) =>
      record(
        service,
        quantileName,
        q.call('histogram_quantile', [q.number(quantile), recorded(service, buckets)]),
      )
        .label(labelNames.quantile, formatLe(quantile))
        .build(),
    ),
  ];
}

function saturationRecording(model: Model, service: Service, names: ServiceRuleNames, s: Saturation): Rule {
  const used = q.selector(s.used.name, serviceMatchers(service));
  const value = s.capacity
    ? q.binary('/', used, q.selector(s.capacity.name, serviceMatchers(service)))
    : used;
  return record(
    service,
    recording.saturation(model, s.used, s.capacity !== null),
    q.aggregate('max', value, names.aggregation),
  ).build();
}

/**
 * `expr` and `description` are methods in the spec literals, not arrow-valued properties: gen's
 * TypeScript loader defines the name of every such arrow as it is made, twice a service per alert.
 */
interface AlertSpec {
  readonly name: string;
  /** Built only where the rule is (the tests generator reads a spec's numbers and texts alone). */
  readonly expr: (threshold: number) => Expr;
  readonly threshold: number;
  readonly forMs: number;
  readonly severity: Severity;
  readonly summary: string;
  /** From the threshold and `for` the alert runs with (the catalog's overrides applied). */
  readonly description: (effective: Effective) => string;
}

interface Effective {
  readonly threshold: number;
  readonly forMs: number;
}

/** `for` as a reader says it: "2 minutes", "1 minute", else the duration ("90s", "1h30m"). */
function forPhrase(forMs: number): string {
  const minutes = forMs / 60_000;
  if (Number.isInteger(minutes) && minutes > 0 && minutes < 60)
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return formatDuration(forMs);
}

function applyOverride(
  service: Service,
  dashboard: string | null,
  spec: AlertSpec,
  override: AlertOverride | undefined,
): Rule | null {
  if (override?.disabled) return null;
  const threshold = override?.threshold ?? spec.threshold;
  const forMs = override?.forMs ?? spec.forMs;
  const builder = new AlertRuleBuilder(spec.name, spec.expr(threshold))
    .forMs(forMs)
    .severity(override?.severity ?? spec.severity)
    .label(labelNames.team, service.team)
    .label(labelNames.service, service.name)
    .summary(spec.summary)
    .description(spec.description({ threshold, forMs }))
    .runbook(override?.runbook ?? runbookUrl(service, spec.name));
  const keepFiringForMs = override?.keepFiringForMs ?? null;
  if (keepFiringForMs !== null) builder.keepFiringFor(`${keepFiringForMs}ms`);
  for (const [name, value] of Object.entries(service.labels)) builder.label(name, value);
  for (const [name, value] of Object.entries(override?.labels ?? {})) builder.label(name, value);
  if (dashboard) builder.annotation('dashboard_url', dashboard);
  return builder.build();
}

/** The spec of each alert resolve lists for the service (`Service.defaultAlerts`), in that order. */
export function defaultAlertSpecs(
  model: Model,
  service: Service,
  names: NamesWhenAsked = namesWhenAsked(model, service),
): AlertSpec[] {
  return service.defaultAlerts.flatMap((alert) => alertSpec(model, service, names, alert));
}

function alertSpec(model: Model, service: Service, names: NamesWhenAsked, alert: DefaultAlert): AlertSpec[] {
  // The guards only narrow the types: resolve lists an alert only where its inputs exist.
  const red = service.red;
  if (alert.kind === 'saturated') {
    const saturation = service.saturation.find((s) => s.name === alert.saturation);
    return saturation ? [saturationAlert(model, service, saturation)] : [];
  }
  if (alert.kind === 'targetDown') return [targetDownAlert(service, names)];
  if (alert.kind === 'serviceDown') return [serviceDownAlert(service, names)];
  if (alert.kind === 'highErrorRatio')
    return red?.errors ? [highErrorRatioAlert(model, service, names, red)] : [];
  return red?.latency && red.latencyThresholdSeconds !== null
    ? [highLatencyAlert(model, service, names, red, red.latency, red.latencyThresholdSeconds)]
    : [];
}

function availability(service: Service, names: ServiceRuleNames): { up: Expr; by: readonly string[] } {
  return { up: q.selector('up', serviceMatchers(service)), by: names.aggregation };
}

function targetDownAlert(service: Service, names: NamesWhenAsked): AlertSpec {
  return {
    name: alertNames.targetDown,
    // Share of the service's targets that are down: one alert for the service, not one per instance.
    expr(threshold) {
      const { up, by } = availability(service, names());
      return q.binary(
        '>',
        q.binary(
          '/',
          q.aggregate('count', q.binary('==', up, q.number(0)), by),
          q.aggregate('count', up, by),
        ),
        q.number(threshold),
      );
    },
    threshold: 0.1,
    forMs: 10 * 60_000,
    severity: 'warning',
    summary: `Some ${service.name} targets are down.`,
    description() {
      return `{{ $value | humanizePercentage }} of the ${service.name} targets Prometheus scrapes are down.`;
    },
  };
}

function serviceDownAlert(service: Service, names: NamesWhenAsked): AlertSpec {
  return {
    name: alertNames.serviceDown,
    // Every target down, or none left to scrape at all (absent keeps the service label).
    expr() {
      const { up, by } = availability(service, names());
      return q.binary('or', q.binary('==', q.aggregate('max', up, by), q.number(0)), q.call('absent', [up]));
    },
    threshold: 0,
    forMs: 2 * 60_000,
    severity: 'critical',
    summary: `${service.name} is down.`,
    description({ forMs }) {
      return `No ${service.name} target has answered a scrape for ${forPhrase(forMs)}, or no target is left to scrape.`;
    },
  };
}

/** RED alerts fire only with enough traffic to judge by. */
function enoughTraffic(
  service: Service,
  names: ServiceRuleNames,
  red: Red,
  redNames: RedNames,
  expr: Expr,
): Expr {
  return q.binary(
    'and',
    expr,
    q.binary('>', recorded(service, redNames.requestRate), q.number(red.minRequestRate)),
    { on: names.aggregation },
  );
}

function highErrorRatioAlert(
  model: Model,
  service: Service,
  namesWhenAsked: NamesWhenAsked,
  red: Red,
): AlertSpec {
  return {
    name: alertNames.highErrorRatio,
    expr(threshold) {
      const names = namesWhenAsked();
      const redNames = names.red ?? redNamesOf(model, service, red);
      return enoughTraffic(
        service,
        names,
        red,
        redNames,
        q.binary('>', recorded(service, redNames.errorRatio), q.number(threshold)),
      );
    },
    threshold: red.errorRatioThreshold,
    forMs: 5 * 60_000,
    severity: 'warning',
    summary: `${service.name} fails too many requests.`,
    description() {
      return `{{ $value | humanizePercentage }} of ${service.name} requests failed over the last ${rateWindowMs(service) / 60_000} minutes.`;
    },
  };
}

function highLatencyAlert(
  model: Model,
  service: Service,
  namesWhenAsked: NamesWhenAsked,
  red: Red,
  latency: SignalSelector,
  thresholdSeconds: number,
): AlertSpec {
  return {
    name: alertNames.highLatency,
    expr(threshold) {
      const names = namesWhenAsked();
      const redNames = names.red ?? redNamesOf(model, service, red);
      const quantileName =
        redNames.latencyQuantile ?? recording.latencyQuantile(model, service, latency.metric);
      const p99 = recorded(service, quantileName, [{ name: labelNames.quantile, type: '=', value: '0.99' }]);
      return enoughTraffic(service, names, red, redNames, q.binary('>', p99, q.number(threshold)));
    },
    threshold: thresholdSeconds,
    forMs: 10 * 60_000,
    severity: 'warning',
    summary: `${service.name} responds slowly.`,
    description() {
      return `The 99th percentile latency of ${service.name} is {{ $value | humanizeDuration }}.`;
    },
  };
}

function saturationAlert(model: Model, service: Service, s: Saturation): AlertSpec {
  const what = s.description ?? (s.used.help || s.name);
  return {
    name: alertNames.saturated(s.name),
    expr(threshold) {
      return q.binary(
        '>',
        recorded(service, recording.saturation(model, s.used, s.capacity !== null)),
        q.number(threshold),
      );
    },
    threshold: s.threshold,
    forMs: s.forMs,
    severity: 'warning',
    summary: `${service.name}: ${what} is close to its limit.`,
    description({ threshold }) {
      return s.capacity
        ? `${service.name}: ${what} is at {{ $value | humanizePercentage }} of capacity (threshold ${threshold * 100}%).`
        : `${service.name}: ${what} is {{ $value | humanize }} (threshold ${threshold}).`;
    },
  };
}

export function defaultRuleGroups(model: Model, service: Service): RuleGroup[] {
  const dashboard = dashboardUrl(model, service.name, dashboardKinds.service);
  const names = serviceRuleNames(model, service);
  const alerts = defaultAlertSpecs(model, service, () => names)
    .map((spec) => applyOverride(service, dashboard, spec, service.alertOverrides.get(spec.name)))
    .filter((rule): rule is Rule => rule !== null);
  const records = recordingRules(model, service, names);
  return [
    ...(records.length > 0 ? [{ name: groupNames.recording(service), intervalMs: 0, rules: records }] : []),
    { name: groupNames.alerts(service), intervalMs: 0, rules: alerts },
  ];
}
