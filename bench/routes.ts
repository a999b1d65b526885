// Routing: a synthetic catalog of many teams -> route tree (generation time), then every routing-table
// row resolved by obsgen's matcher in-process and by `amtool config routes test` (one process per
// row, which is how CI checks the table), on the same config file in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAlertmanagerConfig } from '../src/alertmanager/config.ts';
import { resolveReceivers } from '../src/alertmanager/route.ts';
import { generateRoutes, routesPaths } from '../src/artifacts/routes/index.ts';
import { routingTable } from '../src/artifacts/routes/table.ts';
import { emitDocuments } from '../src/emit/documents.ts';
import { loadCatalogText } from '../src/model/resolve.ts';

const teamCount = 200;

/** `count` teams, each with a pager, a chat and an override, and one service. */
export function syntheticRoutingCatalog(count: number): string {
  const lines = [
    'alertmanager:',
    '  defaultReceiver: t0/chat',
    '  watchdog: { receiver: t0/chat }',
    'teams:',
  ];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  t${i}:`,
      '    receivers:',
      `      pager: { pagerduty: { routingKey: { secret: pd, key: t${i} } } }`,
      `      chat: { slack: { channel: "#t${i}", apiURL: { secret: slack, key: t${i} } } }`,
      '    routing:',
      '      critical: [pager, chat]',
      '      warning: [chat]',
      '      info: [chat]',
      `      overrides: [{ matchers: ['alertname=~"Disk.*"', 'severity="warning"'], receivers: [t${(i + 1) % count}/pager], continue: true }]`,
    );
  }
  lines.push('services:');
  for (let i = 0; i < count; i++) {
    lines.push(
      `  s${i}:`,
      `    team: t${i}`,
      `    namespace: s${i}`,
      `    scrape: { port: metrics, selector: { app: s${i} } }`,
      `    metrics: { requests: { name: s${i}_requests_total, type: counter } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function amtoolPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v amtool'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run(): Promise<string> {
  const text = syntheticRoutingCatalog(teamCount);
  let start = process.hrtime.bigint();
  const loaded = loadCatalogText('catalog.yaml', text);
  const loadMs = ms(start);
  if (!loaded.model)
    return `## Routing\n\nsynthetic catalog failed to load: ${loaded.problems[0]?.message ?? '?'}\n`;
  start = process.hrtime.bigint();
  const generated = generateRoutes(loaded.model);
  const output = { files: emitDocuments(generated.documents) };
  const genMs = ms(start);
  const config = output.files.find((f) => f.path === routesPaths.plain)?.content ?? '';
  const rows = routingTable(loaded.model);
  const tree = readAlertmanagerConfig(config);
  if (!tree.ok) return `## Routing\n\ngenerated config does not read: ${tree.error}\n`;

  const rounds = 20;
  start = process.hrtime.bigint();
  let disagreements = 0;
  for (let round = 0; round < rounds; round++) {
    for (const row of rows) {
      if (resolveReceivers(tree.value.route, row.labels).join(',') !== row.receivers.join(','))
        disagreements++;
    }
  }
  const obsgenPerRowUs = (ms(start) * 1000) / (rounds * rows.length);

  const lines = [
    '## Routing (obsgen matcher vs amtool 0.25)',
    '',
    `Synthetic catalog: ${teamCount} teams, ${rows.length} routing-table rows, ${config.split('\n').length} lines of alertmanager.yaml.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| load + check catalog | ${loadMs.toFixed(0)} ms |`,
    `| generate routes (plain config, ${output.files.length - 2} CRD files, table) | ${genMs.toFixed(0)} ms |`,
    `| obsgen: resolve one alert (in-process, ${rounds} rounds) | ${obsgenPerRowUs.toFixed(1)} µs |`,
    `| obsgen rows disagreeing with the table | ${disagreements / rounds} |`,
  ];
  const amtool = amtoolPath();
  if (amtool) {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-bench-routes-'));
    const file = path.join(dir, 'alertmanager.yaml');
    writeFileSync(file, config);
    const sample = rows.filter((_, i) => i % Math.ceil(rows.length / 40) === 0);
    let amtoolDisagreements = 0;
    start = process.hrtime.bigint();
    for (const row of sample) {
      const args = [
        'config',
        'routes',
        'test',
        '--config.file',
        file,
        ...Object.entries(row.labels).map(([k, v]) => `${k}=${v}`),
      ];
      const out = spawnSync(amtool, args, { encoding: 'utf8' }).stdout.trim();
      if (out !== row.receivers.join(',')) amtoolDisagreements++;
    }
    const amtoolPerRowMs = ms(start) / sample.length;
    lines.push(
      `| amtool: one \`config routes test\` process (${sample.length} rows) | ${amtoolPerRowMs.toFixed(1)} ms |`,
      `| amtool rows disagreeing with the table | ${amtoolDisagreements} |`,
    );
  } else {
    lines.push('| amtool | not installed (Debian package prometheus-alertmanager) |');
  }
  return `${lines.join('\n')}\n`;
}
