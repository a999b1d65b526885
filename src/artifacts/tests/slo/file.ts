// The promtool test file of one SLO: synthetic traffic that should page (and when), traffic that
// must stay quiet, recovery, no data, and the two properties Sloth lacks: remaining budget defined
// through zero traffic, and long windows weighted by traffic. Expected minutes come from
// simulate.ts; expected annotations from the same template engine `obsgen test` uses.
import { paths } from '../../../model/conventions.ts';
import { sloGroupNames } from '../../slos/names.ts';
import { burnWindows } from '../../slos/rules.ts';
import { type TestCase, testFile } from '../test-case.ts';
import { detection } from './cases/detection.ts';
import { fastBurn } from './cases/fast-burn.ts';
import { noData } from './cases/no-data.ts';
import { budgetRateStaysQuiet, lowTrafficStaysQuiet } from './cases/quiet.ts';
import { recovery } from './cases/recovery.ts';
import { trafficWeighted } from './cases/traffic-weighted.ts';
import { zeroTraffic } from './cases/zero-traffic.ts';
import type { SloContext } from './traffic.ts';

/** The promtool test file for one SLO (null when its matchers defeat the synthetic series). */
export function sloTestFile(ctx: SloContext): Record<string, unknown> | null {
  const { slo, siblings } = ctx;
  const alerting = slo.alerting
    ? [
        fastBurn(ctx),
        ...slo.tiers.map((tier) => detection(ctx, tier)),
        budgetRateStaysQuiet(ctx),
        lowTrafficStaysQuiet(ctx),
        ...slo.tiers.slice(0, 1).map((tier) => recovery(ctx, tier)),
        noData(ctx),
      ]
    : [];
  const tests = [...alerting, zeroTraffic(ctx), trafficWeighted(ctx, burnWindows(slo))].filter(
    (t): t is TestCase => t !== null,
  );
  if (tests.length === 0) return null;
  // The SLO groups read each other (budget from hourly means, hourly means from the 5m rates):
  // a fixed order keeps promtool from evaluating them in a random one.
  const sloGroups = (siblings.length > 0 ? siblings : [slo]).flatMap((s) => [
    sloGroupNames.main(s.service, s.name),
    sloGroupNames.hourly(s.service, s.name),
  ]);
  return testFile({ ruleFiles: [`../${paths.ruleFile(slo.service)}`], groupEvalOrder: sloGroups, tests });
}
