// The monitors generator: generated/prometheus/monitors/<service>.yaml, validated before it is written,
// and prometheus/prometheus.yml for services scraped without the operator (`scrape.address`).
import { toYaml } from '../../emit/yaml.ts';
import type { Model } from '../../model/model.ts';
import { type Problem, problem } from '../../problem.ts';
import type { GeneratedFile, Generator } from '../types.ts';
import { buildMonitor, monitorPath } from './build.ts';
import { staticConfigPath, staticPrometheusConfig } from './static.ts';
import { validateMonitor } from './validate.ts';

export function generateMonitors(model: Model): { files: GeneratedFile[]; problems: Problem[] } {
  const files: GeneratedFile[] = [];
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
    files.push({
      path: monitorPath(service.name),
      content: toYaml(JSON.parse(JSON.stringify(monitor))),
      kubernetes: true,
    });
  }
  const plain = staticPrometheusConfig(model);
  if (plain)
    files.push({ path: staticConfigPath, content: toYaml(plain, { header: true }), kubernetes: false });
  return { files, problems };
}

export const monitorsGenerator: Generator = {
  name: 'monitors',
  async generate(model) {
    return generateMonitors(model);
  },
};
