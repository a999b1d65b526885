// The shape every artifact generator shares: model in, files and problems out. Generators are pure;
// only src/emit/write.ts touches the disk.
import type { Model } from '../model/model.ts';
import type { Problem } from '../problem.ts';

export interface GeneratedFile {
  /** Path relative to the output folder, with forward slashes, e.g. `prometheus/rules/cloudviz.yaml`. */
  readonly path: string;
  readonly content: string;
  /** Listed in generated/kustomization.yaml (Kubernetes objects Argo CD applies). */
  readonly kubernetes: boolean;
}

export interface ArtifactOutput {
  readonly files: readonly GeneratedFile[];
  readonly problems: readonly Problem[];
}

export interface GenContext {
  /** Folder holding catalog.yaml, alerts/, slos/ and dashboards/. */
  readonly projectDir: string;
}

export interface Generator {
  readonly name: string;
  generate(model: Model, context: GenContext): Promise<ArtifactOutput>;
}
