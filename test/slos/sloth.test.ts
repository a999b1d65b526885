// Side by side with Sloth v0.16 on the same traffic, under promtool 2.42: Sloth's remaining budget
// goes NaN after a stretch of zero traffic and its 30d ratio averages 5m ratios; ours stays defined
// and weights by traffic. On the same incident, our alerts fire no later than Sloth's.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { groupToYaml } from '../../src/artifacts/rules/file-shape.ts';
import { sloRuleGroups } from '../../src/artifacts/slos/index.ts';
import { toYaml } from '../../src/emit/yaml.ts';
import { corpus, tool } from '../support/tools.ts';
import { gettingStartedCatalog, load } from './support.ts';

const promtool = tool('promtool');
const sloth = corpus('sloth');
const run = promisify(execFile);

function ourRuleFile(): string {
  const { model } = load(gettingStartedCatalog);
  const service = model?.services[0];
  if (!model || !service) throw new Error('catalog does not load');
  return toYaml({ groups: service.slos.flatMap(sloRuleGroups).map(groupToYaml) });
}

/** Same counters under Sloth's names (job label, _count) and ours (service label, _total). */
function series(good: string, bad: string) {
  return [
    { series: 'http_request_duration_seconds_count{job="myservice", code="200"}', values: good },
    { series: 'http_request_duration_seconds_count{job="myservice", code="500"}', values: bad },
    { series: 'http_requests_total{service="myservice", code="200"}', values: good },
    { series: 'http_requests_total{service="myservice", code="500"}', values: bad },
  ];
}

const slothRemaining = 'slo:period_error_budget_remaining:ratio{sloth_slo="requests-availability"}';
const ourRemaining = 'slo:error_budget_remaining:ratio{slo="requests-availability"}';
const defined = (s: string) => `count(${s} == ${s})`;
const one = [{ labels: '{}', value: 1 }];

/** After 2h healthy at 10 req/s (15s scrape), 5% errors (a 50x burn) for 30 minutes. */
const incident = series('0+150x480 72142.5+142.5x119', '0+0x480 7.5+7.5x119');
const slothFiring = (tier: string) =>
  `count(ALERTS{alertname="MyServiceHighErrorRate", alertstate="firing", sloth_severity="${tier}"})`;
/** One per alert name: ours fires once per window pair that holds. */
const oursFiring = (alertname: string) =>
  `count(count by (alertname) (ALERTS{alertname="${alertname}", alertstate="firing"}))`;
const tiers = [
  { sloth: 'page', ours: 'SLOBurnRatePage' },
  { sloth: 'ticket', ours: 'SLOBurnRateTicket' },
];
const incidentMinutes = Array.from({ length: 30 }, (_, i) => 121 + i);

const testFile = {
  rule_files: ['sloth.yaml', 'ours.yaml'],
  evaluation_interval: '1m',
  tests: [
    {
      name: 'an hour of traffic, then an hour without: Sloth NaN, ours defined',
      interval: '1m',
      // 999 good + 1 failed per minute for an hour, then flat counters.
      input_series: series('0+999x60 59940+0x60', '0+1x60 60+0x60'),
      promql_expr_test: [
        { expr: defined(slothRemaining), eval_time: '119m', exp_samples: [] },
        { expr: defined(ourRemaining), eval_time: '119m', exp_samples: one },
      ],
    },
    {
      name: '90m busy at 0.1% errors then 90m trickle at 50%: true ratio ~0.002',
      interval: '1m',
      input_series: series('0+999x90 89910+1x89', '0+1x90 91+1x89'),
      promql_expr_test: [
        // Sloth's 30d ratio reads ~0.25 (mean of 5m ratios), far from the traffic-weighted ~0.002.
        {
          expr: 'count(slo:sli_error:ratio_rate30d{sloth_slo="requests-availability"} > 0.2)',
          eval_time: '180m',
          exp_samples: one,
        },
        // Ours over 3d (every window is a ratio of summed rates): burn ~2 = ratio ~0.002.
        {
          expr: 'count(slo:burn_rate:ratio{slo="requests-availability", window="3d"} > 1.9 < 2.1)',
          eval_time: '180m',
          exp_samples: one,
        },
      ],
    },
    {
      name: 'a 50x burn: ours pages and tickets from the minute Sloth does, or earlier',
      interval: '15s',
      input_series: incident,
      promql_expr_test: [
        ...tiers.flatMap((t) =>
          incidentMinutes.map((m) => ({
            expr: `${slothFiring(t.sloth)} unless ${oursFiring(t.ours)}`,
            eval_time: `${m}m`,
            exp_samples: [],
          })),
        ),
        // Not vacuous: by minute 30 of the incident both tools alert on both tiers.
        ...tiers.flatMap((t) => [
          { expr: slothFiring(t.sloth), eval_time: '150m', exp_samples: one },
          { expr: oursFiring(t.ours), eval_time: '150m', exp_samples: one },
        ]),
      ],
    },
  ],
};

describe.skipIf(!promtool.path || !sloth.path)('Sloth flaws, absent from our rules', () => {
  it('remaining budget through zero traffic, traffic weighting, alerting no later', {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-sloth-'));
    await copyFile(
      path.join(sloth.path ?? '', 'examples/_gen/getting-started.yml'),
      path.join(dir, 'sloth.yaml'),
    );
    await writeFile(path.join(dir, 'ours.yaml'), ourRuleFile());
    await writeFile(path.join(dir, 'test.yaml'), JSON.stringify(testFile));
    const result = await run(promtool.path ?? 'promtool', [
      'test',
      'rules',
      path.join(dir, 'test.yaml'),
    ]).then(
      (r) => ({ ok: true, output: r.stdout + r.stderr }),
      (e: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });
});
