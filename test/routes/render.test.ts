// The route plan has one renderer: both key styles carry the same fields in the same order, only
// spelled (and matchers shaped) as each file format wants.
import { describe, expect, it } from 'vitest';
import type { PlanRoute } from '../../src/artifacts/routes/plan.ts';
import {
  crdKeys,
  plainKeys,
  renderInhibitions,
  renderRoute,
  renderTimeInterval,
} from '../../src/artifacts/routes/render.ts';

const leaf: PlanRoute = {
  receiver: 'ml-pager',
  matchers: [{ name: 'severity', type: '=~', value: 'critical|warning' }],
  continue: true,
  groupBy: ['alertname'],
  groupWaitMs: 30_000,
  groupIntervalMs: 300_000,
  repeatIntervalMs: 4 * 3_600_000,
  muteTimeIntervals: ['nights'],
  activeTimeIntervals: ['business-hours'],
  routes: [],
};
const root: PlanRoute = { ...leaf, matchers: [], continue: false, routes: [leaf] };

describe('renderRoute', () => {
  it('writes snake_case keys and string matchers for alertmanager.yml', () => {
    expect(renderRoute(root, plainKeys)).toEqual({
      receiver: 'ml-pager',
      group_by: ['alertname'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      mute_time_intervals: ['nights'],
      active_time_intervals: ['business-hours'],
      routes: [
        {
          receiver: 'ml-pager',
          matchers: ['severity=~"critical|warning"'],
          continue: true,
          group_by: ['alertname'],
          group_wait: '30s',
          group_interval: '5m',
          repeat_interval: '4h',
          mute_time_intervals: ['nights'],
          active_time_intervals: ['business-hours'],
        },
      ],
    });
  });

  it('writes camelCase keys and matcher objects for the AlertmanagerConfig CRD, in the same order', () => {
    const crd = renderRoute(root, crdKeys);
    const plain = renderRoute(root, plainKeys);
    expect(Object.keys(crd).map(plainKeys.key)).toEqual(Object.keys(plain));
    const child = (crd.routes as Record<string, unknown>[])[0];
    expect(child?.matchers).toEqual([{ name: 'severity', value: 'critical|warning', matchType: '=~' }]);
    expect(child?.groupWait).toBe('30s');
  });

  it('leaves out what is unset', () => {
    const bare: PlanRoute = {
      ...leaf,
      matchers: [],
      continue: false,
      groupBy: null,
      groupWaitMs: null,
      groupIntervalMs: null,
      repeatIntervalMs: null,
      muteTimeIntervals: [],
      activeTimeIntervals: [],
    };
    expect(renderRoute(bare, plainKeys)).toEqual({ receiver: 'ml-pager' });
    expect(renderRoute(bare, crdKeys)).toEqual({ receiver: 'ml-pager' });
  });
});

describe('renderInhibitions and renderTimeInterval', () => {
  const inhibition = {
    source: [{ name: 'severity', type: '=' as const, value: 'critical' }],
    target: [{ name: 'severity', type: '=' as const, value: 'warning' }],
    equal: ['alertname'],
  };

  it.each([
    [plainKeys, { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'] }],
    [
      crdKeys,
      {
        sourceMatch: [{ name: 'severity', value: 'critical', matchType: '=' }],
        targetMatch: [{ name: 'severity', value: 'warning', matchType: '=' }],
      },
    ],
  ])('inhibit rules in each style (%#)', (style, matchers) => {
    expect(renderInhibitions([inhibition], style)).toEqual([{ ...matchers, equal: ['alertname'] }]);
  });

  const hours = {
    times: [{ start: '09:00', end: '17:00' }],
    weekdays: ['Monday:Friday'],
    daysOfMonth: ['1:7'],
    location: 'UTC',
  };

  it('time intervals: snake_case with location, or camelCase with day ranges and no location', () => {
    expect(renderTimeInterval('business-hours', [hours], plainKeys)).toEqual({
      name: 'business-hours',
      time_intervals: [
        {
          times: [{ start_time: '09:00', end_time: '17:00' }],
          weekdays: ['monday:friday'],
          days_of_month: ['1:7'],
          location: 'UTC',
        },
      ],
    });
    expect(renderTimeInterval('business-hours', [hours], crdKeys)).toEqual({
      name: 'business-hours',
      timeIntervals: [
        {
          times: [{ startTime: '09:00', endTime: '17:00' }],
          weekdays: ['monday:friday'],
          daysOfMonth: [{ start: 1, end: 7 }],
        },
      ],
    });
  });
});
