// HighErrorRatio: the share of failed requests over the service's rate window (5m or longer) above the threshold, with enough traffic.
import { alertNames, rateWindowMs } from '../../../model/conventions.ts';
import type { Model, Service } from '../../../model/model.ts';
import { firesCase } from '../cases/fires.ts';
import { quietCase } from '../cases/quiet.ts';
import { near, type Scenario } from '../cases/scenario.ts';
import { expectedAlert, generatedAlert } from '../expected.ts';
import { rateOver } from '../minutes.ts';
import { num } from '../series.ts';
import type { TestCase } from '../test-case.ts';
import { type RequestPhase, requestCounters } from './counters.ts';

export function highErrorRatioTests(model: Model, service: Service): TestCase[] {
  const red = service.red;
  const alert = generatedAlert(model, service, alertNames.highErrorRatio);
  if (!red?.errors || !alert) return [];
  const { threshold, forMinutes } = alert;
  const floor = red.minRequestRate;
  const windowMinutes = rateWindowMs(service) / 60_000;
  // Long enough after the failures for them to age out of the rate window.
  const recoveryMinutes = Math.max(10, windowMinutes + 5);
  // Busy enough that one failed request a minute moves the ratio by a tenth of a percent at most.
  const busy = Math.max(1000, Math.ceil(floor * 60 * 10));
  const scenario = (phases: RequestPhase[]): Scenario | null => {
    const counters = requestCounters(model, service, red.requests, red.errors, phases);
    if (!counters) return null;
    const minutes = counters.requests.length - 1;
    const ratio = (t: number): number | null => {
      const errors = rateOver(counters.errors, t, 'closed', windowMinutes);
      const requests = rateOver(counters.requests, t, 'closed', windowMinutes);
      return errors === null || requests === null || requests === 0 ? null : errors / requests;
    };
    const requestRate = (t: number) => rateOver(counters.requests, t, 'closed', windowMinutes);
    return {
      series: counters.series,
      minutes,
      value: (t) => {
        const r = ratio(t);
        return r !== null && r > threshold && (requestRate(t) ?? 0) > floor ? r : null;
      },
      knifeEdge: (t) => near(ratio(t), threshold) || near(requestRate(t), floor),
    };
  };
  // The fewest failed requests a minute above the threshold, and the most below it.
  const over = Math.min(busy, Math.floor(threshold * busy) + 1);
  const under = Math.ceil(threshold * busy) - 1;
  const failing = forMinutes + 3;
  const cases: (TestCase | null)[] = [];
  const fires = scenario([
    { minutes: failing, requests: busy, errors: over },
    { minutes: recoveryMinutes, requests: busy, errors: 0 },
  ]);
  if (fires && over / busy > threshold)
    cases.push(
      firesCase({
        name: `${alert.name}: ${over} of ${busy} requests a minute failing (${num((over / busy) * 100)}%) fires after ${forMinutes}m, resolves once the failures age out of the ${windowMinutes}m rate`,
        alertname: alert.name,
        forMinutes,
        scenario: fires,
        expect: (value) => [expectedAlert(alert, value)],
      }),
    );
  const quietFor = forMinutes + 10;
  const justUnder = under >= 0 ? scenario([{ minutes: quietFor, requests: busy, errors: under }]) : null;
  if (justUnder)
    cases.push(
      quietCase(
        `${alert.name}: ${under} of ${busy} requests a minute failing (${num((under / busy) * 100)}%, threshold ${num(threshold * 100)}%) stays quiet`,
        alert.name,
        forMinutes,
        justUnder,
        [forMinutes + 2, quietFor],
      ),
    );
  if (floor > 0) {
    const trickle = (floor * 60) / 2;
    const low = scenario([{ minutes: quietFor, requests: trickle, errors: trickle }]);
    if (low)
      cases.push(
        quietCase(
          `${alert.name}: every request failing at ${num(trickle / 60)}/s (half the ${floor}/s traffic floor) stays quiet`,
          alert.name,
          forMinutes,
          low,
          [forMinutes + 2, quietFor],
        ),
      );
  }
  return cases.filter((c): c is TestCase => c !== null);
}
