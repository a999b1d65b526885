// A case as the services of one shape share it: its name, its series' values and every expected
// evaluation but the firing alert, which carries the service's labels and annotations. A family
// plans its cases once a run for each shape and fills in each service's series texts and alert.
import type { ValueOnlyExpansions } from '../../../template/value-only.ts';
import { expectedAlert, type GeneratedAlert } from '../expected.ts';
import type { Series } from '../series.ts';
import { type AlertRuleTest, at, type PromqlExprTest, type TestCase } from '../test-case.ts';
import { firing } from './fires.ts';
import { notYetFiring } from './for-delay.ts';
import { staysQuiet } from './quiet.ts';
import { resolved } from './resolves.ts';
import type { Curve } from './scenario.ts';

/** What every planned case has: its name and its series' values. */
interface PlanBase {
  readonly name: string;
  readonly notations: readonly string[];
  /** Series no service names, the same for all (null: the service's texts with the notations). */
  readonly series: readonly Series[] | null;
}

/** A quiet case: every evaluation expects nothing. */
interface QuietPlan extends PlanBase {
  readonly kind: 'quiet';
  readonly tests: readonly AlertRuleTest[];
}

/** A firing case: the evaluations before and after the one where the alert fires. */
interface FiringPlan extends PlanBase {
  readonly kind: 'fires';
  readonly before: readonly AlertRuleTest[];
  readonly at: string;
  /** The condition's value when it fires, for the annotations. */
  readonly value: number;
  readonly after: readonly AlertRuleTest[];
}

export type CasePlan = QuietPlan | FiringPlan;

/** The firing case on the curve; null when it never fires or a verdict is too close to call (cases/fires.ts). */
export function firingPlan(
  name: string,
  alertname: string,
  forMinutes: number,
  c: Curve,
  series: readonly Series[] | null = null,
): CasePlan | null {
  const f = c.firings.get(forMinutes, () => firing(c, forMinutes));
  if (f === null) return null;
  return {
    kind: 'fires',
    name,
    notations: c.notations,
    series,
    before: f.fire > 0 ? [notYetFiring(alertname, f.fire)] : [],
    at: at(f.fire),
    value: f.value,
    after: f.end !== null ? [resolved(alertname, f.end)] : [],
  };
}

/** The quiet case on the curve, expecting nothing at `times`; null when it fires (cases/quiet.ts). */
export function quietPlan(
  name: string,
  alertname: string,
  forMinutes: number,
  c: Curve,
  times: readonly number[],
): CasePlan | null {
  if (!c.quiet.get(forMinutes, () => staysQuiet(c, forMinutes))) return null;
  return {
    kind: 'quiet',
    name,
    notations: c.notations,
    series: null,
    tests: times.map((t) => ({ alertname, eval_time: at(t), exp_alerts: [] })),
  };
}

/** The planned cases that hold, in order. */
export function planned(cases: readonly (CasePlan | null)[]): CasePlan[] {
  return cases.filter((c): c is CasePlan => c !== null);
}

/**
 * The case for a service: its series' texts (one per notation) and, where it fires, its alert and
 * the family's expression tests of a firing case (if any).
 */
export function caseOf(
  plan: CasePlan,
  texts: readonly string[],
  alert: GeneratedAlert,
  expansions: ValueOnlyExpansions,
  firingExprTests?: readonly PromqlExprTest[],
): TestCase {
  const input_series = plan.series ?? seriesOf(texts, plan.notations);
  if (plan.kind === 'quiet') return { name: plan.name, input_series, alert_rule_test: plan.tests };
  const fires: AlertRuleTest = {
    alertname: alert.name,
    eval_time: plan.at,
    exp_alerts: [expectedAlert(alert, plan.value, expansions)],
  };
  const alert_rule_test = [...plan.before, fires, ...plan.after];
  return firingExprTests
    ? { name: plan.name, input_series, alert_rule_test, promql_expr_test: firingExprTests }
    : { name: plan.name, input_series, alert_rule_test };
}

/** The series named by `texts` with the notations' values, as cases/scenario.ts writes them. */
function seriesOf(texts: readonly string[], notations: readonly string[]): Series[] {
  const series = new Array<Series>(texts.length);
  for (let i = 0; i < texts.length; i++) series[i] = { series: texts[i] ?? '', values: notations[i] ?? '' };
  return series;
}
