// `npm run demo`: the live stack for a person. It prints where Prometheus and Alertmanager
// listen, plays a scripted incident (checkout fails every request, then recovers while inventory
// goes down), prints one line per notification as Alertmanager delivers it, and keeps running
// until Ctrl-C, which stops every process it started.
//
// After the incident it writes a preview of the dashboards drawn from the live Prometheus over the
// incident's minutes (`obsgen preview --prometheus`), and prints where.
//
//   npm run demo                  # the scripted incident
//   npm run demo -- --no-incident # just the stack, steady traffic; drive it with curl
import path from 'node:path';
import { parseArgs } from 'node:util';
import { main } from '../../src/cli/main.ts';
import { deliveryHeader, formatDelivery, type Notification } from './sink.ts';
import { type Stack, startStack } from './stack.ts';

const seconds = 1000;

function say(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
}

function printNotification(n: Notification): void {
  for (const alert of n.alerts) process.stdout.write(`${formatDelivery(n.receiver, n.receivedAt, alert)}\n`);
}

/** Resolves once a notification matches, or after `timeoutMs` (saying so); never hangs. */
function notified(stack: Stack, what: string, match: (n: Notification) => boolean, timeoutMs: number) {
  return new Promise<void>((resolve) => {
    if (stack.sink.notifications.some(match)) return resolve();
    const timer = setTimeout(() => {
      say(`(no ${what} after ${timeoutMs / seconds}s; going on)`);
      resolve();
    }, timeoutMs);
    stack.sink.onNotification((n) => {
      if (!match(n)) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

const alertIs =
  (alertname: string, status: 'firing' | 'resolved', labels: Record<string, string> = {}) =>
  (n: Notification) =>
    n.alerts.some(
      (a) =>
        a.status === status &&
        a.labels.alertname === alertname &&
        Object.entries(labels).every(([k, v]) => a.labels[k] === v),
    );

async function incident(stack: Stack): Promise<void> {
  say(
    'scenario: steady traffic: checkout and inventory at 2 req/s; ledger fails its one request every 12.5s',
  );
  await new Promise((resolve) => setTimeout(resolve, 15 * seconds));
  say('scenario: checkout starts failing every request');
  await stack.setLoad('checkout', { errorRatio: 1 });
  await notified(
    stack,
    'SLO page',
    alertIs('SLOBurnRatePage', 'firing', { service: 'checkout', slo: 'availability' }),
    150 * seconds,
  );
  say('scenario: checkout recovers (50 req/s, no errors); inventory is stopped');
  await stack.setLoad('checkout', { rate: 50, errorRatio: 0 });
  await stack.stopService('inventory');
  await Promise.all([
    notified(
      stack,
      'HighErrorRatio resolved',
      alertIs('HighErrorRatio', 'resolved', { service: 'checkout' }),
      150 * seconds,
    ),
    notified(
      stack,
      'SLO page resolved',
      alertIs('SLOBurnRatePage', 'resolved', { service: 'checkout' }),
      150 * seconds,
    ),
  ]);
  say('scenario: over. ledger paged nobody: its traffic is below minRequestRate. Ctrl-C stops everything.');
}

/** `obsgen preview` on the live Prometheus, from `fromMs` to now, into the stack's folder. */
async function writePreview(stack: Stack, fromMs: number): Promise<void> {
  const dir = path.dirname(stack.generatedDir);
  const out = path.join(dir, 'dashboards-preview.html');
  let log = '';
  const io = { write: (chunk: string) => (log += chunk) };
  const argv = ['preview', '--catalog', 'catalog.yaml', '--prometheus', stack.prometheusUrl];
  argv.push('--from', String(fromMs / 1000), '--to', 'now', '--scrape-interval', '1s', '--out', out);
  const code = await main(argv, { cwd: dir, stdout: io, stderr: io });
  say(
    code === 0 ? `preview of the incident, from the live Prometheus: ${out}` : `(no preview: ${log.trim()})`,
  );
}

async function run(): Promise<void> {
  const { values } = parseArgs({ options: { 'no-incident': { type: 'boolean', default: false } } });
  say(
    'starting: obsgen gen on examples/live/catalog.yaml, then Prometheus, Alertmanager and 3 demo services',
  );
  const stack = await startStack({
    load: {
      checkout: { rate: 2, errorRatio: 0, latencyMs: 20 },
      inventory: { rate: 2, errorRatio: 0.02, latencyMs: 10 },
      ledger: { rate: 0.08, errorRatio: 1, latencyMs: 10 },
    },
  });
  process.stdout.write(
    [
      `  Prometheus    ${stack.prometheusUrl}  (alerts: ${stack.prometheusUrl}/alerts)`,
      `  Alertmanager  ${stack.alertmanagerUrl}`,
      ...stack.services.map((s) => `  ${s.padEnd(12)}  ${stack.serviceUrl(s)}/metrics`),
      `  change a load: curl -X PUT ${stack.serviceUrl('checkout')}/-/load -d '{"errorRatio": 0.5}'`,
      `  generated config: ${stack.generatedDir}`,
      '',
      deliveryHeader,
      '',
    ].join('\n'),
  );
  stack.sink.onNotification(printNotification);
  if (!values['no-incident']) {
    const startedMs = Date.now();
    await incident(stack);
    await writePreview(stack, startedMs);
  }
  // Runs until Ctrl-C: the stack's signal handler stops every process it started.
  await new Promise(() => {});
}

await run();
