import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeSecret, patternOf } from '../../src/catalog/checks/secrets.ts';
import { renderProblem } from '../../src/problem.ts';
import { baseCatalog, load } from './fixture.ts';

function problemsOf(text: string): string[] {
  const result = load(text);
  expect(result.model).toBeNull();
  return result.problems.map(renderProblem);
}

const replace = (from: string, to: string) => {
  expect(baseCatalog).toContain(from);
  return baseCatalog.replace(from, to);
};

describe('routing checks in the catalog', () => {
  it('accepts the base catalog', () => {
    expect(load().problems).toEqual([]);
  });

  it.each([
    [
      'route to an unknown receiver',
      replace('warning: [chat]\n      info: [low]', 'warning: [chatt]\n      info: [low]'),
      'catalog.yaml:17:17: error: teams.platform.routing.warning.0: team "platform" has no receiver "chatt"',
    ],
    [
      'route to an unknown team',
      replace('receivers: [platform/pager]', 'receivers: [platfrm/pager]'),
      'catalog.yaml:28:87: error: teams.ml.routing.overrides.0.receivers.0: unknown team "platfrm"',
    ],
    [
      'matcher that does not parse',
      replace(`'severity="info"'`, `'severity=="info'`),
      'catalog.yaml:29:24: error: teams.ml.routing.overrides.1.matchers.0: not an Alertmanager matcher',
    ],
    [
      'unknown time interval',
      replace('activeTimeIntervals: [business-hours]', 'activeTimeIntervals: [office-hours]'),
      'catalog.yaml:29:85: error: teams.ml.routing.overrides.1.activeTimeIntervals.0: unknown time interval "office-hours"',
    ],
    [
      'time interval that does not parse',
      replace('start: "08:00", end: "16:00"', 'start: "08:00", end: "25:00"'),
      'catalog.yaml:7:71: error: alertmanager.timeIntervals.business-hours.0.times.0.end: "25:00" is not a time of day',
    ],
    [
      'weekday range that does not parse',
      replace('"monday:friday"', '"monday:fryday"'),
      'catalog.yaml:7:22: error: alertmanager.timeIntervals.business-hours.0.weekdays.0: "monday:fryday" is not a weekday',
    ],
    [
      'unknown watchdog receiver',
      replace('platform/deadman', 'platform/deadmen'),
      'catalog.yaml:3:25: error: alertmanager.watchdog.receiver: team "platform" has no receiver "deadmen"',
    ],
    [
      'a severity with no receiver',
      replace('      info: [low]\n', ''),
      'catalog.yaml:16:7: error: teams.platform.routing: no receiver for info alerts of team "platform"',
    ],
    [
      'two teams claiming one service',
      replace(
        '  ml:\n    receivers:',
        '    services: [cloudviz]\n  ml:\n    services: [cloudviz]\n    receivers:',
      ),
      'catalog.yaml:21:16: error: teams.ml.services.0: service "cloudviz" is already claimed by team "platform"',
    ],
    [
      'an inline Slack webhook',
      replace(
        'apiURL: { secret: slack, key: platform }',
        'apiURL: "https://hooks.slack.com/services/T000/B000/XXXX"',
      ),
      'catalog.yaml:12:54: error: teams.platform.receivers.chat.slack.apiURL: an inline secret value is not allowed',
    ],
  ])('%s', (_, text, expected) => {
    const rendered = problemsOf(text);
    expect(
      rendered.some((line) => line.startsWith(expected)),
      rendered.join('\n'),
    ).toBe(true);
  });

  it('refuses secret-looking values anywhere, e.g. in a description', () => {
    const text = baseCatalog.replace(
      '  platform:\n    receivers:',
      '  platform:\n    description: "token xoxb-1234567890-abcdefghij"\n    receivers:',
    );
    expect(problemsOf(text)).toContainEqual(
      expect.stringMatching(
        /^catalog\.yaml:10:18: error: teams\.platform\.description: this looks like a Slack token/,
      ),
    );
  });

  it('names the path of each secret-looking value, also after lists and nested maps', () => {
    const text = baseCatalog
      .replace('https://deadman.example.com/ping', 'https://u:hunter2@deadman.example.com/ping')
      .replace('http://msteams.monitoring.svc:2000/ml', 'http://ml:hunter2@msteams.monitoring.svc:2000/ml');
    expect(problemsOf(text).filter((line) => line.includes('this looks like'))).toEqual([
      expect.stringMatching(
        /: teams\.platform\.receivers\.deadman\.webhook\.url: this looks like a URL with a password/,
      ),
      expect.stringMatching(
        /: teams\.ml\.receivers\.chat\.msteams\.bridgeURL: this looks like a URL with a password/,
      ),
    ]);
  });
});

describe('looksLikeSecret', () => {
  it.each([
    ['https://hooks.slack.com/services/T0000/B0000/XXXXXXXX', 'a Slack webhook URL'],
    ['https://user:hunter2@example.com/x', 'a URL with a password'],
    ['https://example.com/hook?token=abcdef123456', 'a URL with a credential parameter'],
    ['xoxb-123456789012-abcdefabcdef', 'a Slack token'],
    ['AKIAABCDEFGHIJKLMNOP', 'an AWS access key'],
    ['0123456789abcdef0123456789abcdef', 'a 32-character hex integration key'],
    ['-----BEGIN RSA PRIVATE KEY-----', 'a private key'],
    ['https://acme.webhook.office.com/webhookb2/x', 'a Microsoft Teams webhook URL'],
    ['https://outlook.office365.com/webhook/x', 'a Microsoft Teams webhook URL'],
    ['https://discordapp.com/api/webhooks/1/x', 'a Discord webhook URL'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'a GitHub token'],
    ['github_pat_abcdefghijklmnopqrstuvwxyz0123456789', 'a GitHub token'],
    ['ASIAABCDEFGHIJKLMNOP', 'an AWS access key'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.abcdefghijklmnop', 'a JSON Web Token'],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz', 'a bearer token'],
  ])('%s is %s', (text, what) => {
    expect(looksLikeSecret(text)).toBe(what);
  });
  it.each([
    '/etc/alertmanager/secrets/alertmanager-slack/platform',
    'https://runbooks.example.com/cloudviz#highlatency',
    '{{ .CommonAnnotations.summary }}',
  ])('%s is not a secret', (text) => {
    expect(looksLikeSecret(text)).toBeNull();
  });

  // The one-pass hint may only skip strings no pattern matches: strings stitched from the patterns'
  // own pieces, in any case, must get the answer of running every pattern.
  const pieces = [
    'hooks.slack.com/services/',
    'xoxb-',
    'XOXP-',
    '.webhook.office.com/',
    'outlook.office.com/webhook/',
    'discord.com/api/webhooks/',
    'https://',
    'u:p@',
    '?token=',
    '&SIG=',
    '-----BEGIN ',
    'PRIVATE KEY-----',
    'ghp_',
    'GHS_',
    'github_pat_',
    'AKIA',
    'asia',
    'eyJ',
    '.eyJ',
    'bearer ',
    'BEARER ',
    '0123456789abcdef',
    'ABCDEF',
    'a',
    '-',
    ' ',
    '/',
    '.',
  ];
  it('gives what running every pattern gives', () => {
    const text = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => looksLikeSecret(t) === patternOf(t)),
      { numRuns: 5000 },
    );
  });
});
