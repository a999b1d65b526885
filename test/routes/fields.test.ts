// Catalog fields of receivers and of the alertmanager block, each checked where it lands: the plain
// config (which amtool 0.25 must accept) and the team AlertmanagerConfigs (which the operator schema
// must accept). Secrets appear only as *_file paths and Secret key selectors, never as values.
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { routesPaths } from '../../src/artifacts/routes/index.ts';
import { watchdogGenerator } from '../../src/artifacts/rules/watchdog.ts';
import { renderProblem } from '../../src/problem.ts';
import { amtool, amtoolCheckConfig } from './amtool.ts';
import { generatedRoutes, loadModel } from './fixture.ts';

type Json = Record<string, unknown>;

interface Variant {
  /** The receiver `r` of team ops, every severity routed to it. */
  readonly receiver?: string;
  /** Extra fields of alertmanager.smtp, e.g. `, requireTLS: false`. */
  readonly smtp?: string;
  /** Extra lines of the alertmanager block. */
  readonly alertmanager?: string;
  /** Extra teams (full YAML lines under `teams:`). */
  readonly teams?: string;
}

const slack = '{ slack: { channel: "#ops", apiURL: { secret: slack, key: ops } } }';

function catalog(v: Variant = {}): string {
  return `alertmanager:
  defaultReceiver: ops/r
  smtp: { smarthost: "smtp.example.com:587", from: am@example.com${v.smtp ?? ''} }
${v.alertmanager ?? ''}teams:
  ops:
    receivers:
      r: ${v.receiver ?? slack}
    routing:
      critical: [r]
      warning: [r]
      info: [r]
${v.teams ?? ''}services:
  api:
    team: ops
    namespace: api
    scrape: { port: metrics, selector: { app: api } }
    metrics:
      requests: { name: api_requests_total, type: counter }
`;
}

function generate(v: Variant) {
  const output = generatedRoutes(loadModel(catalog(v)));
  const content = (p: string) => output.files.find((f) => f.path === p)?.content ?? '';
  const plainText = content(routesPaths.plain);
  const plain = parse(plainText) as { receivers: Json[]; inhibit_rules: Json[] };
  const crdsOf = (team: string) => parseAllDocuments(content(routesPaths.team(team))).map((d) => d.toJS());
  return { output, plainText, plain, crds: crdsOf('ops'), crdsOf };
}

/** The `<kind>_configs` list of receiver ops-r in the plain config. */
function plainConfigs(out: ReturnType<typeof generate>, kind: string): Json[] {
  const receiver = out.plain.receivers.find((r) => r.name === 'ops-r') ?? {};
  return (receiver[`${kind}_configs`] ?? []) as Json[];
}

/** Every generated object of this variant is accepted by amtool and by the operator schema. */
function expectValid(out: ReturnType<typeof generate>, teams: readonly string[] = ['ops']): void {
  for (const team of teams)
    for (const crd of out.crdsOf(team)) expect(() => new AlertmanagerConfig(crd).validate()).not.toThrow();
  if (amtool.path) expect(amtoolCheckConfig(out.plainText)).toContain('SUCCESS');
}

// Opsgenie identifies users by username; teams, escalations and schedules by name.
const opsgenieResponders = [
  { type: 'team', name: 'sre' },
  { type: 'user', username: 'jane@example.com' },
  { type: 'escalation', name: 'ops-esc' },
  { type: 'schedule', name: 'ops-rota' },
];

describe('receiver fields in both dialects', () => {
  // Every receiver kind: its sendResolved default, and the opposite value given explicitly.
  const kinds: [kind: string, fields: string, plainKey: string, crdKey: string, byDefault: boolean][] = [
    ['slack', 'channel: "#ops", apiURL: { secret: slack, key: ops }', 'slack_configs', 'slackConfigs', true],
    ['pagerduty', 'routingKey: { secret: pd, key: ops }', 'pagerduty_configs', 'pagerdutyConfigs', true],
    ['email', 'to: ops@example.com', 'email_configs', 'emailConfigs', false],
    ['webhook', 'url: "https://hooks.example.com/ops"', 'webhook_configs', 'webhookConfigs', true],
    ['opsgenie', 'apiKey: { secret: og, key: ops }', 'opsgenie_configs', 'opsgenieConfigs', true],
    [
      'msteams',
      'bridgeURL: "http://msteams.monitoring.svc:2000/ops"',
      'webhook_configs',
      'webhookConfigs',
      true,
    ],
  ];
  const sendResolvedRows = kinds.flatMap(
    ([kind, fields, plainKey, crdKey, byDefault]): [string, string, Json, Json][] => [
      [
        `${kind} sendResolved defaults to ${byDefault}`,
        `{ ${kind}: { ${fields} } }`,
        { [plainKey]: [{ send_resolved: byDefault }] },
        { [crdKey]: [{ sendResolved: byDefault }] },
      ],
      [
        `${kind} sendResolved: ${!byDefault}`,
        `{ ${kind}: { ${fields}, sendResolved: ${!byDefault} } }`,
        { [plainKey]: [{ send_resolved: !byDefault }] },
        { [crdKey]: [{ sendResolved: !byDefault }] },
      ],
    ],
  );

  it.each<[string, string, Json, Json]>([
    ...sendResolvedRows,
    [
      'webhook maxAlerts: 10',
      '{ webhook: { url: "https://hooks.example.com/ops", maxAlerts: 10 } }',
      { webhook_configs: [{ url: 'https://hooks.example.com/ops', send_resolved: true, max_alerts: 10 }] },
      { webhookConfigs: [{ url: 'https://hooks.example.com/ops', sendResolved: true, maxAlerts: 10 }] },
    ],
    [
      'webhook maxAlerts: 0 (no limit)',
      '{ webhook: { url: "https://hooks.example.com/ops", maxAlerts: 0, sendResolved: false } }',
      { webhook_configs: [{ send_resolved: false, max_alerts: 0 }] },
      { webhookConfigs: [{ sendResolved: false, maxAlerts: 0 }] },
    ],
    [
      'opsgenie priority and responders',
      '{ opsgenie: { apiKey: { secret: og, key: ops }, priority: P2, responders: [{ type: team, name: sre }, { type: user, name: jane@example.com }, { type: escalation, name: ops-esc }, { type: schedule, name: ops-rota }] } }',
      {
        opsgenie_configs: [
          {
            send_resolved: true,
            priority: 'P2',
            responders: opsgenieResponders,
          },
        ],
      },
      {
        opsgenieConfigs: [
          {
            sendResolved: true,
            priority: 'P2',
            responders: opsgenieResponders,
          },
        ],
      },
    ],
  ])('%s', (_what, receiver, plainReceiver, crdReceiver) => {
    const out = generate({ receiver });
    expect(out.output.problems).toEqual([]);
    expect(out.plain.receivers.find((r) => r.name === 'ops-r')).toMatchObject(plainReceiver);
    expect(out.crds.length).toBe(1);
    for (const crd of out.crds)
      expect(crd.spec.receivers.find((r: Json) => r.name === 'ops-r')).toMatchObject(crdReceiver);
    expectValid(out);
  });

  it('opsgenie without priority or responders leaves both out', () => {
    const out = generate({ receiver: '{ opsgenie: { apiKey: { secret: og, key: ops } } }' });
    const [config] = plainConfigs(out, 'opsgenie');
    expect(config).not.toHaveProperty('priority');
    expect(config).not.toHaveProperty('responders');
  });
});

describe('smtp settings of email receivers', () => {
  const email = '{ email: { to: ops@example.com } }';

  it.each<[string, string, Json, Json]>([
    ['requireTLS: false', ', requireTLS: false', { require_tls: false }, { requireTLS: false }],
    [
      'authUsername and authPassword as a Secret reference',
      ', authUsername: alertmanager, authPassword: { secret: alertmanager-smtp, key: password }',
      {
        auth_username: 'alertmanager',
        auth_password_file: '/etc/alertmanager/secrets/alertmanager-smtp/password',
      },
      { authUsername: 'alertmanager', authPassword: { name: 'alertmanager-smtp', key: 'password' } },
    ],
    [
      'authPassword as a Secret reference read from another file',
      ', authUsername: alertmanager, authPassword: { secret: alertmanager-smtp, key: password, file: /run/smtp/password }',
      { auth_username: 'alertmanager', auth_password_file: '/run/smtp/password' },
      { authUsername: 'alertmanager', authPassword: { name: 'alertmanager-smtp', key: 'password' } },
    ],
  ])('%s', (_what, smtp, plainEmail, crdEmail) => {
    const out = generate({ receiver: email, smtp });
    expect(out.output.problems).toEqual([]);
    const [plainConfig] = plainConfigs(out, 'email');
    expect(plainConfig).toMatchObject({
      smarthost: 'smtp.example.com:587',
      from: 'am@example.com',
      ...plainEmail,
    });
    // Never the password itself: Alertmanager reads it from the file.
    expect(plainConfig).not.toHaveProperty('auth_password');
    for (const crd of out.crds) expect(crd.spec.receivers[0].emailConfigs[0]).toMatchObject(crdEmail);
    expectValid(out);
  });

  it('an authPassword given only as a file has no CRD form: an error at the password', () => {
    const out = generate({
      receiver: email,
      smtp: ', authUsername: am, authPassword: { file: /run/smtp/password }',
    });
    expect(out.output.problems.map(renderProblem)).toEqual([
      'catalog.yaml:3:100: error: alertmanager.smtp.authPassword: a secret given only as a file cannot be used in an AlertmanagerConfig; give { secret, key }',
    ]);
  });

  it('an inline password is refused by the catalog', () => {
    expect(() => loadModel(catalog({ receiver: email, smtp: ', authPassword: hunter2hunter2' }))).toThrow(
      /^3:\d+: .*/,
    );
  });
});

describe('alertmanager settings in both dialects', () => {
  it('inhibitions: false leaves the inhibit rules empty in both; the default has two', () => {
    const on = generate({});
    const off = generate({ alertmanager: '  inhibitions: false\n' });
    expect(on.plain.inhibit_rules).toHaveLength(2);
    expect(on.crds[0].spec.inhibitRules).toHaveLength(2);
    expect(off.plain.inhibit_rules).toEqual([]);
    for (const crd of off.crds) expect(crd.spec.inhibitRules).toEqual([]);
    expectValid(off);
  });

  it('configSelectorLabels label every AlertmanagerConfig; without them there are no labels', () => {
    const labelled = generate({
      alertmanager: '  configSelectorLabels: { release: kube-prometheus-stack, tier: ops }\n',
    });
    for (const crd of labelled.crds)
      expect(crd.metadata.labels).toEqual({ release: 'kube-prometheus-stack', tier: 'ops' });
    expectValid(labelled);
    for (const crd of generate({}).crds) expect(crd.metadata).not.toHaveProperty('labels');
  });

  it('teams.*.namespace places the AlertmanagerConfig of a team without services; services win otherwise', () => {
    const out = generate({
      teams: `  oncall:
    namespace: oncall-tools
    receivers:
      page: { pagerduty: { routingKey: { secret: pd, key: oncall } } }
    routing:
      critical: [page]
      warning: [page]
      info: [page]
  shadow:
    receivers:
      chat: ${slack}
    routing:
      critical: [chat]
      warning: [chat]
      info: [chat]
`,
    });
    // A team with neither services nor a namespace has nowhere to put its object: a warning says so.
    expect(out.output.problems.map((p) => `${p.severity} ${p.check}: ${p.message}`)).toEqual([
      'warning routes/no-namespace: team shadow has no services and no namespace, so no AlertmanagerConfig: its routes exist only in alertmanager/alertmanager.yaml; set teams.shadow.namespace to deliver them through the operator',
    ]);
    expect(out.crdsOf('oncall').map((c) => c.metadata.namespace)).toEqual(['oncall-tools']);
    expect(out.crds.map((c) => c.metadata.namespace)).toEqual(['api']);
    expect(out.crdsOf('shadow')).toEqual([]);
    expect(out.plain.receivers.map((r) => r.name)).toContain('shadow-chat');
    expectValid(out, ['ops', 'oncall']);
  });

  it.each([
    ['the default namespace monitoring', '  watchdog: { receiver: ops/r }\n', 'monitoring'],
    ['watchdog.namespace', '  watchdog: { receiver: ops/r, namespace: prom-system }\n', 'prom-system'],
  ])(
    'the Watchdog PrometheusRule lands in %s, firing the alertname its route expects',
    async (_what, am, namespace) => {
      const model = loadModel(catalog({ alertmanager: am }));
      const rules = await watchdogGenerator.generate(model, { projectDir: '.' });
      const crd = [...(rules.documents ?? [])].find((f) => f.path.startsWith('prometheus/rules/'));
      const rule = (crd?.documents[0] ?? {}) as { metadata: Json; spec: { groups: { rules: Json[] }[] } };
      expect(rule.metadata.namespace).toBe(namespace);
      expect(rule.spec.groups[0]?.rules[0]?.alert).toBe('Watchdog');
      const out = generatedRoutes(model);
      const plain = parse(out.files.find((f) => f.path === routesPaths.plain)?.content ?? '') as {
        route: { routes: Json[] };
      };
      expect(plain.route.routes[0]).toMatchObject({ matchers: ['alertname="Watchdog"'], receiver: 'ops-r' });
    },
  );
});
