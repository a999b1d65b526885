// The shape every artifact generator shares: model in, files and problems out. Generators are pure;
// the checks run after them (src/pipeline), and only src/emit/write.ts touches the disk.
import type { Model } from '../model/model.ts';
import type { Problem } from '../problem.ts';

export interface GeneratedFile {
  /** Path relative to the output folder, with forward slashes, e.g. `prometheus/rules/cloudviz.yaml`. */
  readonly path: string;
  readonly content: string;
  /** Listed in generated/kustomization.yaml (Kubernetes objects Argo CD applies). */
  readonly kubernetes: boolean;
}

/** A YAML file as data: emit serializes its documents (keys in emit order) under the do-not-edit header. */
export interface YamlFile {
  readonly path: string;
  readonly documents: readonly unknown[];
  /** Keep each map's key order as built (a table whose columns read in order), not emit order. */
  readonly keepKeyOrder?: boolean;
  /**
   * Every string value of the documents holds only YAML-printable characters (isYamlPrintable),
   * as the generator knows from building them: emit then does not scan them again.
   */
  readonly printable?: boolean;
  readonly kubernetes: boolean;
}

export interface ArtifactOutput {
  readonly files: readonly GeneratedFile[];
  /**
   * Files still as data, serialized by emit in this order. Emit takes them one at a time, so a
   * generator may build each on demand: then no file's data outlives its turn.
   */
  readonly documents?: Iterable<YamlFile>;
  readonly problems: readonly Problem[];
  /** JSON files of dashboards a user wrote (among `files`): the check stage lints them like hand-made ones. */
  readonly userDashboards?: readonly GeneratedFile[];
  /**
   * Dashboard JSON files (among `files`) whose queries the generator parsed, each with every series
   * name they select by equality: dashboard/undeclared-series then reads no query back from the text.
   */
  readonly seriesSelected?: ReadonlyMap<GeneratedFile, ReadonlySet<string>>;
}

export interface GenContext {
  /** Folder holding catalog.yaml, alerts/, slos/ and dashboards/. */
  readonly projectDir: string;
}

export interface Generator {
  readonly name: string;
  generate(model: Model, context: GenContext): Promise<ArtifactOutput>;
}
