import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { routesPaths } from '../../src/artifacts/routes/index.ts';
import { baseCatalog, generatedRoutes, loadModel } from './fixture.ts';

// Team platform: its own repeat interval and a maintenance mute on every one of its routes.
const catalog = baseCatalog
  .replace(
    '    business-hours:',
    '    maintenance:\n      - { weekdays: [sunday], times: [{ start: "02:00", end: "04:00" }] }\n    business-hours:',
  )
  .replace(
    '      info: [low]\n',
    '      info: [low]\n      repeatInterval: 1h\n      muteTimeIntervals: [maintenance]\n',
  );

describe('per-team routing overrides', () => {
  const output = generatedRoutes(loadModel(catalog));
  const plain = parse(output.files.find((f) => f.path === routesPaths.plain)?.content ?? '');
  const platformRoute = plain.route.routes.find(
    (r: { matchers?: string[] }) => r.matchers?.[0] === 'team="platform"',
  );

  it('applies the team timings to its route and repeats mute intervals on every child', () => {
    expect(platformRoute).toMatchObject({ repeat_interval: '1h', mute_time_intervals: ['maintenance'] });
    for (const child of platformRoute.routes) expect(child.mute_time_intervals).toEqual(['maintenance']);
  });

  it('defines each time interval once at the top level', () => {
    expect(plain.time_intervals.map((t: { name: string }) => t.name)).toEqual([
      'business-hours',
      'maintenance',
    ]);
    expect(plain.time_intervals[0].time_intervals[0]).toEqual({
      weekdays: ['monday:friday'],
      times: [{ start_time: '08:00', end_time: '16:00' }],
      location: 'UTC',
    });
  });

  it('carries the same intervals into the team AlertmanagerConfig', () => {
    const [crd] = parseAllDocuments(
      output.files.find((f) => f.path === 'alertmanager/platform.yaml')?.content ?? '',
    ).map((d) => d.toJS());
    expect(crd.spec.route).toMatchObject({ repeatInterval: '1h', muteTimeIntervals: ['maintenance'] });
    expect(crd.spec.muteTimeIntervals).toEqual([
      {
        name: 'maintenance',
        timeIntervals: [{ weekdays: ['sunday'], times: [{ startTime: '02:00', endTime: '04:00' }] }],
      },
    ]);
  });
});
