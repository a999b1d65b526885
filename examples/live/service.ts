// The demo service: a small HTTP API for one catalog service, instrumented with
// registerServiceMetrics (so it exposes exactly the metrics contract the catalog declares), with
// its own load generator. The generator decides each request's outcome and sends it as a fault
// header, so the service stays an ordinary handler: it sleeps as asked, answers 500 when told to
// fail, and counts every request in the catalog's request counter and latency histogram.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Counter, Histogram, Registry } from 'prom-client';
import { type ContractMetric, registerServiceMetrics } from '../../src/instrument/index.ts';
import type { Metric, Service } from '../../src/model/model.ts';
import { faultHeaders, type Load, type LoadChange, LoadGenerator, parseLoad } from './load.ts';

/** The API paths the load generator spreads its requests over. */
export const endpoints = ['/api/items', '/api/orders'] as const;

export interface DemoService {
  readonly name: string;
  readonly url: string;
  readonly load: () => Load;
  readonly setLoad: (load: LoadChange) => Load;
  readonly close: () => Promise<void>;
}

export interface ServiceOptions {
  readonly host: string;
  readonly port: number;
  readonly load: Load;
}

/** Label values of one request, for whichever of these label names the catalog declares. */
function labelValues(metric: Metric, values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(metric.labels.map((name) => [name, values[name] ?? 'none']));
}

interface Instruments {
  readonly requests: { metric: Metric; instrument: ContractMetric };
  readonly latency: { metric: Metric; instrument: ContractMetric } | null;
}

function instruments(service: Service, registry: Registry): Instruments {
  if (!service.red)
    throw new Error(`service ${service.name} has no red block: the demo needs its request counter`);
  const created = registerServiceMetrics(service, registry);
  const pick = (metric: Metric) => {
    const instrument = created.get(metric.key);
    if (!instrument) throw new Error(`metric ${metric.key} was not registered`);
    return { metric, instrument };
  };
  return {
    requests: pick(service.red.requests.metric),
    latency: service.red.latency ? pick(service.red.latency.metric) : null,
  };
}

function observe(into: Instruments, values: Record<string, string>, seconds: number): void {
  const { requests, latency } = into;
  if (requests.instrument instanceof Counter) requests.instrument.inc(labelValues(requests.metric, values));
  if (latency?.instrument instanceof Histogram) {
    latency.instrument.observe(labelValues(latency.metric, values), seconds);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, into: Instruments): Promise<void> {
  const started = process.hrtime.bigint();
  const delayMs = Number(req.headers[faultHeaders.delayMs] ?? 0);
  if (delayMs > 0) await sleep(Math.min(delayMs, 30_000));
  const status = req.headers[faultHeaders.fail] === '1' ? 500 : 200;
  const endpoint = new URL(req.url ?? '/', 'http://service').pathname;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  observe(
    into,
    { method: req.method ?? 'GET', endpoint, status: String(status), code: String(status) },
    seconds,
  );
  send(res, status, 'application/json', JSON.stringify({ ok: status === 200 }));
}

async function handleLoad(
  req: IncomingMessage,
  res: ServerResponse,
  generator: LoadGenerator,
): Promise<void> {
  if (req.method === 'PUT' || req.method === 'POST') {
    const parsed = parseLoad(await readBody(req));
    if (!parsed.ok) return send(res, 400, 'text/plain', `${parsed.message}\n`);
    generator.set(parsed.load);
  }
  send(res, 200, 'application/json', `${JSON.stringify(generator.load)}\n`);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Serves `/metrics` (the registry), `/-/load` (GET the load, PUT/POST `{rate, errorRatio,
 * latencyMs}` to change it while running) and the API under `/api/`, and starts the generator.
 */
export async function startDemoService(service: Service, options: ServiceOptions): Promise<DemoService> {
  const registry = new Registry();
  const into = instruments(service, registry);
  const url = `http://${options.host}:${options.port}`;
  const generator = new LoadGenerator(url, endpoints, options.load);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', url).pathname;
    const handled =
      path === service.scrape.path
        ? registry.metrics().then((text) => send(res, 200, registry.contentType, text))
        : path === '/-/load'
          ? handleLoad(req, res, generator)
          : path.startsWith('/api/')
            ? handleApi(req, res, into)
            : Promise.resolve(send(res, 404, 'text/plain', 'not found\n'));
    handled.catch((error: unknown) => send(res, 500, 'text/plain', `${String(error)}\n`));
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, options.host, options.port);
  generator.start();
  return {
    name: service.name,
    url,
    load: () => generator.load,
    setLoad: (load) => generator.set(load),
    close: async () => {
      generator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
