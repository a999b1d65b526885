// HighErrorRatio: the share of failed requests over the service's rate window (5m or longer) above the threshold, with enough traffic.
import { alertNames, rateWindowMs } from '../../../model/conventions.ts';
import { type CasePlan, caseOf, firingPlan, planned, quietPlan } from '../cases/plan.ts';
import { type Curve, curve, near } from '../cases/scenario.ts';
import { rateOver } from '../minutes.ts';
import { num } from '../series.ts';
import type { ShapeCache } from '../shapes.ts';
import type { TestCase } from '../test-case.ts';
import type { ServiceContext } from './context.ts';
import {
  type CounterPart,
  partNotation,
  partValues,
  phasesKey,
  type RequestPhase,
  requestSeries,
} from './counters.ts';

/** What the ratio's curve reads besides the phases: the alert's threshold, the traffic floor, the window. */
interface RatioRule {
  readonly threshold: number;
  readonly floor: number;
  readonly windowMinutes: number;
}

/** The error ratio over the phases, written on series counting `parts`, as the alert's rule sees it. */
function ratioCurve(
  shapes: ShapeCache,
  rule: RatioRule,
  parts: readonly CounterPart[],
  phases: readonly RequestPhase[],
): Curve {
  const { threshold, floor, windowMinutes } = rule;
  const key = `errorRatio|${threshold}|${floor}|${windowMinutes}|${parts.join(',')}|${phasesKey(phases)}`;
  return shapes.curves.get(key, () => {
    const requests = partValues(phases, 'requests');
    const errors = partValues(phases, 'errors');
    const requestRate = (t: number) => rateOver(requests, t, 'closed', windowMinutes);
    const ratio = (t: number): number | null => {
      const e = rateOver(errors, t, 'closed', windowMinutes);
      const r = requestRate(t);
      return e === null || r === null || r === 0 ? null : e / r;
    };
    return curve(
      requests.length - 1,
      parts.map((part) => partNotation(phases, part)),
      (t) => {
        const r = ratio(t);
        return r !== null && r > threshold && (requestRate(t) ?? 0) > floor ? r : null;
      },
      (t) => near(ratio(t), threshold) || near(requestRate(t), floor),
    );
  });
}

export function highErrorRatioTests(ctx: ServiceContext): TestCase[] {
  const { model, service } = ctx;
  const red = service.red;
  const alert = ctx.alerts.get(alertNames.highErrorRatio);
  if (!red?.errors || !alert) return [];
  const counters = requestSeries(model, service, ctx.shapes, red.requests, red.errors);
  if (!counters) return [];
  const { threshold, forMinutes } = alert;
  const floor = red.minRequestRate;
  const windowMinutes = rateWindowMs(service) / 60_000;
  const parts = counters.map((c) => c.part);
  const shape: RatioShape = { alertname: alert.name, forMinutes, threshold, floor, windowMinutes, parts };
  const key = `errorRatio|${alert.name}|${forMinutes}|${threshold}|${floor}|${windowMinutes}|${parts.join(',')}`;
  const plans = ctx.shapes.plans.get(key, () => ratioPlans(ctx.shapes, shape));
  const texts = counters.map((c) => c.text);
  return plans.map((plan) => caseOf(plan, texts, alert, ctx.shapes.expansions));
}

/** Everything the cases read of the service and its alert but its names. */
interface RatioShape extends RatioRule {
  readonly alertname: string;
  readonly forMinutes: number;
  readonly parts: readonly CounterPart[];
}

function ratioPlans(shapes: ShapeCache, shape: RatioShape): CasePlan[] {
  const { alertname, forMinutes, threshold, floor, windowMinutes, parts } = shape;
  // Long enough after the failures for them to age out of the rate window.
  const recoveryMinutes = Math.max(10, windowMinutes + 5);
  // Busy enough that one failed request a minute moves the ratio by a tenth of a percent at most.
  const busy = Math.max(1000, Math.ceil(floor * 60 * 10));
  const curveOf = (phases: RequestPhase[]): Curve => ratioCurve(shapes, shape, parts, phases);
  // The fewest failed requests a minute above the threshold, and the most below it.
  const over = Math.min(busy, Math.floor(threshold * busy) + 1);
  const under = Math.ceil(threshold * busy) - 1;
  const failing = forMinutes + 3;
  const cases: (CasePlan | null)[] = [];
  const fires = curveOf([
    { minutes: failing, requests: busy, errors: over },
    { minutes: recoveryMinutes, requests: busy, errors: 0 },
  ]);
  if (over / busy > threshold)
    cases.push(
      firingPlan(
        `${alertname}: ${over} of ${busy} requests a minute failing (${num((over / busy) * 100)}%) fires after ${forMinutes}m, resolves once the failures age out of the ${windowMinutes}m rate`,
        alertname,
        forMinutes,
        fires,
      ),
    );
  const quietFor = forMinutes + 10;
  if (under >= 0)
    cases.push(
      quietPlan(
        `${alertname}: ${under} of ${busy} requests a minute failing (${num((under / busy) * 100)}%, threshold ${num(threshold * 100)}%) stays quiet`,
        alertname,
        forMinutes,
        curveOf([{ minutes: quietFor, requests: busy, errors: under }]),
        [forMinutes + 2, quietFor],
      ),
    );
  if (floor > 0) {
    const trickle = (floor * 60) / 2;
    cases.push(
      quietPlan(
        `${alertname}: every request failing at ${num(trickle / 60)}/s (half the ${floor}/s traffic floor) stays quiet`,
        alertname,
        forMinutes,
        curveOf([{ minutes: quietFor, requests: trickle, errors: trickle }]),
        [forMinutes + 2, quietFor],
      ),
    );
  }
  return planned(cases);
}
