// Alerts sent to the "unrouted" receiver notify nobody. gen writes such a tree only where the
// catalog names no receiver, and then warns once per place, at the catalog line, with the fix.
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../support/project.ts';

const services = `services:
  cloudviz:
    team: platform
    namespace: cloudviz
    scrape: { port: metrics, selector: { app: cloudviz } }
    metrics:
      requests: { name: cloudviz_requests_total, type: counter, labels: [status] }
    red: { requests: requests }
`;
const platform = `  platform:
    receivers:
      chat: { slack: { channel: '#platform', apiURL: { secret: am-slack, key: url } } }
`;

interface Case {
  readonly name: string;
  readonly catalog: string;
  readonly warnings: readonly string[];
}

const cases: readonly Case[] = [
  {
    name: 'a default receiver and teams that route: nothing to say',
    catalog: `alertmanager:\n  defaultReceiver: platform/chat\nteams:\n${platform}${services}`,
    warnings: [],
  },
  {
    name: 'no default receiver: alerts of no catalog team are dropped',
    catalog: `alertmanager:\n  groupWait: 30s\nteams:\n${platform}${services}`,
    warnings: [
      'catalog.yaml:2:3: warning: alerts whose team label names no team of the catalog, or that carry none (such as the alerts other rules of the cluster send to this Alertmanager), go to receiver "unrouted", which notifies nobody: set alertmanager.defaultReceiver to a team\'s receiver, e.g. platform/chat',
    ],
  },
  {
    name: 'no alertmanager section at all: the warning points at the top of the catalog',
    catalog: `teams:\n${platform}${services}`,
    warnings: [
      'catalog.yaml:1:1: warning: alerts whose team label names no team of the catalog, or that carry none (such as the alerts other rules of the cluster send to this Alertmanager), go to receiver "unrouted", which notifies nobody: set alertmanager.defaultReceiver to a team\'s receiver, e.g. platform/chat',
    ],
  },
  {
    name: 'a team with no receiver: its alerts are dropped',
    catalog: `alertmanager:\n  defaultReceiver: platform/chat\nteams:\n${platform}  search:\n    namespace: search\n${services}`,
    warnings: [
      'catalog.yaml:8:5: warning: alerts of team "search" go to receiver "unrouted", which notifies nobody: give teams.search a receiver (a single receiver takes every alert of the team) or set teams.search.routing.default',
    ],
  },
];

describe('alerts routed to nobody', () => {
  it.each(cases)('$name', async ({ catalog, warnings }) => {
    const dir = await tempProject({ 'catalog.yaml': catalog });
    const { code, stderr } = await runCli(['gen'], dir);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l.includes('unrouted'))).toEqual(warnings);
  });
});
