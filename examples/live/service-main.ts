// Runs one demo service as its own process (the stack runner starts one per catalog service):
//
//   node --import tsx examples/live/service-main.ts --catalog examples/live/catalog.yaml \
//     --service checkout --port 9101 [--rate 5] [--error-ratio 0] [--latency-ms 20] [--scenario FILE]
//
// Change the load while it runs: curl -X PUT localhost:9101/-/load -d '{"errorRatio": 1}'
import { parseArgs } from 'node:util';
import { loadCatalog } from '../../src/model/resolve.ts';
import { renderProblem } from '../../src/problem.ts';
import { loadScenario, playScenario } from './scenario.ts';
import { startDemoService } from './service.ts';

async function run(): Promise<number> {
  const { values } = parseArgs({
    options: {
      catalog: { type: 'string', default: 'examples/live/catalog.yaml' },
      service: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      rate: { type: 'string', default: '5' },
      'error-ratio': { type: 'string', default: '0' },
      'latency-ms': { type: 'string', default: '20' },
      scenario: { type: 'string' },
    },
  });
  const loaded = await loadCatalog(values.catalog);
  for (const p of loaded.problems) process.stderr.write(`${renderProblem(p)}\n`);
  const service = loaded.model?.services.find((s) => s.name === values.service);
  if (!service) {
    const known = loaded.model?.services.map((s) => s.name).join(', ') ?? 'none';
    process.stderr.write(`demo service: --service must name a catalog service (${known})\n`);
    return 2;
  }
  const port = Number(values.port ?? service.scrape.address?.split(':').at(-1));
  if (!Number.isInteger(port) || port <= 0) {
    process.stderr.write('demo service: give --port, or a scrape.address in the catalog\n');
    return 2;
  }
  const demo = await startDemoService(service, {
    host: values.host,
    port,
    load: {
      rate: Number(values.rate),
      errorRatio: Number(values['error-ratio']),
      latencyMs: Number(values['latency-ms']),
    },
  });
  const log = (line: string) => process.stdout.write(`${service.name}: ${line}\n`);
  const stopScenario = values.scenario
    ? playScenario(await loadScenario(values.scenario), (load) => demo.setLoad(load), log)
    : () => {};
  log(`listening on ${demo.url} (metrics ${demo.url}${service.scrape.path}, load ${demo.url}/-/load)`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  stopScenario();
  await demo.close();
  return 0;
}

process.exitCode = await run();
