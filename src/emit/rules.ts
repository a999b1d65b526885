// A service's checked rule groups as files: a prometheus-operator PrometheusRule, a plain Prometheus
// rule file and, for a distributed ruler, its own file. Expressions are printed here (once each).
import { type RulerGroupFields, rulerGroupToYaml } from '../artifacts/rules/file-shape.ts';
import type { RuleGroup } from '../artifacts/rules/types.ts';
import type { GeneratedFile } from '../artifacts/types.ts';
import { labels as labelNames, objectNames, paths } from '../model/conventions.ts';
import type { Model, Service } from '../model/model.ts';
import { rulerGroupFields } from '../target.ts';
import { toYaml, withHeader } from './yaml.ts';
import { shapedYamlDocuments, type YamlCaches, yamlCaches } from './yaml-shapes.ts';

/** Kubernetes objects are capped at ~1.5 MiB by etcd; split well below it. */
export const maxPrometheusRuleBytes = 1024 * 1024;

/** A group as a list item two spaces deep, as a rule file's `groups:` holds it. */
export interface GroupItem {
  readonly text: string;
  /**
   * Its bytes in a PrometheusRule as the split has always counted them: the text at depth 0 plus
   * four for every line break (empty lines included, though they stay empty).
   */
  readonly crdSize: number;
}

/** Line breaks other than `\n` that a multiline `^` also starts a line after. */
const otherLineBreaks = /[\r\u2028\u2029]/;

/**
 * A service's groups, each serialized once, two spaces deep. The plain rule file embeds the text
 * as is and the PrometheusRule indents it two more, so the two can never disagree.
 */
export function serializeGroups(
  groups: readonly RuleGroup[],
  rulerFields: RulerGroupFields = {},
  caches: YamlCaches = yamlCaches(),
): GroupItem[] {
  return groups.map((group) => {
    const value = [rulerGroupToYaml(group, rulerFields)];
    const text = shapedYamlDocuments([value], { header: false, depth: 1 }, caches);
    if (!otherLineBreaks.test(text)) return { text, crdSize: crdSizeTwoDeep(text) };
    // indent also starts lines after \u2028 and \u2029 (a quoted string may hold them): its output.
    const atDepth0 = toYaml(value, { header: false, lineStarts: caches.lineStarts });
    return { text: indent(atDepth0, '  '), crdSize: atDepth0.length + 4 * lineBreaks(atDepth0) };
  });
}

/**
 * crdSize from the text two spaces deep (only `\n` breaks, not starting with one): each of its
 * non-empty lines is two longer than at depth 0.
 */
function crdSizeTwoDeep(text: string): number {
  let breaks = 0;
  let emptyLines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    breaks++;
    if (text.charCodeAt(i + 1) === 10) emptyLines++;
  }
  return text.length - 2 * (breaks - emptyLines) + 4 * breaks;
}

/** `prefix` before every line that is not empty. */
export function indent(text: string, prefix: string): string {
  if (otherLineBreaks.test(text)) return text.replace(/^(?=.)/gm, prefix);
  // The writer's texts have no empty line and end in one: one native pass, no string per line.
  if (text.endsWith('\n') && !text.startsWith('\n') && !text.includes('\n\n'))
    return `${prefix}${text.slice(0, -1).replaceAll('\n', `\n${prefix}`)}\n`;
  let out = '';
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop > start) out += prefix;
    out += end < 0 ? text.slice(start) : text.slice(start, end + 1);
    start = stop + 1;
  }
  return out;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** `head` (ending in `groups:`) and the items, indented by `prefix` more, joined into one flat string. */
function withGroups(head: string, items: readonly GroupItem[], prefix: string): string {
  if (items.length === 0) return `${head} []\n`;
  const pieces = [head, '\n'];
  for (const { text } of items) pieces.push(prefix === '' ? text : indent(text, prefix));
  return pieces.join('');
}

export function ruleFile(service: Service, items: readonly GroupItem[]): GeneratedFile {
  return {
    path: paths.ruleFile(service.name),
    content: withGroups(withHeader('groups:'), items, ''),
    kubernetes: false,
  };
}

/** The Mimir ruler's file for a service, one namespace per service, as `mimirtool rules load` reads it. */
export function mimirRulesFile(service: Service, items: readonly GroupItem[]): GeneratedFile {
  return {
    path: paths.mimirRules(service.name),
    content: withGroups(withHeader(`namespace: ${service.name}\ngroups:`), items, ''),
    kubernetes: false,
  };
}

/** A Thanos Ruler rule file (`--rule-file`): Prometheus's format plus Thanos's group fields. */
export function thanosRuleFile(service: Service, items: readonly GroupItem[]): GeneratedFile {
  return {
    path: paths.thanosRuleFile(service.name),
    content: withGroups(withHeader('groups:'), items, ''),
    kubernetes: false,
  };
}

/** The PrometheusRule's header, apiVersion, kind and metadata: all but its groups. */
function prometheusRuleEnvelope(model: Model, service: Service, part: number, caches: YamlCaches): string {
  const name =
    part === 1 ? objectNames.prometheusRule(service) : `${objectNames.prometheusRule(service)}-${part}`;
  const envelope = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name,
      namespace: service.namespace,
      labels: {
        ...model.settings.ruleSelectorLabels,
        'app.kubernetes.io/managed-by': 'obsgen',
        [labelNames.service]: service.name,
        [labelNames.team]: service.team,
      },
    },
  };
  return shapedYamlDocuments([envelope], {}, caches);
}

function prometheusRuleText(envelope: string, items: readonly GroupItem[]): string {
  return withGroups(`${envelope}spec:\n  groups:`, items, '  ');
}

/** One PrometheusRule per service; `-2`, `-3`... only when one object would exceed the size cap. */
export function prometheusRuleFiles(
  model: Model,
  service: Service,
  items: readonly GroupItem[],
  caches: YamlCaches = yamlCaches(),
): GeneratedFile[] {
  const firstEnvelope = prometheusRuleEnvelope(model, service, 1, caches);
  const envelopeSize = prometheusRuleText(firstEnvelope, []).length;
  const parts: GroupItem[][] = [[]];
  let size = envelopeSize;
  for (const item of items) {
    const itemSize = item.crdSize;
    const current = parts[parts.length - 1] ?? [];
    if (current.length > 0 && size + itemSize > maxPrometheusRuleBytes) {
      parts.push([item]);
      size = envelopeSize + itemSize;
    } else {
      current.push(item);
      size += itemSize;
    }
  }
  return parts.map((part, index) => {
    const number = index + 1;
    const base = paths.prometheusRule(service.name);
    const path = number === 1 ? base : base.replace(/\.yaml$/, `-${number}.yaml`);
    const partEnvelope =
      number === 1 ? firstEnvelope : prometheusRuleEnvelope(model, service, number, caches);
    return { path, content: prometheusRuleText(partEnvelope, part), kubernetes: true };
  });
}

/**
 * The PrometheusRule and the plain rule file (what promtool and the generated tests load) keep
 * Prometheus's format; the ruler's own fields go where that ruler reads them: the Mimir ruler's
 * namespace file, and for Thanos its rule file and the PrometheusRule (the operator passes
 * partial_response_strategy on to ThanosRuler).
 */
export function serviceRuleFiles(
  model: Model,
  service: Service,
  groups: readonly RuleGroup[],
  /** Shared by the services of a run: their groups and objects have the same keys and shapes. */
  caches: YamlCaches = yamlCaches(),
): GeneratedFile[] {
  const profile = model.settings.target;
  const items = serializeGroups(groups, {}, caches);
  const fields = rulerGroupFields(profile, service.ruler);
  const rulerItems = Object.keys(fields).length > 0 ? serializeGroups(groups, fields, caches) : items;
  const crdItems = profile.ruler === 'thanos' ? rulerItems : items;
  const rulerFiles =
    profile.ruler === 'mimir'
      ? [mimirRulesFile(service, rulerItems)]
      : profile.ruler === 'thanos'
        ? [thanosRuleFile(service, rulerItems)]
        : [];
  return [...prometheusRuleFiles(model, service, crdItems, caches), ruleFile(service, items), ...rulerFiles];
}
