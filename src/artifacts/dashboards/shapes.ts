// A fleet's service dashboards differ only in their strings (names, metrics, descriptions): their
// specs have one shape. So a shape, the spec with each free string replaced by its slot, is rendered
// once a run with a marker in every slot; its pretty and compact JSON are cut at the markers, and
// each dashboard of that shape is those texts with its own strings, as JSON, put in. The render
// passes free strings through whole (the tests prove it on arbitrary specs), and a shape's texts are
// used only once they reproduce, for the first dashboard of the shape, what rendering it gives.
import { isYamlPrintable } from '../../yaml/printable.ts';
import { dashboardJson } from './delivery.ts';
import { obsgenTag, renderDashboard } from './render.ts';
import type { DashboardSpec } from './spec.ts';

/** A dashboard's JSON: pretty for its file, compact for the Kubernetes objects that carry it. */
export interface DashboardTexts {
  readonly pretty: string;
  readonly compact: string;
  /** Whether the compact text is YAML-printable: emit need not scan the kilobytes again. */
  readonly compactPrintable: boolean;
}

/** The plain definition: the spec rendered through the SDK and stringified twice. */
export function renderedTexts(spec: DashboardSpec): DashboardTexts {
  const dashboard = renderDashboard(spec);
  const compact = JSON.stringify(dashboard);
  return { pretty: dashboardJson(dashboard), compact, compactPrintable: isYamlPrintable(compact) };
}

/**
 * A string the render may branch on or compare with its own, so kept as it is in the shape: the
 * panel kind and query format pick builders, and tags are deduplicated together with the obsgen tag.
 */
function isLiteral(value: string, field: string): boolean {
  return field === 'kind' || field === 'format' || value === obsgenTag;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  return Object.getPrototypeOf(value) === Object.prototype;
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 16777619);
}

/**
 * Where to look for the spec's shape among those seen: a hash of its layout, alike for specs of
 * one shape. Only a first cut: sameShape decides, over all of the spec.
 */
export function shapeBucket(spec: DashboardSpec): number {
  let hash = mix(mix(2166136261, spec.rows.length), spec.links.length);
  for (const row of spec.rows) {
    hash = mix(hash, row.panels.length);
    for (const panel of row.panels)
      hash = mix(mix(mix(hash, panel.kind.length), panel.queries.length), panel.width * 64 + panel.height);
  }
  return hash;
}

/**
 * A spec as matching sees it: its data with each free string replaced by its slot (equal strings
 * share one, numbered in the order a walk first meets them), built once for a shape's first spec.
 */
type Skeleton =
  | { readonly kind: 'slot'; readonly slot: number; readonly first: boolean }
  | { readonly kind: 'fixed'; readonly value: unknown }
  | { readonly kind: 'list'; readonly items: readonly Skeleton[] }
  | { readonly kind: 'map'; readonly keys: readonly string[]; readonly children: readonly Skeleton[] }
  | { readonly kind: 'unmatched' };

/** A shape's first spec compiled: its skeleton and its free strings by slot. */
export interface Outline {
  readonly skeleton: Skeleton;
  readonly values: readonly string[];
}

export function outlineOf(spec: DashboardSpec): Outline {
  const slots = new Map<string, number>();
  const skeleton = skeletonOf(spec, '', slots);
  return { skeleton, values: [...slots.keys()] };
}

function skeletonOf(value: unknown, field: string, slots: Map<string, number>): Skeleton {
  if (typeof value === 'string') {
    if (isLiteral(value, field)) return { kind: 'fixed', value };
    const slot = slots.get(value);
    if (slot !== undefined) return { kind: 'slot', slot, first: false };
    slots.set(value, slots.size);
    return { kind: 'slot', slot: slots.size - 1, first: true };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'fixed', value };
  if (Array.isArray(value))
    return { kind: 'list', items: value.map((item) => skeletonOf(item, field, slots)) };
  // Class instances are not data the render passes through: such a spec never shares its shape.
  if (!isPlainObject(value)) return { kind: 'unmatched' };
  const keys = Object.keys(value);
  return { kind: 'map', keys, children: keys.map((key) => skeletonOf(value[key], key, slots)) };
}

/**
 * The free strings of `spec` by the slots of `outline`, when the two have one shape: the same
 * data but for free strings (keys in the same order), and strings equal in one exactly where they
 * are equal in the other (the render sees equality: tags are deduplicated). Null otherwise.
 */
export function sameShape(outline: Outline, spec: DashboardSpec): string[] | null {
  const values: string[] = [];
  if (!matches(outline.skeleton, spec, values)) return null;
  // Equal where the outline's are: matched slot by slot. Unequal where they are: all distinct.
  return new Set(values).size === values.length ? values : null;
}

/** Whether `value` fits the skeleton, its free strings pushed to `values` as their slots come. */
function matches(skeleton: Skeleton, value: unknown, values: string[]): boolean {
  switch (skeleton.kind) {
    case 'slot':
      // A free string never becomes the obsgen tag: the render compares strings with that one.
      if (typeof value !== 'string' || value === obsgenTag) return false;
      if (!skeleton.first) return value === values[skeleton.slot];
      values.push(value);
      return true;
    case 'fixed':
      return Object.is(skeleton.value, value);
    case 'list': {
      const { items } = skeleton;
      if (!Array.isArray(value) || value.length !== items.length) return false;
      for (let k = 0; k < items.length; k++)
        if (!matches(items[k] as Skeleton, value[k], values)) return false;
      return true;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value))
        return false;
      const { keys, children } = skeleton;
      let k = 0;
      for (const name in value) {
        if (name !== keys[k] || !matches(children[k] as Skeleton, value[name], values)) return false;
        k++;
      }
      return k === keys.length;
    }
    case 'unmatched':
      return false;
  }
}

/** The marker standing for a slot: plain ASCII that JSON leaves as it is and no render constant holds. */
function marker(slot: number): string {
  return `@obsgen-slot-${slot}@`;
}

const markerPattern = /@obsgen-slot-(\d+)@/g;

/** The outline's spec again, each free string its slot's marker. */
function markedSpec(skeleton: Skeleton): unknown {
  switch (skeleton.kind) {
    case 'slot':
      return marker(skeleton.slot);
    case 'fixed':
      return skeleton.value;
    case 'list':
      return skeleton.items.map(markedSpec);
    case 'map': {
      const copy: Record<string, unknown> = {};
      skeleton.keys.forEach((key, k) => {
        copy[key] = markedSpec(skeleton.children[k] as Skeleton);
      });
      return copy;
    }
    case 'unmatched':
      throw new Error('a spec holding class instances has no template');
  }
}

/**
 * A text cut at its markers: literals around the slots, one more literal than slots. Each slot
 * takes its string as JSON writes it inside quotes (the quotes around a whole-string slot stay in
 * the literals).
 */
interface Cut {
  readonly literals: readonly string[];
  readonly slots: readonly number[];
}

function cut(text: string): Cut {
  const literals: string[] = [];
  const slots: number[] = [];
  let from = 0;
  for (const match of text.matchAll(markerPattern)) {
    literals.push(text.slice(from, match.index));
    slots.push(Number(match[1]));
    from = match.index + match[0].length;
  }
  literals.push(text.slice(from));
  return { literals, slots };
}

function fill(template: Cut, bodies: readonly string[]): string {
  const { literals, slots } = template;
  const parts = new Array<string>(literals.length + slots.length);
  for (let k = 0; k < slots.length; k++) {
    parts[2 * k] = literals[k] as string;
    parts[2 * k + 1] = bodies[slots[k] as number] as string;
  }
  parts[2 * slots.length] = literals[slots.length] as string;
  return parts.join('');
}

/**
 * What JSON.stringify escapes in a string besides `"` (backslashes, control characters, lone
 * surrogates) and what YAML cannot hold unescaped: any surrogate, paired ones going the long way.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const escapedOrUnprintable = /[\\\u0000-\u001f\u007f-\u009f\ufeff\ud800-\udfff]/;

/** A string as JSON writes it between its quotes, and whether that is YAML-printable. */
interface Body {
  readonly text: string;
  readonly printable: boolean;
}

/** The body of a string: queries hold quotes, most other strings nothing to escape. */
function jsonBody(value: string): Body {
  if (escapedOrUnprintable.test(value)) {
    const text = JSON.stringify(value).slice(1, -1);
    return { text, printable: isYamlPrintable(text) };
  }
  return { text: value.includes('"') ? value.replaceAll('"', '\\"') : value, printable: true };
}

interface Template {
  readonly pretty: Cut;
  readonly compact: Cut;
  /** Whether the compact text's literals are YAML-printable. */
  readonly compactLiteralsPrintable: boolean;
  /**
   * By slot, the string the last filling put there, its JSON body and whether that is printable.
   * Many slots hold the same string in every dashboard of a shape (a panel title, a unit): its
   * body is escaped and scanned once.
   */
  readonly last: { readonly values: string[]; readonly bodies: string[]; readonly printable: boolean[] };
}

function templateOf(pretty: string, compact: string): Template {
  const compactCut = cut(compact);
  return {
    pretty: cut(pretty),
    compact: compactCut,
    compactLiteralsPrintable: compactCut.literals.every(isYamlPrintable),
    last: { values: [], bodies: [], printable: [] },
  };
}

function filled(template: Template, values: readonly string[]): DashboardTexts {
  const { last } = template;
  let bodiesPrintable = true;
  for (let slot = 0; slot < values.length; slot++) {
    const value = values[slot] as string;
    if (value !== last.values[slot]) {
      const body = jsonBody(value);
      last.values[slot] = value;
      last.bodies[slot] = body.text;
      last.printable[slot] = body.printable;
    }
    bodiesPrintable &&= last.printable[slot] as boolean;
  }
  return {
    pretty: fill(template.pretty, last.bodies),
    compact: fill(template.compact, last.bodies),
    compactPrintable: template.compactLiteralsPrintable && bodiesPrintable,
  };
}

/** One shape a run has seen: its first dashboard, and that dashboard's texts until a second comes. */
export interface Shape {
  readonly outline: Outline;
  state:
    | { readonly kind: 'seen'; readonly texts: DashboardTexts }
    | { readonly kind: 'template'; readonly template: Template }
    | { readonly kind: 'render' };
}

/** The shapes of one run's dashboards, by shape hash; create one per run. */
export type ShapeCache = Map<number, Shape[]>;

export function shapeCache(): ShapeCache {
  return new Map();
}

/** renderedTexts(spec), from the template of its shape once the run has seen that shape before. */
export function dashboardTexts(spec: DashboardSpec, cache: ShapeCache): DashboardTexts {
  const hash = shapeBucket(spec);
  const candidates = cache.get(hash) ?? [];
  for (const shape of candidates) {
    const values = sameShape(shape.outline, spec);
    if (values) return shapeTexts(shape, spec, values);
  }
  const texts = renderedTexts(spec);
  // Bounded, so that a catalog of many shapes alike in layout costs no more than a few tries each.
  if (candidates.length === shapesPerBucket) candidates.shift();
  candidates.push({ outline: outlineOf(spec), state: { kind: 'seen', texts } });
  cache.set(hash, candidates);
  return texts;
}

const shapesPerBucket = 8;

function shapeTexts(shape: Shape, spec: DashboardSpec, values: readonly string[]): DashboardTexts {
  if (shape.state.kind === 'seen') {
    const template = checkedTemplate(shape, shape.state.texts);
    shape.state = template ? { kind: 'template', template } : { kind: 'render' };
  }
  return shape.state.kind === 'template' ? filled(shape.state.template, values) : renderedTexts(spec);
}

/** The shape's template, if filling it with the first dashboard's strings gives that dashboard's texts. */
function checkedTemplate(shape: Shape, firstTexts: DashboardTexts): Template | null {
  let template: Template;
  try {
    // Same structure as the spec, strings swapped: still a DashboardSpec.
    const marked = renderedTexts(markedSpec(shape.outline.skeleton) as DashboardSpec);
    template = templateOf(marked.pretty, marked.compact);
  } catch {
    return null;
  }
  const again = filled(template, shape.outline.values);
  return again.pretty === firstTexts.pretty &&
    again.compact === firstTexts.compact &&
    again.compactPrintable === firstTexts.compactPrintable
    ? template
    : null;
}
