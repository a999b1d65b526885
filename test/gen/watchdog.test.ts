// The dead man's switch: always firing, routed to the heartbeat receiver, and not a lint finding.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRoute } from '../../src/alertmanager/expect.ts';
import { expectAlert, scenario } from '../../src/unittest/vitest.ts';
import { lintRuleText } from '../../src/validate/lint.ts';

const root = path.resolve(import.meta.dirname, '../..');
const ruleFile = path.join(root, 'generated/prometheus/rule-files/obsgen-watchdog.rules.yaml');

describe('Watchdog', () => {
  it('fires from the first evaluation on', () => {
    const s = scenario({ ruleFiles: [ruleFile], series: { 'up{job="x"}': '1x10' } });
    expectAlert(s, 'Watchdog').firesAt('0m', { severity: 'none' }).firesAt('10m');
  });

  it('is no lint finding', async () => {
    expect(lintRuleText(ruleFile, await readFile(ruleFile, 'utf8'))).toEqual([]);
  });

  it('reaches the dead man switch only', async () => {
    const config = await readFile(path.join(root, 'generated/alertmanager/alertmanager.yaml'), 'utf8');
    expectRoute(config, { alertname: 'Watchdog', severity: 'none' }).toReach(['platform-deadman']);
  });
});
