// <Key>Saturated: a gauge (or its ratio to a capacity gauge) above the threshold.
import { alertNames } from '../../../model/conventions.ts';
import type { Model, Saturation, Service } from '../../../model/model.ts';
import { firesCase } from '../cases/fires.ts';
import { quietCase } from '../cases/quiet.ts';
import { near, type Scenario } from '../cases/scenario.ts';
import { expectedAlert, generatedAlert } from '../expected.ts';
import { contractLabels, gaugeNotation, num, type Series, seriesText } from '../series.ts';
import type { TestCase } from '../test-case.ts';

/** The capacity of the synthetic pool, where the catalog names a capacity gauge. */
const capacity = 1000;

interface Level {
  readonly minutes: number;
  /** The measured value: a share of capacity, or the gauge itself. */
  readonly value: number;
}

function scenario(
  model: Model,
  service: Service,
  s: Saturation,
  threshold: number,
  levels: readonly Level[],
): Scenario {
  const minutes = levels.reduce((sum, l) => sum + l.minutes, 0) - 1;
  const used = s.capacity ? levels.map((l) => ({ minutes: l.minutes, value: l.value * capacity })) : levels;
  const series: Series[] = [
    { series: seriesText(s.used.name, contractLabels(model, service, s.used)), values: gaugeNotation(used) },
    ...(s.capacity
      ? [
          {
            series: seriesText(s.capacity.name, contractLabels(model, service, s.capacity)),
            values: gaugeNotation(levels.map((l) => ({ minutes: l.minutes, value: capacity }))),
          },
        ]
      : []),
  ];
  const measured = (t: number): number | null => {
    let start = 0;
    for (const l of used) {
      if (t < start + l.minutes) return s.capacity ? l.value / capacity : l.value;
      start += l.minutes;
    }
    return null;
  };
  return {
    series,
    minutes,
    value: (t) => {
      const v = measured(t);
      return v !== null && v > threshold ? v : null;
    },
    knifeEdge: (t) => near(measured(t), threshold),
  };
}

/** Values a hundredth of the threshold above and below it (a unit around a threshold of 0). */
function around(threshold: number): { over: number; under: number } {
  const step = threshold === 0 ? 1 : Math.abs(threshold) / 100;
  return { over: Number(num(threshold + step)), under: Number(num(threshold - step)) };
}

export function saturatedTests(model: Model, service: Service): TestCase[] {
  return service.saturation.flatMap((s) => {
    const alert = generatedAlert(model, service, alertNames.saturated(s.name));
    if (!alert) return [];
    const { threshold, forMinutes } = alert;
    const { over, under } = around(threshold);
    const show = (v: number) => (s.capacity ? `${num(v * 100)}% of capacity` : num(v));
    const high = forMinutes + 3;
    const quietFor = forMinutes + 10;
    const cases = [
      firesCase({
        name: `${alert.name}: ${show(over)} for ${high}m fires after ${forMinutes}m, resolves at ${show(under)}`,
        alertname: alert.name,
        forMinutes,
        scenario: scenario(model, service, s, threshold, [
          { minutes: high + 1, value: over },
          { minutes: 5, value: under },
        ]),
        expect: (value) => [expectedAlert(alert, value)],
      }),
      quietCase(
        `${alert.name}: ${show(under)} (threshold ${show(threshold)}) stays quiet`,
        alert.name,
        forMinutes,
        scenario(model, service, s, threshold, [{ minutes: quietFor + 1, value: under }]),
        [forMinutes + 2, quietFor],
      ),
    ];
    return cases.filter((c): c is TestCase => c !== null);
  });
}
