// The seeds' hand-written alerts next to what obsgen generates for the same services, on the same
// series: each test shows one flaw of the hand-written rule and that the generated rule does not have it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectAlert, type Scenario, scenario } from '../src/unittest/vitest.ts';
import { corpus } from '../test/support/tools.ts';

const seeds = corpus('seeds');
const handWritten = (file: string): string => path.join(seeds.path ?? '', 'hand-written', file);

/** The groups of a PrometheusRule object, as inline rules. */
function crdGroups(file: string): { groups: unknown[] } {
  const crd = parse(readFileSync(file, 'utf8')) as { spec: { groups: unknown[] } };
  return { groups: crd.spec.groups };
}

/** Label sets of the firing instances of an alert at a time (minutes). */
function firing(s: Scenario, alertname: string, minute: number): Record<string, string>[] {
  const step = s.timeline.find((t) => t.ts === minute * 60_000);
  return (step?.alerts.get(alertname) ?? [])
    .filter((a) => a.state === 'firing')
    .map((a) => Object.fromEntries(a.labels.map((l) => [l.name, l.value])));
}

describe.skipIf(!seeds.path)('seed alerts against the generated ones', () => {
  // 10 requests a minute: 2 s each for the first hour, then 50 ms each.
  const slowThenFast = {
    'http_request_duration_seconds_bucket{job="healthcare-ai", service="healthcare-ai", le="0.1"}':
      '0x60 10+10x119',
    'http_request_duration_seconds_bucket{job="healthcare-ai", service="healthcare-ai", le="1"}':
      '0x60 10+10x119',
    'http_request_duration_seconds_bucket{job="healthcare-ai", service="healthcare-ai", le="2.5"}':
      '0+10x180',
    'http_request_duration_seconds_bucket{job="healthcare-ai", service="healthcare-ai", le="+Inf"}':
      '0+10x180',
    'http_requests_total{job="healthcare-ai", service="healthcare-ai", status="200"}': '0+10x180',
  };

  it('healthcare-ai HighLatency measures all-time latency; the generated one recovers', () => {
    const seed = scenario({
      rules: crdGroups(handWritten('healthcare-ai.prometheusrule.yaml')),
      series: slowThenFast,
    });
    expectAlert(seed, 'HighLatency').firesAt('40m').firesAt('170m'); // two hours after latency recovered
    const ours = scenario({
      ruleFiles: ['generated/prometheus/rule-files/healthcare-ai.rules.yaml'],
      series: slowThenFast,
    });
    expectAlert(ours, 'HighLatency')
      .firesAt('40m', { service: 'healthcare-ai' })
      .notFiringAt('90m')
      .notFiringAt('170m');
  });

  it('cloudviz alerts fire once per instance; the generated ones once per service', () => {
    const up = {
      'up{job="cloudviz", service="cloudviz", instance="a"}': '1x5 0x20',
      'up{job="cloudviz", service="cloudviz", instance="b"}': '1x5 0x20',
      'up{job="cloudviz", service="cloudviz", instance="c"}': '1x5 0x20',
    };
    const seed = scenario({ ruleFiles: [handWritten('cloudviz.rules.yml')], series: up });
    expect(
      firing(seed, 'CloudVizDown', 15)
        .map((l) => l.instance)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    const ours = scenario({ ruleFiles: ['generated/prometheus/rule-files/cloudviz.rules.yaml'], series: up });
    expect(firing(ours, 'ServiceDown', 15)).toEqual([
      expect.objectContaining({
        alertname: 'ServiceDown',
        service: 'cloudviz',
        severity: 'critical',
        team: 'platform',
      }),
    ]);
  });

  it('cloudviz HighErrorRate is an absolute rate; the generated alert judges the error ratio', () => {
    // 1,000 requests/s with 0.5% errors: healthy, but 5 errors/s trips the hand-written 0.1/s threshold.
    const busyAndHealthy = {
      'cloudviz_requests_total{job="cloudviz", service="cloudviz", instance="a"}': '0+60000x30',
      'cloudviz_errors_total{job="cloudviz", service="cloudviz", instance="a"}': '0+300x30',
    };
    const seed = scenario({ ruleFiles: [handWritten('cloudviz.rules.yml')], series: busyAndHealthy });
    expectAlert(seed, 'HighErrorRate').firesAt('20m');
    const ours = scenario({
      ruleFiles: ['generated/prometheus/rule-files/cloudviz.rules.yaml'],
      series: busyAndHealthy,
    });
    expectAlert(ours, 'HighErrorRatio').neverFires();

    // 0.3 requests/s with 28% of them failing: broken, yet only 0.08 errors/s, under the 0.1/s threshold.
    const quietAndBroken = {
      'cloudviz_requests_total{job="cloudviz", service="cloudviz", instance="a"}': '0+18x30',
      'cloudviz_errors_total{job="cloudviz", service="cloudviz", instance="a"}': '0+5x30',
    };
    const seedQuiet = scenario({ ruleFiles: [handWritten('cloudviz.rules.yml')], series: quietAndBroken });
    expectAlert(seedQuiet, 'HighErrorRate').neverFires();
    const oursQuiet = scenario({
      ruleFiles: ['generated/prometheus/rule-files/cloudviz.rules.yaml'],
      series: quietAndBroken,
    });
    expectAlert(oursQuiet, 'HighErrorRatio').firesAt('20m', { service: 'cloudviz', team: 'platform' });
  });
});
