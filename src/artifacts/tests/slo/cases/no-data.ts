// The no-data alert: with no SLI series it fires after its `for`, not a minute earlier; every SLO of
// the service whose series are missing fires its own instance, so the expectation lists them all.

import { sloAlertNames } from '../../../../model/slo.ts';
import { formatDurationInDays } from '../../../../promql/duration.ts';
import { totalSelector } from '../../../slos/rules.ts';
import type { Series } from '../../series.ts';
import { type AlertRuleTest, at, type ExpectedAlert, type TestCase } from '../../test-case.ts';
import { noDataAlert } from '../instance.ts';
import { type SloContext, selectsAny } from '../traffic.ts';

const minuteMs = 60_000;

/** A copy of a kept alert: each test file holds objects of its own. */
const copied = (alert: ExpectedAlert): ExpectedAlert => ({
  exp_labels: { ...alert.exp_labels },
  exp_annotations: { ...alert.exp_annotations },
});

/** SLOMetricsAbsent at minute t: the SLOs whose total series none of `series` provides, past their `for`. */
export function noDataTest(ctx: SloContext, series: readonly Series[], t: number): AlertRuleTest {
  const all = ctx.siblings.some((s) => s.name === ctx.slo.name) ? ctx.siblings : [ctx.slo, ...ctx.siblings];
  const absent = all.filter((s) => {
    if (!s.alerting || s.noDataMs === null || s.noDataMs > t * minuteMs) return false;
    const total = totalSelector(s);
    return !selectsAny(ctx.series, { name: total.name, matchers: total.matchers }, series);
  });
  return {
    alertname: sloAlertNames.noData,
    eval_time: at(t),
    exp_alerts: absent.map((s) => copied(ctx.series.noDataAlerts.get(s, () => noDataAlert(s)))),
  };
}

export function noData(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  if (slo.noDataMs === null) return null;
  const minutes = slo.noDataMs / minuteMs;
  const series: Series[] = [{ series: 'obsgen_unrelated_series', values: `1+0x${minutes + 5}` }];
  return {
    name: `no SLI series for ${formatDurationInDays(slo.noDataMs)} fires ${sloAlertNames.noData}`,
    input_series: series,
    alert_rule_test: [noDataTest(ctx, series, minutes - 1), noDataTest(ctx, series, minutes)],
  };
}
