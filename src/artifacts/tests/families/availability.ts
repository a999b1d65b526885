// TargetDown and ServiceDown: the service's scrape targets as `up` series, some of them down.
import { alertNames } from '../../../model/conventions.ts';
import type { Model, Service } from '../../../model/model.ts';
import { firesCase } from '../cases/fires.ts';
import { quietCase } from '../cases/quiet.ts';
import type { Scenario } from '../cases/scenario.ts';
import { expectedAlert, generatedAlert } from '../expected.ts';
import { contractLabels, gaugeNotation, num, type Series, seriesText } from '../series.ts';
import type { TestCase } from '../test-case.ts';

/** Targets of the synthetic service: enough for a share of them to sit just under a threshold. */
const targets = 10;

interface Target {
  /** Minutes down from minute 0 (then up until the end), 0 for always up. */
  readonly downFor: number;
}

/** `up` of each target, one sample a minute for `minutes + 1` samples. */
function upSeries(model: Model, service: Service, list: readonly Target[], minutes: number): Series[] {
  const base = contractLabels(model, service, null);
  return list.map((target, i) => ({
    series: seriesText('up', { ...base, instance: `${service.name}-${i}` }),
    values: gaugeNotation([
      { minutes: Math.min(target.downFor, minutes + 1), value: 0 },
      { minutes: minutes + 1 - Math.min(target.downFor, minutes + 1), value: 1 },
    ]),
  }));
}

const downAt = (list: readonly Target[], t: number) => list.filter((x) => t < x.downFor).length;

function fleet(down: number, downFor: number, total = targets): Target[] {
  return Array.from({ length: total }, (_, i) => ({ downFor: i < down ? downFor : 0 }));
}

export function targetDownTests(model: Model, service: Service): TestCase[] {
  const alert = generatedAlert(model, service, alertNames.targetDown);
  if (!alert) return [];
  const threshold = alert.threshold;
  const share = (down: number) => down / targets;
  // The fewest targets down whose share exceeds the threshold, and one fewer.
  let fire = 0;
  while (fire <= targets && !(share(fire) > threshold)) fire++;
  const quiet = fire - 1;
  const scenario = (list: Target[], minutes: number): Scenario => ({
    series: upSeries(model, service, list, minutes),
    minutes,
    value: (t) => {
      const ratio = share(downAt(list, t));
      return t <= minutes && ratio > threshold ? ratio : null;
    },
    // down/total of small counts rounds exactly as the threshold literal does: even equality is exact.
    knifeEdge: () => false,
  });
  const downFor = alert.forMinutes + 3;
  const cases: (TestCase | null)[] = [];
  if (fire <= targets)
    cases.push(
      firesCase({
        name: `${alert.name}: ${fire} of ${targets} targets down for ${downFor}m fire after ${alert.forMinutes}m, then resolve`,
        alertname: alert.name,
        forMinutes: alert.forMinutes,
        scenario: scenario(fleet(fire, downFor), downFor + 2),
        expect: (value) => [expectedAlert(alert, value)],
      }),
    );
  if (quiet >= 0) {
    const minutes = alert.forMinutes + 5;
    cases.push(
      quietCase(
        `${alert.name}: ${quiet} of ${targets} targets down (${num(share(quiet) * 100)}%, threshold ${num(threshold * 100)}%) stays quiet`,
        alert.name,
        alert.forMinutes,
        scenario(fleet(quiet, minutes + 1), minutes),
        [alert.forMinutes, minutes],
      ),
    );
  }
  return cases.filter((c): c is TestCase => c !== null);
}

export function serviceDownTests(model: Model, service: Service): TestCase[] {
  const alert = generatedAlert(model, service, alertNames.serviceDown);
  if (!alert) return [];
  const downFor = alert.forMinutes + 3;
  const pair = (down: number, minutes: number): Target[] => fleet(down, minutes, 2);
  const scenario = (list: Target[], minutes: number): Scenario => ({
    series: upSeries(model, service, list, minutes),
    minutes,
    value: (t) => (t <= minutes && downAt(list, t) === list.length ? 0 : null),
    knifeEdge: () => false,
  });
  const quietMinutes = alert.forMinutes + 5;
  // absent(up{service=...}) fires from the first evaluation when no target is left at all.
  const none: Scenario = {
    series: [{ series: 'obsgen_unrelated_series', values: `1x${downFor + 2}` }],
    minutes: downFor + 2,
    value: (t) => (t <= downFor + 2 ? 1 : null),
    knifeEdge: () => false,
  };
  const cases = [
    firesCase({
      name: `${alert.name}: every target down for ${downFor}m fires after ${alert.forMinutes}m, then resolves when one is back`,
      alertname: alert.name,
      forMinutes: alert.forMinutes,
      scenario: scenario(pair(2, downFor), downFor + 2),
      expect: (value) => [expectedAlert(alert, value)],
    }),
    firesCase({
      name: `${alert.name}: no target left to scrape fires after ${alert.forMinutes}m`,
      alertname: alert.name,
      forMinutes: alert.forMinutes,
      scenario: none,
      expect: (value) => [expectedAlert(alert, value)],
    }),
    quietCase(
      `${alert.name}: one of two targets down stays quiet`,
      alert.name,
      alert.forMinutes,
      scenario(pair(1, quietMinutes + 1), quietMinutes),
      [alert.forMinutes, quietMinutes],
    ),
  ];
  return cases.filter((c): c is TestCase => c !== null);
}
