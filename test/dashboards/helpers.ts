// Shared fixtures for dashboard tests: the project's example catalog, with two SLOs on cloudviz
// added where it has none, so the tests follow the catalog schema as it evolves.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Model } from '../../src/model/model.ts';
import { loadCatalog } from '../../src/model/resolve.ts';

function catalogWithSlos(): string {
  const document = parseDocument(
    readFileSync(path.resolve(import.meta.dirname, '../../catalog.yaml'), 'utf8'),
  );
  if (document.hasIn(['services', 'cloudviz', 'slos'])) return document.toString();
  document.setIn(['services', 'cloudviz', 'slos'], {
    availability: {
      objective: 99.9,
      window: '30d',
      errors: 'cloudviz_errors_total',
      total: 'cloudviz_requests_total',
    },
    latency: { objective: 99, window: '30d', latency: { metric: 'latency', threshold: 0.5 } },
  });
  return document.toString();
}

export const fixtureCatalogText = catalogWithSlos();
export const fixtureCatalog = path.join(
  mkdtempSync(path.join(tmpdir(), 'obsgen-dashboards-')),
  'catalog.yaml',
);
writeFileSync(fixtureCatalog, fixtureCatalogText);

export async function fixtureModel(): Promise<Model> {
  const { model, problems } = await loadCatalog(fixtureCatalog, 'catalog.yaml');
  if (!model) throw new Error(`fixture catalog does not load: ${problems.map((p) => p.message).join('; ')}`);
  return model;
}

export interface JsonPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly gridPos: { x: number; y: number; w: number; h: number };
  readonly datasource?: { uid: string };
  readonly fieldConfig?: { defaults: { unit?: string; thresholds?: { steps: { value: number | null }[] } } };
  readonly targets?: { expr: string; refId: string; datasource: { uid: string }; legendFormat: string }[];
  readonly options?: { legend?: { showLegend: boolean } };
}

export interface JsonDashboard {
  readonly uid: string;
  readonly title: string;
  readonly editable: boolean;
  readonly tags: string[];
  readonly panels: JsonPanel[];
  readonly links: { title: string; url: string }[];
  readonly templating: { list: { name: string; type: string }[] };
}
