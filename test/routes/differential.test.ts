// Tricky matchers, checked against amtool itself: one config where route i carries matcher i and
// continues, so one `amtool config routes test` call shows which matchers an alert satisfies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { expectRoute } from '../../src/alertmanager/expect.ts';
import { tool } from '../support/tools.ts';

const matchers = [
  'v=~"crit.*"',
  'v=~"(?i)CRIT"',
  'v=~"\\\\d+"',
  'v!~"x|y"',
  'v="a\\"b"',
  'v=~"[[:alpha:]]+"',
  'v=~"\\\\p{L}+"',
  'v=~""',
  'v!=""',
  'v=~"a|b|"',
  'v=~".*\\\\.example\\\\.com"',
  'v=~"^x$"',
  'v="ü"',
  'v=~"x{2,3}"',
  'v=plain',
  'v=~"a.c"',
  'v=~"(a|ab)(c|bcd)(d*)"',
];
const values = [
  'critical',
  'CRIT',
  'crit',
  '123',
  'x',
  'y',
  'a"b',
  'abc',
  'äbc',
  '',
  'b',
  'host.example.com',
  'ü',
  'xx',
  'xxxx',
  'plain',
  'a\nc',
  'abcd',
];

const config = stringify({
  route: {
    receiver: 'none',
    routes: matchers.map((m, i) => ({ matchers: [m], receiver: `m${i}`, continue: true })),
  },
  receivers: [{ name: 'none' }, ...matchers.map((_, i) => ({ name: `m${i}` }))],
});

const amtool = tool('amtool');
describe.skipIf(!amtool.path)('obsgen matchers agree with amtool 0.25', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-diff-')), 'am.yaml');
  writeFileSync(file, config);
  it('the config is valid for amtool', () => {
    expect(execFileSync(amtool.path ?? 'amtool', ['check-config', file], { encoding: 'utf8' })).toContain(
      'SUCCESS',
    );
  });
  it.each(values)('value %j', (value) => {
    const out = execFileSync(
      amtool.path ?? 'amtool',
      ['config', 'routes', 'test', '--config.file', file, `v=${JSON.stringify(value)}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ).trim();
    expect(expectRoute(config, { v: value }).receivers.join(',')).toBe(out);
  });
});
