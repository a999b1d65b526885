// Sloth's generated rules and the rules obsgen generates from the imported spec, on the same
// counters: when each alert tier first fires. Series carry Sloth's job label and the service label
// obsgen's monitor attaches, so both rule sets read the same samples.
import { getLabel, type Labels } from '../../src/unittest/engine/labels.ts';
import { type Scenario, scenario } from '../../src/unittest/vitest.ts';

export interface Burn {
  readonly name: string;
  /** Share of failed requests during the incident. */
  readonly errorRatio: number;
  readonly healthyMin: number;
  readonly incidentMin: number;
}

/** 10 req/s, 15s samples: healthy, then failing at the given ratio. */
export function burnSeries(b: Burn, labels: string): { series: string; values: string }[] {
  const perSample = 150;
  const healthySamples = b.healthyMin * 4;
  const incidentSamples = b.incidentMin * 4;
  const phase = (healthyStep: number, incidentStep: number) => {
    const start = healthyStep * healthySamples + incidentStep;
    return `0+${healthyStep}x${healthySamples} ${start}+${incidentStep}x${incidentSamples - 1}`;
  };
  const bad = perSample * b.errorRatio;
  return [
    {
      series: `http_request_duration_seconds_count{${labels}, code="200"}`,
      values: phase(perSample, perSample - bad),
    },
    { series: `http_request_duration_seconds_count{${labels}, code="500"}`, values: phase(0, bad) },
  ];
}

/**
 * Error ratios whose true burn does not cross a threshold exactly on a minute. At an exact tie
 * (1% errors after 2h healthy is exactly 6x over 6h at minute 180) Sloth fires a minute sooner: it
 * computes the budget as 100 - 99.9 in floating point (0.0009999999999999432), so its thresholds
 * sit a rounding error below the true ones; obsgen rounds the budget to 0.001.
 */
export const burns: readonly Burn[] = [
  { name: '50x burn (5% errors)', errorRatio: 0.05, healthyMin: 120, incidentMin: 60 },
  { name: '20x burn (2% errors)', errorRatio: 0.02, healthyMin: 120, incidentMin: 90 },
  { name: '11.3x burn (1.13% errors)', errorRatio: 0.0113, healthyMin: 120, incidentMin: 200 },
  { name: '5.5x burn (0.55% errors)', errorRatio: 0.0055, healthyMin: 120, incidentMin: 90 },
];

/** The exact tie described above. */
export const tie: Burn = {
  name: '10x burn (1% errors)',
  errorRatio: 0.01,
  healthyMin: 120,
  incidentMin: 185,
};

export { getLabel };

export interface Tier {
  readonly tier: 'page' | 'ticket';
  readonly sloth: { readonly alertname: string; readonly label: string };
  readonly ours: string;
}

export const tiers = (slothAlert: string): Tier[] => [
  { tier: 'page', sloth: { alertname: slothAlert, label: 'page' }, ours: 'SLOBurnRatePage' },
  { tier: 'ticket', sloth: { alertname: slothAlert, label: 'ticket' }, ours: 'SLOBurnRateTicket' },
];

/** Minutes after the incident started when an alert first fires, or null if it never does. */
export function firstFiring(
  s: Scenario,
  alertname: string,
  healthyMin: number,
  match: (labels: Labels) => boolean = () => true,
): number | null {
  for (const step of s.timeline) {
    const states = step.alerts.get(alertname) ?? [];
    if (states.some((a) => a.state === 'firing' && match(a.labels))) return step.ts / 60_000 - healthyMin;
  }
  return null;
}

export function run(ruleFiles: readonly string[], burn: Burn, labels: string): Scenario {
  return scenario({
    ruleFiles,
    series: burnSeries(burn, labels),
    interval: '15s',
    evaluationInterval: '1m',
  });
}
