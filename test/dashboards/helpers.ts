// Shared fixtures for dashboard tests: the example catalog with SLOs, loaded once per file.
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/load.ts';
import type { Model } from '../../src/model/model.ts';

export const fixtureCatalog = path.join(import.meta.dirname, 'fixtures', 'catalog.yaml');

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
