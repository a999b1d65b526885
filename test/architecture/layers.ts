// The layering of src/, written down once. Data flows up this list: the catalog is read, resolved
// into one model, generators turn the model into artifacts, checks validate them, emit writes them.
// A unit (a top-level folder or file of src/) may import units of its own layer or of a lower one,
// never of a higher one, and no two units may import each other in a loop.
//
// A new top-level folder or file of src/ goes into the layer whose data it reads and produces:
// below everything it imports, above everything that imports it.

export interface Layer {
  readonly name: string;
  /** Why these units sit here. */
  readonly holds: string;
  /** Top-level entries of src/: a folder name, or a file name with its extension. */
  readonly units: readonly string[];
}

/** Bottom first. */
export const layers: readonly Layer[] = [
  {
    name: 'base',
    holds:
      'the Problem type every layer reports with, the one shape of a check, where a user called us, how a user module loads, sorting a few keys in place',
    units: ['problem.ts', 'check.ts', 'callsite.ts', 'user-import.ts', 'dynamic-import.ts', 'sort.ts'],
  },
  {
    name: 'leaves',
    holds:
      'languages and engines that know nothing of the catalog: PromQL, Go templates, Alertmanager, where each character of a YAML scalar sits in its file, the rule-file reader lint and test share, the rule-test engine',
    units: ['promql', 'template', 'alertmanager', 'yaml', 'rulefile', 'unittest'],
  },
  {
    name: 'target',
    holds:
      'what each settings.target (Prometheus 2 or 3, the Mimir or Thanos ruler) changes in the output, read by the schema, the model and the generators',
    units: ['target.ts'],
  },
  {
    name: 'catalog',
    holds: 'catalog.yaml read with positions, the zod schema, errors as data',
    units: ['catalog'],
  },
  {
    name: 'model',
    holds: 'resolve: catalog plus the user TypeScript into one read-only model; naming conventions',
    units: ['model'],
  },
  {
    name: 'artifacts',
    holds: 'one generator folder per artifact kind: rules, slos, monitors, dashboards, routes',
    units: ['artifacts'],
  },
  { name: 'validate', holds: 'lint checks over rules and dashboards', units: ['validate'] },
  { name: 'emit', holds: 'serialization and the atomic write of generated/', units: ['emit'] },
  {
    name: 'pipeline',
    holds:
      'one gen run in the order data flows: generators return data, the checks read it, emit alone serializes',
    units: ['pipeline'],
  },
  {
    name: 'import',
    holds:
      "other tools' files (Sloth, Pyrra, Backstage, hand-written rules) read into catalog fragments, linted on the way in",
    units: ['import'],
  },
  {
    name: 'preview',
    holds:
      'the generated dashboards drawn with data from a scenario (the rule-test engine) or a live Prometheus',
    units: ['preview'],
  },
  {
    name: 'edge',
    holds: 'what users call: the CLI, the public API, the service-side metrics',
    units: ['cli', 'index.ts', 'instrument'],
  },
];

/**
 * Imports that break the layering today, `from -> to` as paths below src/. This list may only
 * shrink: the layering test fails on a violation that is not listed and on a listed one that no
 * longer occurs. Remove an entry when you fix it.
 */
export const knownViolations: readonly string[] = [];
