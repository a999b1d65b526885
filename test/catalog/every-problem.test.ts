// One run reports every problem of a catalog: the checks after the schema still run on the entries
// that parsed, so an unknown team or an off-bucket threshold is not hidden behind a bad duration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { renderProblem } from '../../src/problem.ts';

const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures/every-problem.yaml'), 'utf8');

describe('every problem at once', () => {
  it('reports schema errors, inline secrets, an unknown team and an off-bucket threshold in one run', () => {
    const loaded = loadCatalogText('catalog.yaml', fixture);
    expect(loaded.model).toBeNull();
    expect(loaded.problems.map(renderProblem)).toEqual([
      'catalog.yaml:4:49: error: teams.web.receivers.chat.slack.apiURL: an inline secret value is not allowed: reference it as { secret: <k8s-secret-name>, key: <key> } or { file: /path/to/file }',
      'catalog.yaml:5:41: error: teams.web.receivers.pager.pagerduty.routingKey: an inline secret value is not allowed: reference it as { secret: <k8s-secret-name>, key: <key> } or { file: /path/to/file }',
      'catalog.yaml:9:11: error: services.shop.team: unknown team "mobile"; declared teams: web',
      'catalog.yaml:11:5: error: services.shop.descripton: unknown key "descripton" (did you mean "description"?)',
      'catalog.yaml:12:40: error: services.shop.scrape.interval: "15 seconds" is not a duration: use a number and a unit (ms, s, m, h, d, w, y), e.g. "30s", "5m", "1h30m"',
      'catalog.yaml:17:69: error: services.shop.slos.fast.latency.threshold: threshold 0.25 is not a bucket boundary of shop_request_duration_seconds (buckets: 0.1, 0.5, 1); the nearest are 0.1 and 0.5: the share of fast requests is read from one bucket, so the threshold must be one',
    ]);
  });

  it('names the check that found each problem, whose page is docs/checks/<area>-<name>.md', () => {
    const loaded = loadCatalogText('catalog.yaml', fixture);
    expect(loaded.problems.map((p) => `${p.line}:${p.column} ${p.check}`)).toEqual([
      '4:49 catalog/schema',
      '5:41 catalog/schema',
      '9:11 catalog/unknown-team',
      '11:5 catalog/schema',
      '12:40 catalog/schema',
      '17:69 catalog/slo',
    ]);
  });
});
