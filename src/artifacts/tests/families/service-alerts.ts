// The test file of a service's default alerts: availability, RED and saturation families, loading
// the service's plain rule file with its recording group run before the alerts that read it.
import { groupNames, paths } from '../../../model/conventions.ts';
import type { Model, Service } from '../../../model/model.ts';
import { generatedAlerts } from '../expected.ts';
import type { ShapeCache } from '../shapes.ts';
import { testFile } from '../test-case.ts';
import { availabilityTests } from './availability.ts';
import type { ServiceContext } from './context.ts';
import { highErrorRatioTests } from './high-error-ratio.ts';
import { highLatencyTests } from './high-latency.ts';
import { saturatedTests } from './saturated.ts';

export const serviceTestPath = (service: string) => `tests/alerts-${service}.yaml`;

export function serviceTestFile(
  model: Model,
  service: Service,
  shapes: ShapeCache,
): Record<string, unknown> | null {
  const ctx: ServiceContext = { model, service, alerts: generatedAlerts(model, service), shapes };
  const tests = [
    ...availabilityTests(ctx),
    ...highErrorRatioTests(ctx),
    ...highLatencyTests(ctx),
    ...saturatedTests(ctx),
  ];
  if (tests.length === 0) return null;
  return testFile({
    ruleFiles: [`../${paths.ruleFile(service.name)}`],
    groupEvalOrder: [groupNames.recording(service), groupNames.alerts(service)],
    tests,
  });
}
