// A histogram's or summary's `_count` counts observations: a ratio SLO (or red.requests) may read
// it as a counter, with the base metric's labels; anything else named _count stays unknown.
import { describe, expect, it } from 'vitest';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { renderProblem } from '../../src/problem.ts';

const catalog = (metric: string, slo: string) => `teams:
  web:
    receivers: { chat: { slack: { channel: "#web", apiURL: { secret: am-slack, key: web } } } }
    routing: { default: chat }
services:
  api:
    team: web
    namespace: api
    scrape: { port: metrics, selector: { app: api } }
    metrics:
      latency: ${metric}
    slos:
      availability: ${slo}
`;

describe('_count of a histogram or summary as a counter', () => {
  it.each([
    {
      name: 'a histogram count',
      metric: '{ name: http_request_duration_seconds, type: histogram, labels: [code], buckets: [0.5, 1] }',
      slo: `{ objective: 99.9, errors: 'http_request_duration_seconds_count{code=~"5.."}', total: http_request_duration_seconds_count }`,
      expected: [],
    },
    {
      name: 'a summary count',
      metric: '{ name: http_request_duration_seconds, type: summary, labels: [code] }',
      slo: `{ objective: 99.9, errors: 'http_request_duration_seconds_count{code=~"5.."}', total: http_request_duration_seconds_count }`,
      expected: [],
    },
    {
      name: 'an undeclared label on the count',
      metric: '{ name: http_request_duration_seconds, type: summary, labels: [code] }',
      slo: `{ objective: 99.9, errors: 'http_request_duration_seconds_count{route="/"}', total: http_request_duration_seconds_count }`,
      expected: [
        'catalog.yaml:13:48: error: services.api.slos.availability.errors: label "route" is not declared for http_request_duration_seconds_count; declared labels: code',
      ],
    },
    {
      name: 'the _count of a gauge',
      metric: '{ name: queue_depth, type: gauge }',
      slo: '{ objective: 99.9, errors: queue_depth_count, total: queue_depth_count }',
      expected: [
        'catalog.yaml:13:48: error: services.api.slos.availability.errors: unknown metric "queue_depth_count"; declared metrics: latency',
        'catalog.yaml:13:74: error: services.api.slos.availability.total: unknown metric "queue_depth_count"; declared metrics: latency',
      ],
    },
  ])('$name', ({ metric, slo, expected }) => {
    expect(loadCatalogText('catalog.yaml', catalog(metric, slo)).problems.map(renderProblem)).toEqual(
      expected,
    );
  });
});
