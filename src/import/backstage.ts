// Backstage `catalog-info.yaml` Components -> catalog services: name, owner -> team (the kind and
// namespace prefix stripped), system -> a static label, namespace and scrape from the Kubernetes
// and Prometheus annotations. The teams they reference come out as stubs to fill in.
import type { ValuePath } from '../catalog/source.ts';
import { type Problem, problem } from '../problem.ts';
import { renderFragment, sortedObject } from './fragment.ts';
import type { Importer } from './importer.ts';
import {
  type InputDocument,
  importCheck,
  type Json,
  objectAt,
  readYamlDocuments,
  stringAt,
  valueAt,
} from './input.ts';
import { Notes } from './notes.ts';
import { dnsName } from './sli.ts';

const handledAnnotations = [
  'backstage.io/kubernetes-namespace',
  'backstage.io/kubernetes-label-selector',
  'backstage.io/kubernetes-id',
  'prometheus.io/scrape',
  'prometheus.io/port',
  'prometheus.io/path',
  'prometheus.io/scheme',
];

/** `group:default/platform` -> `platform`. */
function ownerTeam(owner: string): string {
  return dnsName(owner.replace(/^[a-z]+:/i, '').replace(/^[^/]*\//, ''));
}

/** `app=web,tier in (a)`: equality terms become the selector; others are returned as left out. */
function labelSelector(text: string): { selector: Record<string, string>; rest: string[] } {
  const selector: Record<string, string> = {};
  const rest: string[] = [];
  for (const term of text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9./_-]+)\s*==?\s*([A-Za-z0-9._-]*)$/.exec(term);
    if (m?.[1] && m[2] !== undefined) selector[m[1]] = m[2];
    else rest.push(term);
  }
  return { selector, rest };
}

function importComponent(
  doc: InputDocument,
  notes: Notes,
  problems: Problem[],
  teams: Map<string, InputDocument>,
): [string, Json] | null {
  const value = objectAt(doc.value);
  const metadata = objectAt(value.metadata);
  const spec = objectAt(value.spec);
  const rawName = stringAt(metadata.name);
  if (!rawName) {
    problems.push(
      problem(importCheck, 'error', 'metadata.name: every Component has a name', valueAt(doc, ['metadata'])),
    );
    return null;
  }
  const name = dnsName(rawName);
  const attach: ValuePath = ['services', name];
  if (name !== rawName)
    notes.add(doc, ['metadata', 'name'], `renamed to ${name}: catalog names are DNS labels`, attach);
  notes.rest(doc, [], value, ['apiVersion', 'kind', 'metadata', 'spec'], attach);
  notes.rest(doc, ['metadata'], metadata, ['name', 'description', 'annotations'], attach);
  notes.rest(doc, ['spec'], spec, ['owner', 'system'], attach);
  const owner = stringAt(spec.owner);
  const team = owner ? ownerTeam(owner) : 'unowned';
  if (!owner)
    notes.assume(
      doc,
      ['metadata', 'name'],
      'assumed: team unowned, since the Component has no spec.owner: set the owning team',
      [...attach, 'team'],
    );
  else if (!teams.has(team)) teams.set(team, doc);
  const annotations = objectAt(metadata.annotations);
  const note = (key: string, why: string) => notes.add(doc, ['metadata', 'annotations', key], why, attach);
  for (const key of Object.keys(annotations))
    if (!handledAnnotations.includes(key)) note(key, 'not mapped: no catalog equivalent');
  const text = (key: string) => (annotations[key] === undefined ? null : String(annotations[key]));
  const namespace = text('backstage.io/kubernetes-namespace') ?? name;
  if (!text('backstage.io/kubernetes-namespace'))
    notes.assume(
      doc,
      ['metadata', 'name'],
      `assumed: namespace ${name}; set backstage.io/kubernetes-namespace to say where it runs`,
      [...attach, 'namespace'],
    );
  const parsed = labelSelector(text('backstage.io/kubernetes-label-selector') ?? '');
  for (const term of parsed.rest)
    note(
      'backstage.io/kubernetes-label-selector',
      `term "${term}" not mapped: scrape.selector matches labels by equality`,
    );
  const id = text('backstage.io/kubernetes-id');
  let selector = parsed.selector;
  if (Object.keys(selector).length === 0)
    selector = id ? { 'backstage.io/kubernetes-id': id } : { app: name };
  if (!id && Object.keys(parsed.selector).length === 0)
    notes.assume(
      doc,
      ['metadata', 'name'],
      `assumed: the Service labelled app=${name}; set backstage.io/kubernetes-label-selector`,
      [...attach, 'scrape'],
    );
  if (id && Object.keys(parsed.selector).length > 0)
    note('backstage.io/kubernetes-id', 'not mapped: the label selector is used instead');
  const port = text('prometheus.io/port');
  if (port !== null)
    note(
      'prometheus.io/port',
      `not mapped as a number: the catalog scrapes a named port, so port ${port} must be named "metrics" on the Service (or scrape.port changed)`,
    );
  if (text('prometheus.io/scrape') === 'false')
    note(
      'prometheus.io/scrape',
      'not mapped: the catalog scrapes every service; remove the service if it must not be scraped',
    );
  const path = text('prometheus.io/path');
  const scheme = text('prometheus.io/scheme');
  const system = stringAt(spec.system);
  const description = stringAt(metadata.description);
  return [
    name,
    {
      team,
      namespace: dnsName(namespace),
      ...(description ? { description } : {}),
      ...(system ? { labels: { system: system.replace(/^[^/]*\//, '') } } : {}),
      scrape: {
        port: 'metrics',
        ...(path?.startsWith('/') ? { path } : {}),
        ...(scheme === 'https' || scheme === 'http' ? { scheme } : {}),
        selector,
      },
      metrics: {},
    },
  ];
}

export const backstage: Importer = {
  name: 'backstage',
  summary: 'Backstage catalog-info.yaml Components -> services, with stubs of the teams they name',
  run(file, text) {
    const read = readYamlDocuments(file, text);
    if (!read.ok) return { output: null, problems: read.problems };
    const notes = new Notes();
    const problems: Problem[] = [];
    const teams = new Map<string, InputDocument>();
    const services: [string, Json][] = [];
    for (const doc of read.documents) {
      const value = objectAt(doc.value);
      if (typeof value.apiVersion !== 'string' || !value.apiVersion.startsWith('backstage.io/')) {
        problems.push(
          problem(
            importCheck,
            'error',
            'not a Backstage entity: expected apiVersion: backstage.io/v1alpha1',
            valueAt(doc, []),
          ),
        );
        continue;
      }
      if (value.kind !== 'Component') {
        notes.add(
          doc,
          ['kind'],
          `not mapped: a ${String(value.kind)} entity; only Components become services`,
          [],
        );
        continue;
      }
      const service = importComponent(doc, notes, problems, teams);
      if (service) services.push(service);
    }
    if (problems.length > 0) return { output: null, problems };
    for (const [team, doc] of teams)
      notes.assume(
        doc,
        ['spec', 'owner'],
        `stub: team ${team} needs receivers and routing (or merge into the existing team)`,
        ['teams', team],
      );
    const output = renderFragment(
      [
        `catalog fragment imported by \`obsgen import backstage\` from ${file}`,
        'merge it into catalog.yaml; declare metrics, red and slos per service, and receivers for the stub teams; a comment names each input field that was not mapped, and why',
      ],
      {
        teams: sortedObject([...teams.keys()].map((t): [string, Json] => [t, {}])),
        services: sortedObject(services),
      },
      notes.list(),
    );
    return { output, problems: notes.warnings() };
  },
};
