// The service entry an SLO import produces (Sloth, Pyrra): the SLOs and the metrics they read, plus
// what the catalog needs that SLO specs never say (team, namespace, scrape), filled in with
// defaults the comments point out.
import type { ValuePath } from '../catalog/source.ts';
import { type Problem, problem } from '../problem.ts';
import { renderFragment, sortedObject } from './fragment.ts';
import type { Importer } from './importer.ts';
import { type InputDocument, importCheck, type Json, readYamlDocuments, valueAt } from './input.ts';
import { Notes } from './notes.ts';
import { Contract } from './sli.ts';

export interface ImportedService {
  readonly name: string;
  team: string | null;
  readonly labels: Record<string, string>;
  readonly jobs: Set<string>;
  readonly slos: Map<string, Json>;
  readonly contract: Contract;
  /** Where the service was first named, for the comments on its defaults. */
  readonly origin: { readonly doc: InputDocument; readonly path: ValuePath };
}

export function newService(name: string, doc: InputDocument, path: ValuePath): ImportedService {
  return {
    name,
    team: null,
    labels: {},
    jobs: new Set(),
    slos: new Map(),
    contract: new Contract(),
    origin: { doc, path },
  };
}

export const unownedTeam = 'unowned';

/** The services as `services:` entries, with a comment on every default that was filled in. */
export function serviceEntries(services: Iterable<ImportedService>, format: string, notes: Notes): Json {
  return sortedObject(
    [...services].map((s): [string, Json] => {
      const attach = ['services', s.name];
      const { doc, path } = s.origin;
      if (s.team === null)
        notes.assume(
          doc,
          path,
          `assumed: team ${unownedTeam}, since the ${format} spec names no owner: set the owning team`,
          [...attach, 'team'],
        );
      notes.assume(
        doc,
        path,
        `assumed: namespace ${s.name}, since a ${format} spec does not say where the service runs`,
        [...attach, 'namespace'],
      );
      notes.assume(
        doc,
        path,
        `assumed: scrape of the "metrics" port of the Service labelled app=${s.name}: a ${format} spec does not say how it is scraped`,
        [...attach, 'scrape'],
      );
      const [job] = s.jobs;
      const { metrics, assumed } = s.contract.entries();
      for (const a of assumed) notes.assume(doc, path, a.message, [...attach, 'metrics', a.key]);
      const entry: Json = {
        team: s.team ?? unownedTeam,
        namespace: s.name,
        ...(Object.keys(s.labels).length > 0 ? { labels: sortedObject(Object.entries(s.labels)) } : {}),
        scrape: {
          port: 'metrics',
          selector: { app: s.name },
          ...(s.jobs.size === 1 && job !== undefined && job !== s.name ? { job } : {}),
        },
        metrics,
        slos: Object.fromEntries(s.slos),
      };
      return [s.name, entry];
    }),
  );
}

/** What one SLO import collects: the services it builds, its notes and the errors that stop it. */
export class SloImportRun {
  readonly notes = new Notes();
  readonly problems: Problem[] = [];
  readonly services = new Map<string, ImportedService>();

  error(doc: InputDocument, path: ValuePath, message: string): void {
    this.problems.push(problem(importCheck, 'error', message, valueAt(doc, path)));
  }
}

/** An importer of SLO specs: each document adds to the run, then the services become one fragment. */
export function sloImporter(spec: {
  readonly name: string;
  /** The format as the comments name it: `Sloth`, `Pyrra`. */
  readonly format: string;
  readonly summary: string;
  /** The error when the file holds nothing to import. */
  readonly nothingFound: string;
  readonly importDocument: (run: SloImportRun, doc: InputDocument) => void;
}): Importer {
  return {
    name: spec.name,
    summary: spec.summary,
    run(file, text) {
      const read = readYamlDocuments(file, text);
      if (!read.ok) return { output: null, problems: read.problems };
      const run = new SloImportRun();
      for (const doc of read.documents) spec.importDocument(run, doc);
      if (run.services.size === 0 && run.problems.length === 0)
        run.problems.push(problem(importCheck, 'error', spec.nothingFound, { file, line: 1, column: 1 }));
      if (run.problems.length > 0) return { output: null, problems: run.problems };
      const services = serviceEntries(run.services.values(), spec.format, run.notes);
      const output = renderFragment(
        [
          `catalog fragment imported by \`obsgen import ${spec.name}\` from ${file}`,
          'merge it into catalog.yaml, where the teams it names must exist; a comment names each input field that was not mapped, and why',
        ],
        { services },
        run.notes.list(),
      );
      return { output, problems: run.notes.warnings() };
    },
  };
}
