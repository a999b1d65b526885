// An hour without traffic: burn rates read 0 and the remaining budget stays defined (Sloth: NaN);
// every report period's budget is counted; the objective is recorded as the catalog states it.
// Ten minutes of burn before the hour are enough for the budget to have counted something.
import type { NormalizedSlo } from '../../../../model/slo.ts';
import * as q from '../../../../promql/construct.ts';
import { printExpr } from '../../../../promql/index.ts';
import { sloLabels, sloRecords } from '../../../slos/names.ts';
import { eq, selectorText } from '../../../slos/promql.ts';
import { sloMatchers } from '../../../slos/rules.ts';
import { seriesText } from '../../series.ts';
import { at, type PromqlExprTest, type TestCase } from '../../test-case.ts';
import { instanceLabels } from '../instance.ts';
import { burnPhase, inputSeries, type SloContext } from '../traffic.ts';

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
function reportPeriodsDefined(slo: NormalizedSlo, evalAt: string): PromqlExprTest[] {
  const count = slo.reportPeriodsMs.length;
  if (count === 0) return [];
  return [
    {
      expr: countDefined(slo, sloRecords.periodBudgetConsumed),
      eval_time: evalAt,
      exp_samples: [{ labels: '{}', value: count }],
    },
    {
      expr: countPositive(slo, sloRecords.periodBudgetConsumed),
      eval_time: evalAt,
      exp_samples: [{ labels: '{}', value: count }],
    },
  ];
}

function objectiveRecorded(slo: NormalizedSlo, evalAt: string): PromqlExprTest {
  const labels = { ...slo.labels, service: slo.service, [sloLabels.slo]: slo.name };
  return {
    expr: selectorText(sloRecords.objective, sloMatchers(slo)),
    eval_time: evalAt,
    exp_samples: [{ labels: seriesText(sloRecords.objective, labels), value: slo.objective }],
  };
}

export function zeroTraffic(ctx: SloContext): TestCase | null {
  const { slo } = ctx;
  const burning = 10;
  const quietHour = 60;
  const phases = [
    burnPhase(slo, burning, 0.5),
    { minutes: quietHour, totalPerMinute: 0, errorsPerMinute: 0 },
  ];
  const series = inputSeries(ctx, slo, phases);
  if (!series) return null;
  const evalAt = at(burning + quietHour);
  return {
    name: 'an hour without traffic keeps burn rates at 0 and the remaining budget defined (Sloth: NaN)',
    input_series: series,
    promql_expr_test: [
      {
        expr: countDefined(slo, sloRecords.budgetRemaining),
        eval_time: evalAt,
        exp_samples: [{ labels: '{}', value: 1 }],
      },
      {
        expr: countPositive(slo, sloRecords.budgetConsumed),
        eval_time: evalAt,
        exp_samples: [{ labels: '{}', value: 1 }],
      },
      ...reportPeriodsDefined(slo, evalAt),
      {
        expr: selectorText(sloRecords.burnRate, [...sloMatchers(slo), eq(sloLabels.window, '5m')]),
        eval_time: evalAt,
        exp_samples: [
          {
            labels: seriesText(sloRecords.burnRate, { ...instanceLabels(slo), [sloLabels.window]: '5m' }),
            value: 0,
          },
        ],
      },
      objectiveRecorded(slo, evalAt),
    ],
  };
}
