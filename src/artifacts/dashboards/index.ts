// The dashboards generator: per service a service dashboard, per service with SLOs an SLO dashboard,
// one fleet overview, and the user's dashboards/*.ts; each validated, then delivered as JSON plus a
// sidecar ConfigMap. Any problem fails gen (the pipeline then writes nothing).
import type { Model } from '../../model/model.ts';
import { type Problem, problem, type SourcePosition } from '../../problem.ts';
import type { ArtifactOutput, GenContext, GeneratedFile, Generator, YamlFile } from '../types.ts';
import { catalogTypes } from './catalog-types.ts';
import { deliveryFiles, oversize } from './delivery.ts';
import { fleetDashboard } from './fleet-dashboard.ts';
import { serviceDashboard } from './service-dashboard.ts';
import { dashboardTexts, shapeCache } from './shapes.ts';
import { sloDashboard } from './slo-dashboard.ts';
import type { DashboardSpec } from './spec.ts';
import { userDashboardSpecs } from './user.ts';
import { dashboardValidation } from './validate.ts';

/** The dashboards obsgen derives from the catalog alone. */
export function catalogDashboards(model: Model): DashboardSpec[] {
  const specs: DashboardSpec[] = [];
  for (const service of model.services) {
    specs.push(serviceDashboard(service));
    const slo = sloDashboard(service);
    if (slo) specs.push(slo);
  }
  specs.push(fleetDashboard(model));
  return specs;
}

function catalogPosition(model: Model, spec: DashboardSpec): SourcePosition {
  const service = spec.services[0];
  return service === undefined
    ? { file: model.catalogFile, line: 1, column: 1 }
    : model.locate(['services', service]);
}

export function dashboardFiles(specs: readonly DashboardSpec[], model: Model): ArtifactOutput {
  const validation = dashboardValidation(specs, model, (spec) => catalogPosition(model, spec));
  const problems: Problem[] = validation.problems;
  const seriesSelected = new Map<GeneratedFile, ReadonlySet<string>>();
  const files: GeneratedFile[] = [];
  const documents: YamlFile[] = [];
  const userDashboards: GeneratedFile[] = [];
  const shapes = shapeCache();
  for (const spec of specs) {
    const texts = dashboardTexts(spec, shapes);
    const delivered = deliveryFiles(spec.uid, spec.team, texts, model.settings.dashboards);
    // User dashboards must pass the same lint as hand-made ones (the check stage runs it). Catalog
    // dashboards are lint-clean by construction (test/dashboards proves it for every shape), and
    // linting 2,000 of them would dominate gen time at fleet scale.
    if (spec.at) userDashboards.push(delivered.json);
    for (const carried of delivered.carried) {
      const tooBig = oversize(spec.uid, carried);
      if (tooBig)
        problems.push(problem('dashboard/size', 'error', tooBig, spec.at ?? catalogPosition(model, spec)));
    }
    files.push(delivered.json);
    const selected = validation.selected.get(spec);
    if (selected) seriesSelected.set(delivered.json, selected);
    documents.push(...delivered.documents);
  }
  return { files, documents, problems, userDashboards, seriesSelected };
}

export const dashboardsGenerator: Generator = {
  name: 'dashboards',
  async generate(model: Model, context: GenContext): Promise<ArtifactOutput> {
    const user = userDashboardSpecs(model, context.projectDir);
    const output = dashboardFiles([...catalogDashboards(model), ...user], model);
    return {
      files: [catalogTypes(model), ...output.files],
      documents: output.documents ?? [],
      problems: output.problems,
      userDashboards: output.userDashboards ?? [],
      seriesSelected: output.seriesSelected ?? new Map(),
    };
  },
};
