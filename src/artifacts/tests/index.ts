// The tests artifact: promtool-format unit tests for every alert obsgen generates, under tests/,
// loading the generated plain rule files. One file per SLO, one per service for its default
// alerts, one for the Watchdog. Runs after the slos generator, which loads slos/*.ts.
import { sloPaths } from '../slos/names.ts';
import type { Generator, YamlFile } from '../types.ts';
import { serviceTestFile, serviceTestPath } from './families/service-alerts.ts';
import { watchdogTestFile } from './families/watchdog.ts';
import { shapeCache } from './shapes.ts';
import { sloTestFile } from './slo/file.ts';
import { sloSeriesCache } from './slo/traffic.ts';

export const watchdogTestPath = 'tests/watchdog.yaml';

export const testsGenerator: Generator = {
  name: 'tests',
  async generate(model) {
    const documents: YamlFile[] = [];
    // Shared by the services of one shape for this run only.
    const shapes = shapeCache();
    const series = sloSeriesCache();
    const add = (path: string, doc: Record<string, unknown> | null) => {
      if (doc) documents.push({ path, documents: [doc], kubernetes: false });
    };
    for (const service of model.services) {
      add(serviceTestPath(service.name), serviceTestFile(model, service, shapes));
      const slos = service.slos;
      for (const slo of slos)
        add(
          sloPaths.test(slo.service, slo.name),
          sloTestFile({ model, service, slo, siblings: slos, series }),
        );
    }
    add(watchdogTestPath, watchdogTestFile(model));
    return { files: [], documents, problems: [] };
  },
};
