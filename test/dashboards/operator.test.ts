// grafana-operator delivery: with settings.dashboards.grafanaOperator, every dashboard also becomes a
// GrafanaDashboard that passes the operator's CRD schema, carries the same model as the JSON file,
// and is listed for Argo CD; configMaps: false drops the sidecar ConfigMaps.
import path from 'node:path';
import { GrafanaDashboard } from '@kubernetes-models/grafana-operator/grafana.integreatly.org/v1beta1/GrafanaDashboard';
import { describe, expect, it } from 'vitest';
import { parseDocument, parse as parseYaml } from 'yaml';
import { loadCatalogText } from '../../src/model/resolve.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { runCli, tempProject, treeText } from '../support/project.ts';
import { fixtureCatalogText } from './helpers.ts';

function catalogWith(dashboards: unknown): string {
  const document = parseDocument(fixtureCatalogText);
  document.setIn(['settings', 'dashboards'], dashboards);
  return document.toString();
}

const operator = {
  grafanaOperator: {
    instanceSelector: { 'app.kubernetes.io/name': 'grafana' },
    allowCrossNamespaceImport: true,
    resyncPeriod: '30m',
  },
};

type GrafanaDashboardObject = ConstructorParameters<typeof GrafanaDashboard>[0] & {
  metadata: { name: string };
  spec: { json: string; folder: string; uid: string };
};

async function generated(dashboards: unknown): Promise<Record<string, string>> {
  const dir = await tempProject({ 'catalog.yaml': catalogWith(dashboards) });
  const result = await runCli(['gen'], dir);
  expect(result.code, result.stderr).toBe(0);
  return treeText(path.join(dir, 'generated'));
}

describe('grafana-operator delivery', () => {
  it('adds a valid GrafanaDashboard per dashboard, same model, listed for kustomize', async () => {
    const files = await generated(operator);
    const jsonFiles = Object.keys(files).filter((f) => f.startsWith('grafana/dashboards/'));
    const objects = Object.keys(files).filter((f) => f.startsWith('grafana/operator/'));
    expect(objects.length).toBe(jsonFiles.length);
    expect(objects.length).toBeGreaterThan(5);
    const kustomization = parseYaml(files['kustomization.yaml'] ?? '') as { resources: string[] };
    for (const file of objects) {
      expect(kustomization.resources).toContain(file);
      const object = parseYaml(files[file] ?? '') as GrafanaDashboardObject;
      expect(() => new GrafanaDashboard(object).validate(), file).not.toThrow();
      const uid = path.basename(file, '.yaml');
      expect(object.spec.uid).toBe(uid);
      expect(JSON.parse(object.spec.json)).toEqual(JSON.parse(files[`grafana/dashboards/${uid}.json`] ?? ''));
      expect(object.spec).toMatchObject({
        instanceSelector: { matchLabels: { 'app.kubernetes.io/name': 'grafana' } },
        allowCrossNamespaceImport: true,
        resyncPeriod: '30m',
      });
      expect(object.spec.folder).toBeTruthy();
    }
    // ConfigMaps stay by default, beside the operator objects.
    expect(Object.keys(files).filter((f) => f.startsWith('grafana/configmaps/')).length).toBe(
      jsonFiles.length,
    );
  });

  it('drops the sidecar ConfigMaps with configMaps: false', async () => {
    const files = await generated({ configMaps: false, ...operator });
    expect(Object.keys(files).some((f) => f.startsWith('grafana/configmaps/'))).toBe(false);
    expect(Object.keys(files).some((f) => f.startsWith('grafana/operator/'))).toBe(true);
  });

  it('writes no operator objects unless asked (the default catalog)', async () => {
    const result = await runPipeline(path.resolve(import.meta.dirname, '../../catalog.yaml'), 'catalog.yaml');
    expect(result.files.some((f) => f.path.startsWith('grafana/operator/'))).toBe(false);
  });

  it('the schema check can fail: an object without an instance selector is rejected', () => {
    const broken = new GrafanaDashboard({
      metadata: { name: 'x' },
      spec: { json: '{}' },
    } as unknown as ConstructorParameters<typeof GrafanaDashboard>[0]);
    expect(() => broken.validate()).toThrow();
  });

  it.each([
    [{ grafanaOperator: { instanceSelector: {} } }, 'the instance selector needs at least one label'],
    [
      { grafanaOperator: { instanceSelector: { dashboards: 'grafana' }, resyncPeriod: '1d' } },
      'must be a Go duration in h, m and s',
    ],
    [{ grafanaOperator: { instanceSelector: { 'bad key!': 'x' } } }, 'must be a Kubernetes label key'],
  ])('rejects bad delivery settings at their line: %j', (dashboards, message) => {
    const { problems } = loadCatalogText('catalog.yaml', catalogWith(dashboards));
    const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    expect(
      lines.some(
        (l) =>
          /^catalog\.yaml:\d+:\d+: .*settings\.dashboards\.grafanaOperator/.test(l) && l.includes(message),
      ),
      lines.join('\n'),
    ).toBe(true);
  });
});
