// Named time intervals in both dialects: every field of the catalog reaches the plain config (which
// amtool accepts) and the AlertmanagerConfig (which the operator schema accepts), and a location the
// CRD cannot carry fails gen at the catalog line instead of silently turning into UTC.
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { routesPaths } from '../../src/artifacts/routes/index.ts';
import { amtool, amtoolCheckConfig } from './amtool.ts';
import { baseCatalog, generatedRoutes, loadModel } from './fixture.ts';

const fixtureInterval =
  '      - { weekdays: ["monday:friday"], times: [{ start: "08:00", end: "16:00" }], location: UTC }\n';

/** The fixture with business-hours (used by team ml's info override) defined as `entries`. */
function withBusinessHours(entries: string): string {
  if (!baseCatalog.includes(fixtureInterval)) throw new Error('fixture changed: business-hours not found');
  return baseCatalog.replace(fixtureInterval, entries);
}

function generate(catalog: string) {
  const output = generatedRoutes(loadModel(catalog));
  const content = (p: string) => output.files.find((f) => f.path === p)?.content ?? '';
  const plain = content(routesPaths.plain);
  const crds = parseAllDocuments(content(routesPaths.team('ml'))).map((d) => d.toJS());
  return { output, plain, crds };
}

type Json = Record<string, unknown>;

describe('time interval fields in the plain config and the CRD', () => {
  it.each<[string, string, Json, Json]>([
    [
      'daysOfMonth, with negative days counted from the end of the month',
      '{ daysOfMonth: ["1:7", "-1", "-3:-1"] }',
      { days_of_month: ['1:7', '-1', '-3:-1'] },
      {
        daysOfMonth: [
          { start: 1, end: 7 },
          { start: -1, end: -1 },
          { start: -3, end: -1 },
        ],
      },
    ],
    [
      'months by name (lowercased) and by number',
      '{ months: ["January:March", "12"] }',
      { months: ['january:march', '12'] },
      { months: ['january:march', '12'] },
    ],
    [
      'years and year ranges',
      '{ years: ["2026", "2027:2029"] }',
      { years: ['2026', '2027:2029'] },
      { years: ['2026', '2027:2029'] },
    ],
    [
      'every field at once',
      '{ times: [{ start: "00:00", end: "24:00" }], weekdays: [saturday], daysOfMonth: ["25"], months: [december], years: ["2026"] }',
      {
        times: [{ start_time: '00:00', end_time: '24:00' }],
        weekdays: ['saturday'],
        days_of_month: ['25'],
        months: ['december'],
        years: ['2026'],
      },
      {
        times: [{ startTime: '00:00', endTime: '24:00' }],
        weekdays: ['saturday'],
        daysOfMonth: [{ start: 25, end: 25 }],
        months: ['december'],
        years: ['2026'],
      },
    ],
  ])('%s', (_what, entry, plainEntry, crdEntry) => {
    const { output, plain, crds } = generate(withBusinessHours(`      - ${entry}\n`));
    expect(output.problems).toEqual([]);
    const config = parse(plain) as { time_intervals: { name: string; time_intervals: Json[] }[] };
    expect(config.time_intervals).toEqual([{ name: 'business-hours', time_intervals: [plainEntry] }]);
    expect(crds.length).toBeGreaterThan(0);
    for (const crd of crds) {
      expect(crd.spec.muteTimeIntervals).toEqual([{ name: 'business-hours', timeIntervals: [crdEntry] }]);
      expect(() => new AlertmanagerConfig(crd).validate()).not.toThrow();
    }
    if (amtool.path) expect(amtoolCheckConfig(plain)).toContain('SUCCESS');
  });
});

describe('time interval locations', () => {
  const berlin =
    '      - { weekdays: ["monday:friday"], times: [{ start: "09:00", end: "17:00" }], location: Europe/Berlin }\n';

  it.each([
    ['Europe/Berlin', berlin],
    [
      'Local (the time zone of the Alertmanager host)',
      berlin.replace('location: Europe/Berlin', 'location: Local'),
    ],
  ])(
    '%s on an interval a team uses is an error at the location, naming the interval, the team and the fix',
    (_what, entry) => {
      const { output } = generate(withBusinessHours(entry));
      const location = entry.includes('Local') ? 'Local' : 'Europe/Berlin';
      expect(output.problems.map((p) => `${p.line}:${p.column}: ${p.severity}: ${p.message}`)).toEqual([
        `7:93: error: time interval "business-hours" (used by team ml) has location ${location}, which an AlertmanagerConfig cannot express: the operator's v1alpha1 time intervals have no location and would apply the times in UTC; give the times in UTC and drop location (or set location: UTC)`,
      ]);
    },
  );

  it('the location of an entry other than the first is reported at that entry', () => {
    const { output } = generate(withBusinessHours(`${fixtureInterval}${berlin}`));
    expect(output.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['8:93']);
  });

  it('UTC, or no location, means the same in both dialects: no problem, no location in the CRD', () => {
    for (const entry of [fixtureInterval, fixtureInterval.replace(', location: UTC', '')]) {
      const { output, crds } = generate(withBusinessHours(entry));
      expect(output.problems).toEqual([]);
      expect(JSON.stringify(crds)).not.toContain('location');
    }
  });

  it('an interval no team uses keeps its location in the plain config, which amtool accepts', () => {
    const catalog = withBusinessHours(`${fixtureInterval}    berlin-office:\n${berlin}`);
    const { output, plain, crds } = generate(catalog);
    expect(output.problems).toEqual([]);
    const config = parse(plain) as { time_intervals: { name: string; time_intervals: Json[] }[] };
    expect(config.time_intervals.find((t) => t.name === 'berlin-office')?.time_intervals[0]).toMatchObject({
      location: 'Europe/Berlin',
    });
    expect(JSON.stringify(crds)).not.toContain('berlin-office');
    if (amtool.path) expect(amtoolCheckConfig(plain)).toContain('SUCCESS');
  });
});
