// A team that declares exactly one receiver sends every alert there; with two or more it must say
// which severity goes where (or set routing.default).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempProject } from '../support/project.ts';

// Alerts of no catalog team go to another team, so only platform's own routing is under test.
const ops = `alertmanager: { defaultReceiver: ops/chat }
teams:
  ops:
    namespace: ops
    receivers:
      chat: { slack: { channel: '#ops', apiURL: { secret: am-slack, key: ops } } }
`;

const service = `services:
  cloudviz:
    team: platform
    namespace: cloudviz
    scrape: { port: metrics, selector: { app: cloudviz } }
    metrics:
      requests: { name: cloudviz_requests_total, type: counter, labels: [status] }
    red: { requests: requests, errors: 'cloudviz_requests_total{status=~"5.."}' }
`;

const pager = `pager: { pagerduty: { routingKey: { secret: am-pagerduty, key: platform } } }`;
const chat = `chat: { slack: { channel: '#platform', apiURL: { secret: am-slack, key: url } } }`;

interface Row {
  readonly description: string;
  readonly receivers: readonly string[];
}

async function gen(teams: string): Promise<{ code: number; stderr: string; rows: readonly Row[] }> {
  const dir = await tempProject({ 'catalog.yaml': `${ops}  platform:\n${teams}${service}` });
  const { code, stderr } = await runCli(['gen'], dir);
  if (code !== 0) return { code, stderr, rows: [] };
  const table = parse(readFileSync(path.join(dir, 'generated/alertmanager/routing-table.yaml'), 'utf8')) as {
    rows: Row[];
  };
  return { code, stderr, rows: table.rows.filter((r) => r.description.startsWith('team platform,')) };
}

describe('the one-receiver default', () => {
  it('routes every severity of a team with one receiver and no routing to that receiver', async () => {
    const { code, stderr, rows } = await gen(`    receivers:\n      ${pager}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(rows.map((r) => [r.description, r.receivers])).toEqual([
      ['team platform, critical', ['platform-pager']],
      ['team platform, warning', ['platform-pager']],
      ['team platform, info', ['platform-pager']],
      ['team platform, no severity', ['platform-pager']],
    ]);
  });

  it('keeps the severities a one-receiver team routes explicitly', async () => {
    const { code, rows } = await gen(`    receivers:\n      ${pager}\n    routing: { critical: [pager] }\n`);
    expect(code).toBe(0);
    expect(rows.every((r) => r.receivers.join() === 'platform-pager')).toBe(true);
  });

  it('still asks a team with two receivers where each severity goes', async () => {
    const { code, stderr } = await gen(`    receivers:\n      ${pager}\n      ${chat}\n`);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'error: teams.platform.routing: no receiver for critical, warning, info alerts of team "platform": list receivers under routing.critical or set routing.default (a team with a single receiver sends everything there)',
    );
  });

  it('lets routing.default win over the single receiver rule', async () => {
    const { code, rows } = await gen(
      `    receivers:\n      ${pager}\n      ${chat}\n    routing: { critical: [pager], default: chat }\n`,
    );
    expect(code).toBe(0);
    expect(rows.map((r) => r.receivers.join())).toEqual([
      'platform-pager',
      'platform-chat',
      'platform-chat',
      'platform-chat',
    ]);
  });
});
