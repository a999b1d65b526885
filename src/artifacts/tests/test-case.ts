// The promtool test-file shapes generated tests are made of, and the minute arithmetic they share:
// every generated test samples its series once a minute from minute 0 and evaluates every minute.
import { formatDurationInDays } from '../../promql/duration.ts';
import type { Labels, Series } from './series.ts';

export const minuteMs = 60_000;

/** Texts of the whole minutes every test reads, made once (a bounded table of a pure function). */
const wholeMinutes: string[] = [];
const wholeMinutesKept = 1024;

/** promtool's duration text for a minute of the test. */
export function at(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= wholeMinutesKept)
    return formatDurationInDays(minutes * minuteMs);
  let text = wholeMinutes[minutes];
  if (text === undefined) {
    text = formatDurationInDays(minutes * minuteMs);
    wholeMinutes[minutes] = text;
  }
  return text;
}

export interface ExpectedAlert {
  readonly exp_labels: Labels;
  readonly exp_annotations: Labels;
}

export interface AlertRuleTest {
  readonly alertname: string;
  readonly eval_time: string;
  readonly exp_alerts: readonly ExpectedAlert[];
}

export interface ExpectedSample {
  readonly labels: string;
  readonly value: number;
}

export interface PromqlExprTest {
  readonly expr: string;
  readonly eval_time: string;
  readonly exp_samples: readonly ExpectedSample[];
}

export interface TestCase {
  readonly name: string;
  readonly input_series: readonly Series[];
  readonly alert_rule_test?: readonly AlertRuleTest[];
  readonly promql_expr_test?: readonly PromqlExprTest[];
}

export interface TestFileSpec {
  /** Relative to the test file (tests/ sits beside prometheus/ in generated/). */
  readonly ruleFiles: readonly string[];
  /** Groups that read each other's series, in the order they must run. */
  readonly groupEvalOrder: readonly string[];
  readonly tests: readonly TestCase[];
}

/** The promtool test file; rules run every minute, series are sampled every minute. */
export function testFile(spec: TestFileSpec): Record<string, unknown> {
  return {
    rule_files: spec.ruleFiles,
    evaluation_interval: '1m',
    ...(spec.groupEvalOrder.length > 0 ? { group_eval_order: spec.groupEvalOrder } : {}),
    tests: spec.tests.map((t) => ({ interval: '1m', ...t })),
  };
}

/** The first minute in [from, to] where `predicate` holds, or null. */
export function firstMinute(from: number, to: number, predicate: (t: number) => boolean): number | null {
  for (let t = from; t <= to; t++) if (predicate(t)) return t;
  return null;
}
