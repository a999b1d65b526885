// Random route trees (continue flags, nesting, inherited receivers, match/match_re/matchers) checked
// against amtool: a fixed seed keeps the run deterministic, the generator keeps it honest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { expectRoute } from '../../src/alertmanager/expect.ts';
import { tool } from '../support/tools.ts';

interface RawRoute {
  receiver?: string;
  matchers?: string[];
  match?: Record<string, string>;
  match_re?: Record<string, string>;
  continue?: boolean;
  routes?: RawRoute[];
}

const labelNames = ['team', 'severity'] as const;
const values = ['a', 'b', 'c'];
const matcherText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...labelNames),
      fc.constantFrom('=', '!=', '=~', '!~'),
      fc.constantFrom('a', 'b', 'a|b', '', '.*', 'c.*'),
    )
    .map(([n, op, v]) => `${n}${op}"${v}"`),
);
const leafReceiver = fc.option(fc.constantFrom('r1', 'r2', 'r3', 'r4'), { nil: undefined });

function routeArb(depth: number): fc.Arbitrary<RawRoute> {
  const children =
    depth === 0
      ? fc.constant(undefined)
      : fc.option(fc.array(routeArb(depth - 1), { minLength: 1, maxLength: 3 }), { nil: undefined });
  return fc
    .record({
      receiver: leafReceiver,
      kind: fc.constantFrom('matchers', 'match', 'match_re'),
      matchers: fc.array(matcherText, { maxLength: 2 }),
      value: fc.constantFrom(...values),
      continue: fc.boolean(),
      routes: children,
    })
    .map(({ receiver, kind, matchers, value, continue: cont, routes }) => {
      const route: RawRoute = {};
      if (receiver) route.receiver = receiver;
      if (kind === 'matchers' && matchers.length > 0) route.matchers = matchers;
      if (kind === 'match') route.match = { team: value };
      if (kind === 'match_re') route.match_re = { severity: `${value}|b` };
      if (cont) route.continue = true;
      if (routes) route.routes = routes;
      return route;
    });
}

const configArb = fc.array(routeArb(2), { minLength: 1, maxLength: 4 }).map((routes) =>
  stringify({
    route: { receiver: 'root', routes },
    receivers: ['root', 'r1', 'r2', 'r3', 'r4'].map((name) => ({ name })),
  }),
);
const labelsArb = fc.record({
  team: fc.constantFrom(...values, ''),
  severity: fc.constantFrom(...values, ''),
});

const amtool = tool('amtool');
describe.skipIf(!amtool.path)('random route trees agree with amtool', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-tree-'));
  const samples = fc.sample(fc.tuple(configArb, fc.array(labelsArb, { minLength: 6, maxLength: 6 })), {
    numRuns: 6,
    seed: 7,
  });
  it.each(samples.map((s, i) => [i, ...s] as const))('tree %i', (i, config, alerts) => {
    const file = path.join(dir, `am-${i}.yaml`);
    writeFileSync(file, config);
    for (const alert of alerts) {
      const args = Object.entries(alert)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `${k}=${v}`);
      const labels = Object.fromEntries(Object.entries(alert).filter(([, v]) => v !== ''));
      const expected = execFileSync(
        amtool.path ?? 'amtool',
        ['config', 'routes', 'test', '--config.file', file, ...args],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      ).trim();
      expect(expectRoute(config, labels).receivers.join(','), `${config}\n${JSON.stringify(labels)}`).toBe(
        expected,
      );
    }
  });
});
