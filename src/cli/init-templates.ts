// What `obsgen init` writes: a platform repository that generates, lints and tests from the first
// commit. One example service (`example`), one typed file each in alerts/, slos/ and dashboards/, a
// promtool-format unit test of the custom alert, CI for GitHub and GitLab, and an Argo CD Application.

/** The scripts init puts in package.json (a glob is expanded by npm's shell). */
export const scripts: Readonly<Record<string, string>> = {
  gen: 'obsgen gen',
  test: 'obsgen test generated/tests/*.yaml tests/*.yaml',
  check: 'obsgen gen --check && obsgen lint generated/prometheus/rule-files && npm test',
};

export function packageJson(name: string, obsgenVersion: string): string {
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    description: 'Monitoring as code: catalog.yaml generates generated/ with obsgen',
    scripts,
    dependencies: { obsgen: `^${obsgenVersion}` },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const catalog = `# yaml-language-server: $schema=generated/catalog.schema.json
# The service catalog: every service, its owner, how it is scraped, what it exposes, its SLOs.
# \`npm run gen\` writes generated/ from it; commit both. Reference: the obsgen README.
settings:
  ruleSelectorLabels: { release: kube-prometheus-stack }   # labels your Prometheus selects rules by
  runbookBaseUrl: https://runbooks.example.com             # replace with your runbooks: alerts link <base>/<service>; remove it and they carry no runbook_url
alertmanager:
  defaultReceiver: platform/chat   # alerts of no team below (the cluster's own, say); unset, they reach nobody
teams:
  platform:
    receivers:                     # one receiver: every alert of the team goes there
      chat: { slack: { channel: "#platform-alerts", apiURL: { secret: alertmanager-slack, key: url } } }
services:
  # An example service: rename it, or copy it for each of yours.
  example:
    team: platform
    namespace: example
    scrape: { port: metrics, path: /metrics, interval: 30s, selector: { app: example } }
    metrics:                       # the contract: what the service exposes (prom-client, ...)
      requests: { name: example_requests_total, type: counter, labels: [status] }
      latency: { name: example_request_duration_seconds, type: histogram, buckets: [0.1, 0.25, 0.5, 1, 2.5] }
    red:                           # request rate, errors and latency rules, alerts and dashboard
      requests: requests
      errors: 'example_requests_total{status=~"5.."}'
      latency: latency
      latencyThreshold: 1          # p99 seconds
    slos:
      availability: { objective: 99.9, errors: 'example_requests_total{status=~"5.."}', total: requests }
`;

const alerts = `// Alerts the catalog cannot express, for the catalog service "example".
import { AlertRuleBuilder, defineAlerts, RuleGroupBuilder } from 'obsgen';

export default defineAlerts('example', ({ service }) => [
  new RuleGroupBuilder('example-custom').rule(
    new AlertRuleBuilder('ExampleNoTraffic', 'sum by (service) (rate(example_requests_total{service="example"}[10m])) == 0')
      .for('15m')
      .severity('warning')
      .label('team', service.team) // routes it to the team's receivers
      .summary('example serves no requests')
      .description('No request in the last 15 minutes.')
      .runbook(service.runbook && \`\${service.runbook}#notraffic\`), // null: the catalog names no runbook
  ),
]);
`;

const slos = `// SLOs that read better as code; the same fields as catalog.yaml's slos.
import { defineSlos, SloBuilder } from 'obsgen';

export default defineSlos('example', [
  new SloBuilder('latency')
    .description('99% of requests are served within 0.5 seconds, over 30 days.')
    .objective(99)
    .latency('latency', 0.5),
]);
`;

const dashboards = `// A dashboard of your own, beside the generated ones; \`npm run gen\` checks every service and metric.
import { defineDashboard } from 'obsgen';

export default defineDashboard(
  { uid: 'platform-overview', title: 'Platform / overview', team: 'platform' },
  (d) => [d.redRow('example'), d.row('Traffic', [d.metric('example', 'example_requests_total', { by: ['status'] })])],
);
`;

const alertTest = `# A unit test of the custom alert in alerts/example.ts, in promtool's format: \`npm test\` runs it with
# obsgen, CI also with \`promtool test rules\`.
rule_files:
  - ../generated/prometheus/rule-files/example.rules.yaml
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'example_requests_total{service="example", status="200"}'
        values: '0+60x20 1200x40'      # traffic for 20 minutes, then none
    alert_rule_test:
      - alertname: ExampleNoTraffic
        eval_time: 25m                # quiet for 10 minutes, pending
        exp_alerts: []
      - alertname: ExampleNoTraffic
        eval_time: 50m
        exp_alerts:
          - exp_labels: { service: example, severity: warning, team: platform }
            exp_annotations:
              summary: example serves no requests
              description: No request in the last 15 minutes.
              runbook_url: https://runbooks.example.com/example#notraffic
`;

const checkSteps = [
  ['Generated files are up to date', 'npx obsgen gen --check'],
  ['Lint the rules', 'npx obsgen lint generated/prometheus/rule-files'],
  ['Unit tests (obsgen)', 'npx obsgen test generated/tests/*.yaml tests/*.yaml'],
  [
    'promtool',
    'promtool check rules generated/prometheus/rule-files/*.yaml && promtool test rules generated/tests/*.yaml tests/*.yaml',
  ],
] as const;

const githubWorkflow = `# CI: generated/ is up to date, every rule lints clean, the alert unit tests pass with obsgen and promtool.
name: obsgen
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 22, cache: npm }
      - run: npm ci
      - run: sudo apt-get update && sudo apt-get install -y prometheus   # promtool
${checkSteps.map(([name, run]) => `      - name: ${name}\n        run: ${run}`).join('\n')}
`;

const gitlabCi = `# GitLab CI: the same checks as .github/workflows/obsgen.yaml.
obsgen:
  image: node:22
  before_script:
    - apt-get update && apt-get install -y prometheus   # promtool
    - npm ci
  script:
${checkSteps.map(([, run]) => `    - ${run}`).join('\n')}
`;

const argoApplication = `# Argo CD applies everything generated/kustomization.yaml lists. Set repoURL to this repository.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: monitoring
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://git.example.com/platform/monitoring.git
    targetRevision: main
    path: generated
  destination:
    server: https://kubernetes.default.svc
  syncPolicy:
    automated: { prune: true, selfHeal: true }
`;

const tsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
    },
    include: ['alerts', 'slos', 'dashboards', 'generated/grafana/catalog.ts'],
  },
  null,
  2,
)}\n`;

/** Every file but package.json (which init merges into an existing one), by path below the folder. */
export const files: Readonly<Record<string, string>> = {
  'catalog.yaml': catalog,
  'alerts/example.ts': alerts,
  'slos/example.ts': slos,
  'dashboards/platform-overview.ts': dashboards,
  'tests/example-alerts.yaml': alertTest,
  '.github/workflows/obsgen.yaml': githubWorkflow,
  '.gitlab-ci.yml': gitlabCi,
  'argocd/application.yaml': argoApplication,
  'tsconfig.json': tsconfig,
  '.gitignore': 'node_modules/\n',
};
