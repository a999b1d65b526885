// Latency SLOs under prometheus-3, on series stored the 3.x way (`le="1.0"`), through the engine's
// 3.x profile: a healthy service stays quiet and a slow one pages. The same series under the
// prometheus-2 rules (`le="1"`) show why the target matters: no bucket matches, every request
// counts as slow, and a healthy service pages.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PromVersion } from '../../src/promql/functions.ts';
import { expectAlert, type SeriesInput, scenario } from '../../src/unittest/vitest.ts';
import { fileOf, generate, shopCatalog } from './support.ts';

const minutes = 120;

/** `perMinute` requests a minute, `fastShare` of them under 0.25s, the rest between 1s and 2.5s. */
function traffic(le: (bound: number) => string, perMinute: number, fastShare: number): SeriesInput[] {
  const fast = perMinute * fastShare;
  const series = (labels: string, step: number): SeriesInput => ({
    series: `shop_request_duration_seconds_bucket{service="shop", route="/", ${labels}}`,
    values: `0+${step}x${minutes}`,
  });
  return [
    series(`le="${le(0.1)}"`, fast),
    series(`le="${le(0.25)}"`, fast),
    series(`le="${le(0.5)}"`, fast),
    series(`le="${le(1)}"`, fast),
    series(`le="${le(2.5)}"`, perMinute),
    series('le="+Inf"', perMinute),
    {
      series: 'shop_request_duration_seconds_count{service="shop", route="/"}',
      values: `0+${perMinute}x${minutes}`,
    },
    {
      series: 'shop_requests_total{service="shop", route="/", code="200"}',
      values: `0+${perMinute}x${minutes}`,
    },
    { series: 'up{service="shop", instance="a"}', values: `1x${minutes}` },
  ];
}

/** What Prometheus 3 stores (the migration guide's float normalization) and what 2.x stored from text. */
const stored3 = (bound: number) => (Number.isInteger(bound) ? `${bound}.0` : String(bound));
const stored2 = (bound: number) => String(bound);

async function ruleFile(target: string): Promise<string> {
  const generated = await generate(shopCatalog(`  target: ${target}`));
  expect(generated.errors).toEqual([]);
  const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-latency-'));
  const file = path.join(dir, 'shop.rules.yaml');
  await writeFile(file, fileOf(generated, 'prometheus/rule-files/shop.rules.yaml'));
  return file;
}

function run(file: string, series: SeriesInput[], promql: PromVersion) {
  return scenario({ ruleFiles: [path.relative(process.cwd(), file)], series, promql });
}

describe('latency SLO, target prometheus-3, 3.x-style series', () => {
  it('healthy traffic (every request under 0.25s) pages nothing', async () => {
    const s = run(await ruleFile('prometheus-3'), traffic(stored3, 60, 1), '3');
    expectAlert(s, 'SLOBurnRatePage').neverFires();
    expectAlert(s, 'SLOBurnRateTicket').neverFires();
    expectAlert(s, 'SLOMetricsAbsent').neverFires();
  });

  it('half the requests over 1s pages on the latency SLO', async () => {
    const s = run(await ruleFile('prometheus-3'), traffic(stored3, 60, 0.5), '3');
    expectAlert(s, 'SLOBurnRatePage').firesAt('60m', { slo: 'latency' });
  });

  it('the prometheus-2 rules on the same series page a healthy service', async () => {
    const s = run(await ruleFile('prometheus-2'), traffic(stored3, 60, 1), '3');
    expectAlert(s, 'SLOBurnRatePage').firesAt('60m', { slo: 'latency' });
  });

  it('mimir and thanos rules match both spellings, so either scraper version is healthy', async () => {
    for (const target of ['mimir', 'thanos']) {
      const file = await ruleFile(target);
      for (const le of [stored2, stored3]) {
        const s = run(file, traffic(le, 60, 1), '3');
        expectAlert(s, 'SLOBurnRatePage').neverFires();
      }
    }
  });
});
