// TargetDown and ServiceDown: the service's scrape targets as `up` series, some of them down.
import { alertNames } from '../../../model/conventions.ts';
import { type CasePlan, caseOf, firingPlan, planned, quietPlan } from '../cases/plan.ts';
import { type Curve, curve, scenario } from '../cases/scenario.ts';
import { contractLabels, gaugeNotation, num, seriesTexts } from '../series.ts';
import type { ShapeCache } from '../shapes.ts';
import type { TestCase } from '../test-case.ts';
import type { ServiceContext } from './context.ts';

/** Targets of the synthetic service: enough for a share of them to sit just under a threshold. */
const targets = 10;
const share = (down: number) => down / targets;

/** The first `down` of `total` targets down from minute 0 for `downFor` minutes, the rest up. */
interface Fleet {
  readonly down: number;
  readonly downFor: number;
  readonly total: number;
}

/** Minutes down of each target from minute 0 (then up until the end), 0 for always up. */
const downFors = (f: Fleet): number[] =>
  Array.from({ length: f.total }, (_, i) => (i < f.down ? f.downFor : 0));

const downAt = (list: readonly number[], t: number) => list.filter((downFor) => t < downFor).length;

/** `up` of each target, one sample a minute for `minutes + 1` samples. */
function upNotation(downFor: number, minutes: number): string {
  const down = Math.min(downFor, minutes + 1);
  return gaugeNotation([
    { minutes: down, value: 0 },
    { minutes: minutes + 1 - down, value: 1 },
  ]);
}

/** The fleet's `up` values over `minutes` and the condition `value` reads from how many are down. */
function fleetCurve(
  shapes: ShapeCache,
  key: string,
  f: Fleet,
  minutes: number,
  value: (down: number, t: number) => number | null,
): Curve {
  return shapes.curves.get(`up|${key}|${f.down}:${f.downFor}:${f.total}|${minutes}`, () => {
    const list = downFors(f);
    return curve(
      minutes,
      list.map((downFor) => upNotation(downFor, minutes)),
      (t) => value(downAt(list, t), t),
      () => false,
    );
  });
}

/** `up` of the service's first `count` targets (instances `<service>-0`, `<service>-1`, ...). */
function upTexts(ctx: ServiceContext, count: number): string[] {
  const { model, service } = ctx;
  const instances = Array.from({ length: count }, (_, i) => `${service.name}-${i}`);
  return seriesTexts(
    'up',
    contractLabels(model, service, null),
    'instance',
    instances,
    ctx.shapes.printedLabels,
  );
}

export function targetDownTests(ctx: ServiceContext, texts: readonly string[]): TestCase[] {
  const alert = ctx.alerts.get(alertNames.targetDown);
  if (!alert) return [];
  const key = `targetDown|${alert.name}|${alert.threshold}|${alert.forMinutes}`;
  const plans = ctx.shapes.plans.get(key, () =>
    targetDownPlans(ctx.shapes, alert.name, alert.threshold, alert.forMinutes),
  );
  return plans.map((plan) => caseOf(plan, texts, alert, ctx.shapes.expansions));
}

function targetDownPlans(
  shapes: ShapeCache,
  alertname: string,
  threshold: number,
  forMinutes: number,
): CasePlan[] {
  // The fewest targets down whose share exceeds the threshold, and one fewer.
  let fire = 0;
  while (fire <= targets && !(share(fire) > threshold)) fire++;
  const quiet = fire - 1;
  // down/total of small counts rounds exactly as the threshold literal does: even equality is exact.
  const fleetCurveOf = (f: Fleet, minutes: number): Curve =>
    fleetCurve(shapes, `targetDown:${threshold}`, f, minutes, (down, t) => {
      const ratio = share(down);
      return t <= minutes && ratio > threshold ? ratio : null;
    });
  const downFor = forMinutes + 3;
  const cases: (CasePlan | null)[] = [];
  if (fire <= targets)
    cases.push(
      firingPlan(
        `${alertname}: ${fire} of ${targets} targets down for ${downFor}m fire after ${forMinutes}m, then resolve`,
        alertname,
        forMinutes,
        fleetCurveOf({ down: fire, downFor, total: targets }, downFor + 2),
      ),
    );
  if (quiet >= 0) {
    const minutes = forMinutes + 5;
    cases.push(
      quietPlan(
        `${alertname}: ${quiet} of ${targets} targets down (${num(share(quiet) * 100)}%, threshold ${num(threshold * 100)}%) stays quiet`,
        alertname,
        forMinutes,
        fleetCurveOf({ down: quiet, downFor: minutes + 1, total: targets }, minutes),
        [forMinutes, minutes],
      ),
    );
  }
  return planned(cases);
}

export function serviceDownTests(ctx: ServiceContext, texts: readonly string[]): TestCase[] {
  const alert = ctx.alerts.get(alertNames.serviceDown);
  if (!alert) return [];
  const key = `serviceDown|${alert.name}|${alert.forMinutes}`;
  const plans = ctx.shapes.plans.get(key, () => serviceDownPlans(ctx.shapes, alert.name, alert.forMinutes));
  // The pair of targets the cases take down, one or both.
  const pair = texts.slice(0, 2);
  return plans.map((plan) => caseOf(plan, pair, alert, ctx.shapes.expansions));
}

function serviceDownPlans(shapes: ShapeCache, alertname: string, forMinutes: number): CasePlan[] {
  const downFor = forMinutes + 3;
  const pairCurve = (down: number, minutes: number, scenarioMinutes: number): Curve =>
    fleetCurve(shapes, 'serviceDown', { down, downFor: minutes, total: 2 }, scenarioMinutes, (n, t) =>
      t <= scenarioMinutes && n === 2 ? 0 : null,
    );
  const quietMinutes = forMinutes + 5;
  // absent(up{service=...}) fires from the first evaluation when no target is left at all.
  const noneMinutes = downFor + 2;
  const none = shapes.curves.get(`absent|${noneMinutes}`, () =>
    curve(
      noneMinutes,
      [`1x${noneMinutes}`],
      (t) => (t <= noneMinutes ? 1 : null),
      () => false,
    ),
  );
  return planned([
    firingPlan(
      `${alertname}: every target down for ${downFor}m fires after ${forMinutes}m, then resolves when one is back`,
      alertname,
      forMinutes,
      pairCurve(2, downFor, downFor + 2),
    ),
    firingPlan(
      `${alertname}: no target left to scrape fires after ${forMinutes}m`,
      alertname,
      forMinutes,
      none,
      scenario(['obsgen_unrelated_series'], none).series,
    ),
    quietPlan(
      `${alertname}: one of two targets down stays quiet`,
      alertname,
      forMinutes,
      pairCurve(1, quietMinutes + 1, quietMinutes),
      [forMinutes, quietMinutes],
    ),
  ]);
}

/** TargetDown's and ServiceDown's tests, on `up` texts made once for both. */
export function availabilityTests(ctx: ServiceContext): TestCase[] {
  if (!ctx.alerts.has(alertNames.targetDown) && !ctx.alerts.has(alertNames.serviceDown)) return [];
  const texts = upTexts(ctx, targets);
  return [...targetDownTests(ctx, texts), ...serviceDownTests(ctx, texts)];
}
