// The monitors generator: generated/prometheus/monitors/<service>.yaml, validated before it is written,
// and prometheus/prometheus.yml for services scraped without the operator (`scrape.address`).
import type { Model } from '../../model/model.ts';
import { type Problem, problem } from '../../problem.ts';
import type { Generator, YamlFile } from '../types.ts';
import { buildMonitor, monitorPath } from './build.ts';
import { staticConfigPath, staticPrometheusConfig } from './static.ts';
import { validateMonitor } from './validate.ts';

export function generateMonitors(model: Model): { documents: YamlFile[]; problems: Problem[] } {
  const documents: YamlFile[] = [];
  const problems: Problem[] = [];
  for (const service of model.services) {
    const monitor = buildMonitor(model, service);
    for (const issue of validateMonitor(service, monitor)) {
      problems.push(
        problem(
          'monitors/invalid',
          'error',
          `services.${service.name}.${issue.field.join('.')}: ${issue.message}`,
          model.locate(['services', service.name, ...issue.field]),
        ),
      );
    }
    // buildMonitor's plain object itself (the schema check reads it through a copy of its own).
    documents.push({ path: monitorPath(service.name), documents: [monitor], kubernetes: true });
  }
  const plain = staticPrometheusConfig(model);
  if (plain) documents.push({ path: staticConfigPath, documents: [plain], kubernetes: false });
  return { documents, problems };
}

export const monitorsGenerator: Generator = {
  name: 'monitors',
  async generate(model) {
    return { files: [], ...generateMonitors(model) };
  },
};
