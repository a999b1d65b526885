import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAlertmanagerConfig } from '../../src/alertmanager/config.ts';
import { expectRoute } from '../../src/alertmanager/expect.ts';
import { tool } from '../support/tools.ts';

const config = `
route:
  receiver: root
  group_by: [alertname]
  routes:
    - matchers: ['team="a"']
      receiver: a
      routes:
        - matchers: [severity="critical"]
          receiver: a-pager
          continue: true
        - matchers: ['severity=~"critical|warning"']
          receiver: a-chat
    - match: { team: a }
      receiver: a2
    - match_re: { team: "b|c" }
      receiver: bc
      continue: true
    - matchers: ['team!="zzz"', 'env=~"prod.*"']
      receiver: prod
receivers: [{name: root}, {name: a}, {name: a-pager}, {name: a-chat}, {name: a2}, {name: bc}, {name: prod}]
`;

const cases: [Record<string, string>, string[]][] = [
  [{ team: 'a', severity: 'critical' }, ['a-pager', 'a-chat']],
  [{ team: 'a', severity: 'warning' }, ['a-chat']],
  [{ team: 'a', severity: 'info' }, ['a']],
  [{ team: 'a' }, ['a']],
  [{ team: 'b' }, ['bc']],
  [{ team: 'b', env: 'production' }, ['bc', 'prod']],
  [{ env: 'prod' }, ['prod']],
  [{ team: 'zzz', env: 'prod' }, ['root']],
  [{}, ['root']],
];

describe('route matching', () => {
  it.each(cases)('%j reaches %j', (labels, receivers) => {
    expectRoute(config, labels).toReach(receivers);
  });

  it('inherits options from the parent', () => {
    const tree = readAlertmanagerConfig(config);
    expect(tree.ok && tree.value.route.routes[0]?.routes[0]?.options.groupBy).toEqual(['alertname']);
  });

  it('rejects unknown receivers and matchers on the root', () => {
    expect(readAlertmanagerConfig('route: {receiver: x}\nreceivers: []').ok).toBe(false);
    expect(readAlertmanagerConfig('route: {receiver: x, matchers: [a="b"]}\nreceivers: [{name: x}]').ok).toBe(
      false,
    );
  });

  it('toReach fails with the receivers it found', () => {
    expect(() => expectRoute(config, { team: 'a' }).toReach(['b'])).toThrow(/reaches \[a\], expected \[b\]/);
  });

  const amtool = tool('amtool');
  describe.skipIf(!amtool.path)('agrees with amtool config routes test', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-routes-')), 'alertmanager.yaml');
    writeFileSync(file, config);
    it.each(cases)('%j', (labels) => {
      const args = [
        'config',
        'routes',
        'test',
        '--config.file',
        file,
        ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
      ];
      const out = execFileSync(amtool.path ?? 'amtool', args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      expect(expectRoute(config, labels).receivers.join(',')).toBe(out);
    });
  });
});
