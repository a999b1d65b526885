import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configMapLimitBytes, oversize } from '../../src/artifacts/dashboards/delivery.ts';
import {
  catalogDashboards,
  dashboardFiles,
  dashboardsGenerator,
} from '../../src/artifacts/dashboards/index.ts';
import type { GeneratedFile } from '../../src/artifacts/types.ts';
import { emitDocuments } from '../../src/emit/documents.ts';
import type { Model } from '../../src/model/model.ts';
import { lintDashboard } from '../../src/validate/dashboards/index.ts';
import { fixtureModel, type JsonDashboard } from './helpers.ts';

let model: Model;
let files: readonly GeneratedFile[];
let dashboards: Map<string, JsonDashboard>;

beforeAll(async () => {
  model = await fixtureModel();
  const output = await dashboardsGenerator.generate(model, { projectDir: '/nonexistent' });
  expect(output.problems).toEqual([]);
  files = [...output.files, ...emitDocuments(output.documents ?? [])];
  dashboards = new Map(
    files
      .filter((f) => f.path.endsWith('.json'))
      .map((f) => {
        const d = JSON.parse(f.content) as JsonDashboard;
        return [d.uid, d];
      }),
  );
});

describe('generated dashboards', () => {
  it('writes a service dashboard per service, SLO dashboards where SLOs exist, and the fleet', () => {
    const expected = model.services.flatMap((s) => [
      `${s.name}-svc`,
      ...(s.slos.length > 0 ? [`${s.name}-slo`] : []),
    ]);
    expect(expected).toContain('cloudviz-slo');
    expect([...dashboards.keys()].sort()).toEqual([...expected, 'obsgen-fleet'].sort());
  });

  it('pass the dashboard lint without a single finding', () => {
    for (const file of files.filter((f) => f.path.endsWith('.json'))) {
      expect(lintDashboard(file.content, file.path)).toEqual([]);
    }
  });

  it('follow the conventions: read-only, tags, datasource variable everywhere, units, descriptions, legends', () => {
    for (const d of dashboards.values()) {
      expect(d.editable).toBe(false);
      expect(d.tags[0]).toBe('obsgen');
      expect(d.uid.length).toBeLessThanOrEqual(40);
      expect(d.templating.list.map((v) => [v.name, v.type])).toEqual([['datasource', 'datasource']]);
      const ids = d.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of d.panels.filter((p) => p.type !== 'row')) {
        expect(panel.datasource?.uid).toBe('${datasource}');
        expect(panel.fieldConfig?.defaults.unit).toBeTruthy();
        expect(panel.description).toBeTruthy();
        expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
        if (panel.type === 'timeseries') expect(panel.options?.legend?.showLegend).toBe(true);
        for (const target of panel.targets ?? []) {
          expect(target.datasource.uid).toBe('${datasource}');
          expect(target.expr).not.toMatch(/\[\d+[smhd]\]/);
        }
      }
    }
  });

  it('reproduces the hand-made cloudviz dashboard without its flaws', () => {
    const d = dashboards.get('cloudviz-svc');
    const byTitle = new Map(d?.panels.map((p) => [p.title, p]));
    expect(byTitle.get('Traffic')?.targets?.map((t) => t.expr)).toEqual([
      'sum(rate(cloudviz_requests_total{service="cloudviz"}[$__rate_interval]))',
    ]);
    expect(byTitle.get('Error ratio')?.targets?.map((t) => t.expr)).toEqual([
      'sum(rate(cloudviz_errors_total{service="cloudviz"}[$__rate_interval])) / sum(rate(cloudviz_requests_total{service="cloudviz"}[$__rate_interval]))',
    ]);
    expect(byTitle.get('Error ratio')?.fieldConfig?.defaults.unit).toBe('percentunit');
    const latency = byTitle.get('Latency');
    expect(latency?.targets?.map((t) => t.legendFormat)).toEqual(['p50', 'p90', 'p99']);
    expect(latency?.targets?.[2]?.expr).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(cloudviz_request_duration_seconds_bucket{service="cloudviz"}[$__rate_interval])))',
    );
    expect(latency?.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 5]);
    expect(byTitle.get('Saturation: db_pool')?.targets?.[0]?.expr).toBe(
      'max(cloudviz_database_connections_active{service="cloudviz"} / cloudviz_database_connections_max{service="cloudviz"})',
    );
    expect(byTitle.get('Targets up')?.targets?.map((t) => t.expr)).toEqual([
      'sum(up{service="cloudviz"})',
      'count(up{service="cloudviz"})',
    ]);
  });

  it('reproduces the hand-made healthcare-ai dashboard with an error ratio from the status selector', () => {
    const d = dashboards.get('healthcare-ai-svc');
    const errors = d?.panels.find((p) => p.title === 'Error ratio');
    expect(errors?.targets?.[0]?.expr).toBe(
      'sum(rate(http_requests_total{service="healthcare-ai", status=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{service="healthcare-ai"}[$__rate_interval]))',
    );
  });

  it('draws each SLO against its objective with budget and burn rates, and links service, SLO and fleet', () => {
    const d = dashboards.get('cloudviz-slo');
    const titles = d?.panels.map((p) => p.title);
    expect(titles).toContain('availability: SLI vs objective');
    expect(titles).toContain('latency: error budget remaining');
    const sli = d?.panels.find((p) => p.title === 'availability: SLI vs objective');
    expect(sli?.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 0.999]);
    // Printed by the canonical printer: `/` binds tighter than `-`, so no parentheses are needed.
    expect(sli?.targets?.[0]?.expr).toBe(
      '1 - sum(slo:error_events:rate5m{service="cloudviz", slo="availability"}) / sum(slo:total_events:rate5m{service="cloudviz", slo="availability"})',
    );
    const burn = d?.panels.find((p) => p.title === 'availability: burn rate');
    expect(burn?.targets?.map((t) => t.legendFormat)).toEqual(['{{window}}']);
    expect(burn?.targets?.[0]?.expr).toBe(
      'max by (window) (slo:burn_rate:ratio{service="cloudviz", slo="availability"})',
    );
    expect(burn?.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 1, 3, 6, 14.4]);
    expect(d?.links.map((l) => l.url)).toEqual([
      '/d/cloudviz-svc',
      '/d/obsgen-fleet',
      'https://runbooks.example.com/cloudviz',
    ]);
    expect(dashboards.get('cloudviz-svc')?.links.map((l) => l.url)).toContain('/d/cloudviz-slo');
  });

  it('delivers one sidecar ConfigMap per dashboard, listed for kustomize', () => {
    const maps = files.filter((f) => f.path.startsWith('grafana/configmaps/'));
    expect(maps).toHaveLength(dashboards.size);
    for (const file of maps) {
      expect(file.kubernetes).toBe(true);
      expect(file.content.startsWith('# generated by obsgen')).toBe(true);
      const object = parseYaml(file.content) as {
        metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
        data: Record<string, string>;
      };
      expect(object.metadata.labels.grafana_dashboard).toBe('1');
      expect(object.metadata.name).toMatch(/^grafana-dashboard-[a-z0-9-]+$/);
      const [key, json] = Object.entries(object.data)[0] ?? [];
      const uid = key?.replace(/\.json$/, '') ?? '';
      expect(JSON.parse(json ?? '')).toEqual(
        JSON.parse(files.find((f) => f.path === `grafana/dashboards/${uid}.json`)?.content ?? ''),
      );
      expect(object.metadata.annotations.grafana_folder).toBeTruthy();
    }
    expect(files.filter((f) => f.path.endsWith('.json')).every((f) => !f.kubernetes)).toBe(true);
  });

  it('fails clearly when a dashboard would not fit in a ConfigMap', () => {
    const [first] = catalogDashboards(model);
    if (!first) throw new Error('no dashboards');
    const huge = {
      ...first,
      rows: [
        {
          title: 'big',
          panels: Array.from({ length: 1500 }, () => first.rows[0]?.panels[0]).filter((p) => p !== undefined),
        },
      ],
    };
    const output = dashboardFiles([huge], model);
    expect(output.problems.map((p) => p.check)).toContain('dashboard/size');
    expect(output.problems.find((p) => p.check === 'dashboard/size')?.message).toMatch(
      /over the 1 MiB limit/,
    );
  });

  it('measures carried JSON in UTF-8 bytes, whatever its characters', () => {
    const path = 'grafana/configmaps/u.yaml';
    const measured = (json: string) => oversize('u', { path, json })?.match(/carries (\d+) bytes/)?.[1];
    expect(measured('€'.repeat(Math.floor(configMapLimitBytes / 3)))).toBeUndefined();
    expect(measured('€'.repeat(Math.floor(configMapLimitBytes / 3) + 1))).toBe(
      String(configMapLimitBytes + 2),
    );
    expect(measured('a'.repeat(configMapLimitBytes))).toBeUndefined();
    expect(measured('a'.repeat(configMapLimitBytes + 1))).toBe(String(configMapLimitBytes + 1));
    expect(measured('😀'.repeat(configMapLimitBytes / 4 + 1))).toBe(String(configMapLimitBytes + 4));
  });

  it('is byte-stable', async () => {
    const again = await dashboardsGenerator.generate(model, { projectDir: '/nonexistent' });
    expect([...again.files, ...emitDocuments(again.documents ?? [])]).toEqual(files);
  });
});
