// The Watchdog: always firing, from the first evaluation on, with its labels and annotations.
import type { Model } from '../../../model/model.ts';
import { expandAlertTemplate } from '../../../template/index.ts';
import { watchdogGroup, watchdogName } from '../../rules/watchdog.ts';
import { type AlertRuleTest, at, type TestCase, testFile } from '../test-case.ts';

export function watchdogTestFile(model: Model): Record<string, unknown> | null {
  const settings = model.alertmanager.watchdog;
  if (!settings) return null;
  const rule = watchdogGroup(model, settings.alertname).rules[0];
  if (rule?.kind !== 'alert') return null;
  const data = {
    labels: new Map<string, string>(),
    externalLabels: new Map<string, string>(),
    externalURL: '',
    value: 1,
    query: null,
  };
  const firing = (minute: number): AlertRuleTest => ({
    alertname: rule.alert,
    eval_time: at(minute),
    exp_alerts: [
      {
        exp_labels: { severity: 'none' },
        exp_annotations: Object.fromEntries(
          Object.entries(rule.annotations).map(([k, v]) => [k, expandAlertTemplate(v, k, data)]),
        ),
      },
    ],
  });
  const test: TestCase = {
    name: `${rule.alert} fires from the first evaluation and keeps firing`,
    input_series: [],
    alert_rule_test: [firing(0), firing(60)],
  };
  return testFile({
    ruleFiles: [`../prometheus/rule-files/${watchdogName}.rules.yaml`],
    groupEvalOrder: [],
    tests: [test],
  });
}
