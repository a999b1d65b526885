// A generator's files often share one shape: a service's test file or rule group is the next
// service's but for some strings. The writer's text for a one-line string depends on the string
// alone, not on where it stands, so a shape's YAML is written once a run with a marker for each
// string that varies, cut at the markers, and each later file of the shape is that text with its
// own strings put in. A shape's cut text is used only once it gives back, filled with the first
// file's strings, the text the writer gave that file; anything else is written by the writer.

import { LineStarts, toYamlDocuments, type YamlOptions } from './yaml.ts';
import { placeFreeText } from './yaml-writer.ts';

/** A file's documents with every string leaf taken out, in the order a walk meets them. */
type Skeleton =
  | { readonly kind: 'map'; readonly keys: readonly string[]; readonly children: readonly Skeleton[] }
  | { readonly kind: 'list'; readonly items: readonly Skeleton[] }
  | { readonly kind: 'string' }
  | { readonly kind: 'other'; readonly value: number | boolean | null | undefined };

/** The text cut at the varying strings: `literals[k]`, then leaf `slots[k]`'s text, ..., then the last literal. */
interface Template {
  readonly literals: readonly string[];
  readonly slots: readonly number[];
  /** By leaf: the string every file of the shape has there, or null where it varies. */
  readonly constants: readonly (string | null)[];
  /**
   * By slot: an earlier slot whose leaf the first file had equal to this one, or -1. A file's
   * leaf equal to that slot's again (a service's name, its series) takes that slot's text.
   */
  readonly sameAs: readonly number[];
  /** The slots' texts while a file is filled: one array for the shape, not one per file. */
  readonly texts: string[];
}

interface Shape {
  /** What the text depends on besides the data. */
  readonly layout: string;
  readonly skeleton: Skeleton;
  /** A file's leaves while it is matched and filled: one array for the shape, not one per file. */
  readonly leaves: string[];
  state:
    | { readonly kind: 'seen'; readonly first: FirstFile }
    | {
        readonly kind: 'template';
        readonly first: FirstFile;
        readonly template: Template;
        readonly remakes: number;
      }
    | { readonly kind: 'write' };
}

/** The first file of a shape, which each of its templates must give back. */
interface FirstFile {
  readonly leaves: readonly string[];
  readonly text: string;
}

/**
 * Times a shape's template is made again with fewer constant leaves (a leaf both of its first two
 * files had, say their service's name, differing in a later one), before none is kept constant.
 */
const remakesBeforeNoConstants = 3;

/** The shapes one run's files have shown, by a hash of their outline. */
type YamlShapes = Map<number, Shape[]>;

/**
 * What writing a run's YAML keeps from one file to the next: the line beginnings of the keys it
 * has written and the shapes its files have shown. Create one per run and pass it to every file.
 */
export interface YamlCaches {
  readonly lineStarts: LineStarts;
  readonly shapes: YamlShapes;
}

export function yamlCaches(): YamlCaches {
  return { lineStarts: new LineStarts(), shapes: new Map() };
}

/** How a file is written; the caches supply the line beginnings. */
export type ShapedYamlOptions = Omit<YamlOptions, 'lineStarts'>;

/** Shapes kept per outline hash: catalogs of many shapes alike in outline try only a few each. */
const shapesPerBucket = 4;

/** toYamlDocuments(documents, options), from the template of its shape once the run has seen it. */
export function shapedYamlDocuments(
  documents: readonly unknown[],
  shapedOptions: ShapedYamlOptions,
  caches: YamlCaches,
): string {
  const { shapes } = caches;
  const options: YamlOptions = { ...shapedOptions, lineStarts: caches.lineStarts };
  const bucket = outlineHash(documents, 0);
  const layout = layoutOf(options);
  const candidates = shapes.get(bucket) ?? [];
  for (let i = 0; i < candidates.length; i++) {
    const shape = candidates[i] as Shape;
    if (shape.layout !== layout || matches(shape.skeleton, documents, shape.leaves, 0) < 0) continue;
    // The shape matched first next time: a run's files of one shape tend to come together.
    if (i > 0) candidates.unshift(...candidates.splice(i, 1));
    const text = shapeText(shape, shape.leaves, options);
    return text ?? toYamlDocuments(documents, options);
  }
  const text = toYamlDocuments(documents, options);
  const leaves: string[] = [];
  const skeleton = skeletonOf(documents, leaves);
  if (skeleton === null) return text;
  // Last in line, and the first to go: files that keep starting shapes (a ConfigMap keyed by its
  // service's file name) then never push out the shapes that match.
  if (candidates.length === shapesPerBucket) candidates.pop();
  candidates.push({
    layout,
    skeleton,
    leaves: [...leaves],
    state: { kind: 'seen', first: { leaves, text } },
  });
  shapes.set(bucket, candidates);
  return text;
}

/** The options a file's text depends on. */
function layoutOf(options: YamlOptions): string {
  return `${options.header !== false} ${options.keepKeyOrder === true} ${options.depth ?? 0}`;
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 16777619);
}

/** Key counts and list lengths of the first levels: alike for files of one shape, cheap to take. */
function outlineHash(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return 1;
  if (Array.isArray(value)) {
    let hash = mix(2166136261, value.length);
    if (depth < 3) for (const item of value) hash = mix(hash, outlineHash(item, depth + 1));
    return hash;
  }
  let hash = 374761393;
  for (const key in value) hash = mix(hash, key.length);
  return hash;
}

function isPlainMap(value: object): value is Readonly<Record<string, unknown>> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The skeleton of `value`, its string leaves pushed to `leaves`; null for data only the writer takes (class instances). */
function skeletonOf(value: unknown, leaves: string[]): Skeleton | null {
  if (typeof value === 'string') {
    leaves.push(value);
    return { kind: 'string' };
  }
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined
      ? { kind: 'other', value }
      : null;
  }
  if (Array.isArray(value)) {
    const items: Skeleton[] = [];
    for (const item of value) {
      const skeleton = skeletonOf(item, leaves);
      if (skeleton === null) return null;
      items.push(skeleton);
    }
    return { kind: 'list', items };
  }
  if (!isPlainMap(value)) return null;
  const keys: string[] = [];
  const children: Skeleton[] = [];
  for (const key in value) {
    const child = skeletonOf(value[key], leaves);
    if (child === null) return null;
    keys.push(key);
    children.push(child);
  }
  return { kind: 'map', keys, children };
}

/**
 * Whether `value` has the skeleton: the same keys in the same order (so the same emit order, in
 * either key order), lists of the same lengths, the same numbers, booleans and nulls. Its string
 * leaves are written to `leaves` from `at` on; the index after them, or -1 when it does not match.
 */
function matches(skeleton: Skeleton, value: unknown, leaves: string[], at: number): number {
  switch (skeleton.kind) {
    case 'string':
      if (typeof value !== 'string') return -1;
      leaves[at] = value;
      return at + 1;
    case 'other':
      return Object.is(skeleton.value, value) ? at : -1;
    case 'list': {
      const { items } = skeleton;
      if (!Array.isArray(value) || value.length !== items.length) return -1;
      let next = at;
      for (let i = 0; i < items.length && next >= 0; i++)
        next = matches(items[i] as Skeleton, value[i], leaves, next);
      return next;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainMap(value))
        return -1;
      const { keys, children } = skeleton;
      let i = 0;
      let next = at;
      for (const key in value) {
        if (key !== keys[i]) return -1;
        next = matches(children[i] as Skeleton, value[key], leaves, next);
        if (next < 0) return -1;
        i++;
      }
      return i === keys.length ? next : -1;
    }
  }
}

/** The file's text from its shape's template (made on the shape's second file); null: write it. */
function shapeText(shape: Shape, leaves: readonly string[], options: YamlOptions): string | null {
  const { state } = shape;
  if (state.kind === 'write') return null;
  if (state.kind === 'seen' || !constantsHold(state.template, leaves)) {
    const remakes = state.kind === 'seen' ? 0 : state.remakes + 1;
    const constants =
      remakes > remakesBeforeNoConstants
        ? state.first.leaves.map(() => null)
        : state.first.leaves.map((leaf, i) => (leaf === leaves[i] && keptBefore(state, i) ? leaf : null));
    const template = checkedTemplate(shape.skeleton, state.first, constants, options);
    shape.state = template ? { kind: 'template', first: state.first, template, remakes } : { kind: 'write' };
    if (!template) return null;
  }
  return shape.state.kind === 'template' ? filled(shape.state.template, leaves) : null;
}

/** Whether leaf `index` was constant in the shape's template so far (every leaf is, before one is made). */
function keptBefore(state: Shape['state'], index: number): boolean {
  return state.kind !== 'template' || state.template.constants[index] !== null;
}

function constantsHold(template: Template, leaves: readonly string[]): boolean {
  const { constants } = template;
  for (let i = 0; i < constants.length; i++) {
    const constant = constants[i];
    if (constant !== null && constant !== leaves[i]) return false;
  }
  return true;
}

/** The marker standing for leaf `index`: plain in YAML, so written as it is. */
function marker(index: number): string {
  return `_obsgen~leaf~${index}~`;
}

const markerPattern = /_obsgen~leaf~(\d+)~/g;

/**
 * The template of a shape whose first file was `first`: the `constants` kept in the text, the
 * other leaves marked. Null unless filling it with the first file's strings gives its text.
 */
function checkedTemplate(
  skeleton: Skeleton,
  first: FirstFile,
  constants: readonly (string | null)[],
  options: YamlOptions,
): Template | null {
  const counter = { next: 0 };
  const marked = markedValue(skeleton, constants, counter);
  const text = toYamlDocuments(marked as readonly unknown[], options);
  const literals: string[] = [];
  const slots: number[] = [];
  let from = 0;
  for (const match of text.matchAll(markerPattern)) {
    literals.push(text.slice(from, match.index));
    slots.push(Number(match[1]));
    from = match.index + match[0].length;
  }
  literals.push(text.slice(from));
  // A key or kept string holding a marker's text would be cut too: then the writer writes.
  if (slots.length !== counter.next - constants.filter((c) => c !== null).length) return null;
  const firstSlot = new Map<string, number>();
  const sameAs = slots.map((leaf, k) => {
    const text = first.leaves[leaf] as string;
    const earlier = firstSlot.get(text);
    if (earlier === undefined) firstSlot.set(text, k);
    return earlier ?? -1;
  });
  const template = { literals, slots, constants, sameAs, texts: new Array<string>(slots.length) };
  return filled(template, first.leaves) === first.text ? template : null;
}

/** The skeleton as data again, each varying leaf its marker and each constant one its string. */
function markedValue(
  skeleton: Skeleton,
  constants: readonly (string | null)[],
  counter: { next: number },
): unknown {
  switch (skeleton.kind) {
    case 'string': {
      const index = counter.next++;
      return constants[index] ?? marker(index);
    }
    case 'other':
      return skeleton.value;
    case 'list':
      return skeleton.items.map((item) => markedValue(item, constants, counter));
    case 'map': {
      const map: Record<string, unknown> = {};
      skeleton.keys.forEach((key, i) => {
        map[key] = markedValue(skeleton.children[i] as Skeleton, constants, counter);
      });
      return map;
    }
  }
}

/** The template with `leaves` put in (its constants hold); null when a leaf's text depends on its place. */
function filled(template: Template, leaves: readonly string[]): string | null {
  const { literals, slots } = template;
  const { sameAs, texts } = template;
  const pieces = new Array<string>(slots.length + 1);
  for (let k = 0; k < slots.length; k++) {
    const leaf = leaves[slots[k] as number] as string;
    const same = sameAs[k] as number;
    const text =
      same >= 0 && leaf === leaves[slots[same] as number] ? (texts[same] as string) : placeFreeText(leaf);
    if (text === null) return null;
    texts[k] = text;
    // One piece with the literal before it, as the writer joins its lines (see YamlWriter.value).
    pieces[k] = (literals[k] as string) + text;
  }
  pieces[slots.length] = literals[slots.length] as string;
  return pieces.join('');
}
