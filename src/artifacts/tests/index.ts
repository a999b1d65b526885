// The tests artifact: promtool-format unit tests for every alert obsgen generates, under tests/,
// loading the generated plain rule files. One file per SLO, one per service for its default
// alerts, one for the Watchdog. Runs after the slos generator, which loads slos/*.ts.

import type { Model } from '../../model/model.ts';
import { sloPaths } from '../slos/names.ts';
import type { Generator as ArtifactGenerator, YamlFile } from '../types.ts';
import { serviceTestFile, serviceTestPath } from './families/service-alerts.ts';
import { watchdogTestFile } from './families/watchdog.ts';
import { shapeCache } from './shapes.ts';
import { sloTestFile } from './slo/file.ts';
import { sloSeriesCache } from './slo/traffic.ts';

export const watchdogTestPath = 'tests/watchdog.yaml';

export const testsGenerator: ArtifactGenerator = {
  name: 'tests',
  async generate(model) {
    // Each iteration builds the files again: emit takes them one at a time and drops each.
    return { files: [], documents: { [Symbol.iterator]: () => testFiles(model) }, problems: [] };
  },
};

/** Each file built when emit asks for it, so no service's test data outlives its turn. */
function* testFiles(model: Model): Generator<YamlFile> {
  // Shared by the services of one shape for this run only.
  const shapes = shapeCache();
  const series = sloSeriesCache();
  const file = (path: string, doc: Record<string, unknown> | null): YamlFile[] =>
    doc ? [{ path, documents: [doc], kubernetes: false }] : [];
  for (const service of model.services) {
    yield* file(serviceTestPath(service.name), serviceTestFile(model, service, shapes));
    const slos = service.slos;
    for (const slo of slos)
      yield* file(
        sloPaths.test(slo.service, slo.name),
        sloTestFile({ model, service, slo, siblings: slos, series }),
      );
  }
  yield* file(watchdogTestPath, watchdogTestFile(model));
}
