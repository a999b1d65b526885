// Each team's AlertmanagerConfig routes alerts exactly as the plain config's subtree for that team:
// same receivers, matchers, continue flags, grouping, timings and time intervals.
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { routesPaths } from '../../src/artifacts/routes/index.ts';
import { resolvedCrdRoute, resolvedTeamRoute } from './crd-routing.ts';
import { baseCatalog, generatedRoutes, loadModel } from './fixture.ts';

/** The fixture with each `[from, to]` replaced; a `from` missing from the fixture is a test bug. */
function edited(...edits: [string, string][]): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`);
    return text.replace(from, to);
  }, baseCatalog);
}

const timed = edited(
  [
    '  watchdog: { receiver: platform/deadman }\n',
    '  watchdog: { receiver: platform/deadman }\n  groupBy: [alertname, service]\n  groupWait: 10s\n  groupInterval: 2m\n  repeatInterval: 12h\n',
  ],
  [
    '    business-hours:',
    '    maintenance:\n      - { weekdays: [sunday], times: [{ start: "02:00", end: "04:00" }] }\n    business-hours:',
  ],
  [
    '      info: [low]\n',
    '      info: [low]\n      repeatInterval: 1h\n      groupWait: 45s\n      muteTimeIntervals: [maintenance]\n',
  ],
  [
    'receivers: [platform/pager], continue: true }',
    'receivers: [platform/pager], continue: true, groupBy: [alertname], groupInterval: 1m, repeatInterval: 30m }',
  ],
);

describe('team AlertmanagerConfig routes equal the plain config subtree', () => {
  it.each([
    ['the fixture (timings at their defaults)', baseCatalog],
    ['catalog-wide timings, team timings and override timings', timed],
  ])('%s', (_what, catalog) => {
    const output = generatedRoutes(loadModel(catalog));
    expect(output.problems).toEqual([]);
    const content = (p: string) => output.files.find((f) => f.path === p)?.content ?? '';
    const plain = content(routesPaths.plain);
    for (const team of ['platform', 'ml']) {
      const crds = parseAllDocuments(content(routesPaths.team(team))).map((d) => d.toJS());
      expect(crds.length).toBeGreaterThan(0);
      for (const crd of crds) {
        expect(resolvedCrdRoute(crd), `${team} ${crd.metadata.namespace}`).toEqual(
          resolvedTeamRoute(plain, team),
        );
        expect(() => new AlertmanagerConfig(crd).validate()).not.toThrow();
      }
    }
  });

  it('writes the catalog-wide timings into each team route, and team and override timings below it', () => {
    const output = generatedRoutes(loadModel(timed));
    const [platform] = parseAllDocuments(
      output.files.find((f) => f.path === routesPaths.team('platform'))?.content ?? '',
    ).map((d) => d.toJS());
    expect(platform.spec.route).toMatchObject({
      groupBy: ['alertname', 'service'],
      groupWait: '45s',
      groupInterval: '2m',
      repeatInterval: '1h',
    });
    const [ml] = parseAllDocuments(
      output.files.find((f) => f.path === routesPaths.team('ml'))?.content ?? '',
    ).map((d) => d.toJS());
    expect(ml.spec.route).toMatchObject({ groupWait: '10s', groupInterval: '2m', repeatInterval: '12h' });
    expect(ml.spec.route.routes[0]).toMatchObject({
      groupBy: ['alertname'],
      groupInterval: '1m',
      repeatInterval: '30m',
    });
  });
});
