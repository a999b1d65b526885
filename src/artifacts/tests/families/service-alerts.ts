// The test file of a service's default alerts: availability, RED and saturation families, loading
// the service's plain rule file with its recording group run before the alerts that read it.
import { groupNames, paths } from '../../../model/conventions.ts';
import type { Model, Service } from '../../../model/model.ts';
import { testFile } from '../test-case.ts';
import { serviceDownTests, targetDownTests } from './availability.ts';
import { highErrorRatioTests } from './high-error-ratio.ts';
import { highLatencyTests } from './high-latency.ts';
import { saturatedTests } from './saturated.ts';

export const serviceTestPath = (service: string) => `tests/alerts-${service}.yaml`;

export function serviceTestFile(model: Model, service: Service): Record<string, unknown> | null {
  const tests = [
    ...targetDownTests(model, service),
    ...serviceDownTests(model, service),
    ...highErrorRatioTests(model, service),
    ...highLatencyTests(model, service),
    ...saturatedTests(model, service),
  ];
  if (tests.length === 0) return null;
  return testFile({
    ruleFiles: [`../${paths.ruleFile(service.name)}`],
    groupEvalOrder: [groupNames.recording(service), groupNames.alerts(service)],
    tests,
  });
}
