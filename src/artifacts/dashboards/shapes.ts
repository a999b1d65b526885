// A fleet's service dashboards differ only in their strings (names, metrics, descriptions): their
// specs have one shape. So a shape, the spec with each free string replaced by its slot, is rendered
// once a run with a marker in every slot; its pretty and compact JSON are cut at the markers, and
// each dashboard of that shape is those texts with its own strings, as JSON, put in. The render
// passes free strings through whole (the tests prove it on arbitrary specs), and a shape's texts are
// used only once they reproduce, for the first dashboard of the shape, what rendering it gives.
import { dashboardJson } from './delivery.ts';
import { obsgenTag, renderDashboard } from './render.ts';
import type { DashboardSpec } from './spec.ts';

/** A dashboard's JSON: pretty for its file, compact for the Kubernetes objects that carry it. */
export interface DashboardTexts {
  readonly pretty: string;
  readonly compact: string;
}

/** The plain definition: the spec rendered through the SDK and stringified twice. */
export function renderedTexts(spec: DashboardSpec): DashboardTexts {
  const dashboard = renderDashboard(spec);
  return { pretty: dashboardJson(dashboard), compact: JSON.stringify(dashboard) };
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

/** A spec's free strings: slot numbers by string (equal strings share one) and strings by slot. */
export interface Slots {
  readonly byString: ReadonlyMap<string, number>;
  readonly values: readonly string[];
}

export function slotsOf(spec: DashboardSpec): Slots {
  const slots = { byString: new Map<string, number>(), values: [] };
  collectSlots(spec, '', slots);
  return slots;
}

function collectSlots(
  value: unknown,
  field: string,
  slots: { byString: Map<string, number>; values: string[] },
): void {
  if (typeof value === 'string') {
    if (!isLiteral(value, field) && !slots.byString.has(value)) {
      slots.byString.set(value, slots.values.length);
      slots.values.push(value);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectSlots(item, field, slots);
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, child] of Object.entries(value)) collectSlots(child, name, slots);
  }
}

/**
 * The free strings of `spec` by the slots of `reference`, when the two have one shape: the same
 * data but for free strings, and strings equal in one exactly where they are equal in the other
 * (the render sees equality: tags are deduplicated). Null otherwise.
 */
export function sameShape(reference: DashboardSpec, slots: Slots, spec: DashboardSpec): string[] | null {
  const matching: Matching = { slots, values: [], slotOf: new Map() };
  return matches(reference, spec, '', matching) ? matching.values : null;
}

/** What sameShape has matched so far: the spec's free strings by slot, and slots by string. */
interface Matching {
  readonly slots: Slots;
  readonly values: string[];
  readonly slotOf: Map<string, number>;
}

function matches(ref: unknown, value: unknown, field: string, matching: Matching): boolean {
  if (typeof ref === 'string') return typeof value === 'string' && stringMatches(ref, value, field, matching);
  if (typeof ref === 'number') return typeof value === 'number' && Object.is(ref, value);
  if (typeof ref !== 'object' || ref === null) return ref === value;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(ref)) {
    if (!Array.isArray(value) || value.length !== ref.length) return false;
    for (let k = 0; k < ref.length; k++) if (!matches(ref[k], value[k], field, matching)) return false;
    return true;
  }
  if (Array.isArray(value) || !isPlainObject(ref) || !isPlainObject(value)) return false;
  let count = 0;
  for (const name in ref) {
    if (!Object.hasOwn(ref, name)) continue;
    count++;
    if (!Object.hasOwn(value, name) || !matches(ref[name], value[name], name, matching)) return false;
  }
  for (const name in value) if (Object.hasOwn(value, name)) count--;
  return count === 0;
}

function stringMatches(ref: string, value: string, field: string, matching: Matching): boolean {
  if (isLiteral(ref, field) || isLiteral(value, field)) return ref === value;
  const slot = matching.slots.byString.get(ref) ?? -1;
  const known = matching.slotOf.get(value);
  if (known !== undefined) return known === slot;
  if (slot !== matching.values.length) return false;
  matching.slotOf.set(value, slot);
  matching.values.push(value);
  return true;
}

/** The marker standing for a slot: plain ASCII that JSON leaves as it is and no render constant holds. */
function marker(slot: number): string {
  return `@obsgen-slot-${slot}@`;
}

const markerPattern = /@obsgen-slot-(\d+)@/g;

/** The spec with every free string replaced by its slot's marker. */
function markedSpec(spec: DashboardSpec, slots: Slots): DashboardSpec {
  const mark = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      const slot = isLiteral(value, field) ? undefined : slots.byString.get(value);
      return slot === undefined ? value : marker(slot);
    }
    if (Array.isArray(value)) return value.map((item) => mark(item, field));
    if (typeof value !== 'object' || value === null) return value;
    const copy: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(value)) copy[name] = mark(child, name);
    return copy;
  };
  // Same structure as the spec, strings swapped: still a DashboardSpec.
  return mark(spec, '') as DashboardSpec;
}

/**
 * A text cut at its markers: literals around the slots, one more literal than slots. A marker that
 * is a whole JSON string is cut with its quotes, and its slot is written as a whole JSON string.
 */
interface Cut {
  readonly literals: readonly string[];
  readonly slots: readonly number[];
  readonly whole: readonly boolean[];
}

function cut(text: string): Cut {
  const literals: string[] = [];
  const slots: number[] = [];
  const whole: boolean[] = [];
  let from = 0;
  for (const match of text.matchAll(markerPattern)) {
    const end = match.index + match[0].length;
    const quoted = text[match.index - 1] === '"' && text[end] === '"';
    literals.push(text.slice(from, quoted ? match.index - 1 : match.index));
    slots.push(Number(match[1]));
    whole.push(quoted);
    from = quoted ? end + 1 : end;
  }
  literals.push(text.slice(from));
  return { literals, slots, whole };
}

function fill(template: Cut, strings: readonly string[]): string {
  const { literals, slots, whole } = template;
  const parts = new Array<string>(literals.length + slots.length);
  for (let k = 0; k < slots.length; k++) {
    parts[2 * k] = literals[k] ?? '';
    const json = strings[slots[k] ?? 0] ?? '""';
    parts[2 * k + 1] = whole[k] ? json : json.slice(1, -1);
  }
  parts[2 * slots.length] = literals[slots.length] ?? '';
  return parts.join('');
}

interface Template {
  readonly pretty: Cut;
  readonly compact: Cut;
}

function filled(template: Template, values: readonly string[]): DashboardTexts {
  const strings = values.map((value) => JSON.stringify(value));
  return { pretty: fill(template.pretty, strings), compact: fill(template.compact, strings) };
}

/** One shape a run has seen: its first dashboard, and that dashboard's texts until a second comes. */
export interface Shape {
  readonly reference: DashboardSpec;
  readonly slots: Slots;
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
    const values = sameShape(shape.reference, shape.slots, spec);
    if (values) return shapeTexts(shape, spec, values);
  }
  const texts = renderedTexts(spec);
  // Bounded, so that a catalog of many shapes alike in layout costs no more than a few tries each.
  if (candidates.length === shapesPerBucket) candidates.shift();
  candidates.push({ reference: spec, slots: slotsOf(spec), state: { kind: 'seen', texts } });
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
    const marked = renderedTexts(markedSpec(shape.reference, shape.slots));
    template = { pretty: cut(marked.pretty), compact: cut(marked.compact) };
  } catch {
    return null;
  }
  const again = filled(template, shape.slots.values);
  return again.pretty === firstTexts.pretty && again.compact === firstTexts.compact ? template : null;
}
