// <Key>Saturated: a gauge (or its ratio to a capacity gauge) above the threshold.
import { alertNames } from '../../../model/conventions.ts';
import type { Metric, Saturation } from '../../../model/model.ts';
import { type CasePlan, caseOf, firingPlan, planned, quietPlan } from '../cases/plan.ts';
import { type Curve, curve, near } from '../cases/scenario.ts';
import { contractLabels, gaugeNotation, num, seriesText } from '../series.ts';
import type { ShapeCache } from '../shapes.ts';
import type { TestCase } from '../test-case.ts';
import type { ServiceContext } from './context.ts';

/** The capacity of the synthetic pool, where the catalog names a capacity gauge. */
const capacity = 1000;

interface Level {
  readonly minutes: number;
  /** The measured value: a share of capacity, or the gauge itself. */
  readonly value: number;
}

/** The measured value over the levels; a capacity gauge, where there is one, holds `capacity`. */
function levelsCurve(
  shapes: ShapeCache,
  withCapacity: boolean,
  threshold: number,
  levels: readonly Level[],
): Curve {
  const key = `saturated|${withCapacity}|${threshold}|${levels.map((l) => `${l.minutes}:${l.value}`).join(',')}`;
  return shapes.curves.get(key, () => {
    const minutes = levels.reduce((sum, l) => sum + l.minutes, 0) - 1;
    const used = withCapacity
      ? levels.map((l) => ({ minutes: l.minutes, value: l.value * capacity }))
      : levels;
    const notations = [
      gaugeNotation(used),
      ...(withCapacity ? [gaugeNotation(levels.map((l) => ({ minutes: l.minutes, value: capacity })))] : []),
    ];
    const measured = (t: number): number | null => {
      let start = 0;
      for (const l of used) {
        if (t < start + l.minutes) return withCapacity ? l.value / capacity : l.value;
        start += l.minutes;
      }
      return null;
    };
    return curve(
      minutes,
      notations,
      (t) => {
        const v = measured(t);
        return v !== null && v > threshold ? v : null;
      },
      (t) => near(measured(t), threshold),
    );
  });
}

/** The gauge the alert reads, and its capacity gauge where the catalog names one. */
function saturationTexts(ctx: ServiceContext, s: Saturation): string[] {
  const used = gaugeText(ctx, s.used);
  return s.capacity ? [used, gaugeText(ctx, s.capacity)] : [used];
}

function gaugeText(ctx: ServiceContext, metric: Metric): string {
  return seriesText(metric.name, contractLabels(ctx.model, ctx.service, metric), ctx.shapes.printedLabels);
}

/** Values a hundredth of the threshold above and below it (a unit around a threshold of 0). */
function around(threshold: number): { over: number; under: number } {
  const step = threshold === 0 ? 1 : Math.abs(threshold) / 100;
  return { over: Number(num(threshold + step)), under: Number(num(threshold - step)) };
}

/** A level as the cases' names show it: a share of capacity, or the gauge's own value. */
function shown(withCapacity: boolean, v: number): string {
  return withCapacity ? `${num(v * 100)}% of capacity` : num(v);
}

export function saturatedTests(ctx: ServiceContext): TestCase[] {
  const { service, shapes } = ctx;
  return service.saturation.flatMap((s) => {
    const alert = ctx.alerts.get(alertNames.saturated(s.name));
    if (!alert) return [];
    const withCapacity = s.capacity !== null;
    const { threshold, forMinutes } = alert;
    const key = `saturated|${alert.name}|${withCapacity}|${threshold}|${forMinutes}`;
    const plans = shapes.plans.get(key, () =>
      levelPlans(shapes, { alertname: alert.name, withCapacity, threshold, forMinutes }),
    );
    const texts = saturationTexts(ctx, s);
    return plans.map((plan) => caseOf(plan, texts, alert, ctx.shapes.expansions));
  });
}

/** Everything the cases read of the saturation and its alert but the service's names. */
interface LevelsShape {
  readonly alertname: string;
  readonly withCapacity: boolean;
  readonly threshold: number;
  readonly forMinutes: number;
}

function levelPlans(shapes: ShapeCache, shape: LevelsShape): CasePlan[] {
  const { alertname, withCapacity, threshold, forMinutes } = shape;
  const levels = (list: readonly Level[]) => levelsCurve(shapes, withCapacity, threshold, list);
  const { over, under } = around(threshold);
  const high = forMinutes + 3;
  const quietFor = forMinutes + 10;
  return planned([
    firingPlan(
      `${alertname}: ${shown(withCapacity, over)} for ${high}m fires after ${forMinutes}m, resolves at ${shown(withCapacity, under)}`,
      alertname,
      forMinutes,
      levels([
        { minutes: high + 1, value: over },
        { minutes: 5, value: under },
      ]),
    ),
    quietPlan(
      `${alertname}: ${shown(withCapacity, under)} (threshold ${shown(withCapacity, threshold)}) stays quiet`,
      alertname,
      forMinutes,
      levels([{ minutes: quietFor + 1, value: under }]),
      [forMinutes + 2, quietFor],
    ),
  ]);
}
