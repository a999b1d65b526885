// The service entry an SLO import produces (Sloth, Pyrra): the SLOs and the metrics they read, plus
// what the catalog needs that SLO specs never say (team, namespace, scrape), filled in with
// defaults the comments point out.
import type { ValuePath } from '../catalog/source.ts';
import { sortedObject } from './fragment.ts';
import type { InputDocument, Json } from './input.ts';
import type { Notes } from './notes.ts';
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
