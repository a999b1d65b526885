// The few YAML node shapes the rule-file loader reads, with source offsets. Two builders produce them: the
// positional `yaml` parse (exact, slow) and the js-yaml fast path (src/rulefile/fast-yaml.ts), so the
// loader's checks run the same code on both.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node, Scalar } from 'yaml';
import { type ScalarOffsets, type ScalarStyle, scalarOffsets } from '../yaml/scalar-offsets.ts';

const require = createRequire(import.meta.url);

/**
 * The positional `yaml` library, loaded on first use: a clean rule file never needs it, and loading
 * its many modules is a good part of a short lint run.
 */
export function yamlLibrary(): typeof Yaml {
  return require('yaml') as typeof Yaml;
}

export type { ScalarStyle };

/** Offset the fast path does not know (e.g. where an empty value sits): ask the positional parse. */
export const unknownOffset = -1;

export interface TreeScalar {
  readonly kind: 'scalar';
  /** Resolved as YAML 1.2 core schema does: string, number, boolean or null. */
  readonly value: unknown;
  readonly style: ScalarStyle;
  /** File offset of the scalar's first character (its quote or `|` / `>`), or unknownOffset. */
  readonly start: number;
  /** File offset of every value character plus the end; null when it cannot be mapped, undefined when unknown here. */
  offsets(): ScalarOffsets | null | undefined;
  /** The text before the core schema resolved it (yaml's `source`): a plain number read as a string field. */
  readonly source?: string | undefined;
}

export interface TreePair {
  readonly key: TreeNode | null;
  readonly value: TreeNode | null;
}

export interface TreeMap {
  readonly kind: 'map';
  readonly start: number;
  readonly pairs: readonly TreePair[];
}

export interface TreeSeq {
  readonly kind: 'seq';
  readonly start: number;
  readonly items: readonly (TreeNode | null)[];
}

/** Anything else the positional parse may hold (an alias): never a value. */
export interface TreeOther {
  readonly kind: 'other';
  readonly start: number;
}

export type TreeNode = TreeScalar | TreeMap | TreeSeq | TreeOther;

function findPair(map: TreeMap, key: string): TreePair | undefined {
  for (const pair of map.pairs) {
    if (pair.key?.kind === 'scalar' && pair.key.value === key) return pair;
  }
  return undefined;
}

/** The node under the first key equal to `key`, undefined when absent or empty (yaml's `get(key, true)`). */
export function getPair(map: TreeMap, key: string): TreeNode | undefined {
  return findPair(map, key)?.value ?? undefined;
}

export function hasKey(map: TreeMap, key: string): boolean {
  return findPair(map, key) !== undefined;
}

/** A node's resolved value when it is a scalar, else the node (yaml's `get(key)` without keepScalar). */
export function scalarValue(node: TreeNode | undefined): unknown {
  if (node?.kind === 'scalar') return node.value ?? undefined;
  return node;
}

/** A `yaml` document's node as a tree; positions are exact. */
export function treeFromYaml(text: string, node: unknown): TreeNode | null {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (isScalar(node)) return yamlScalar(text, node);
  if (isMap(node)) {
    const pairs: TreePair[] = [];
    for (const item of node.items) {
      if (isPair(item))
        pairs.push({ key: treeFromYaml(text, item.key), value: treeFromYaml(text, item.value) });
    }
    return { kind: 'map', start: rangeStart(node), pairs };
  }
  if (isSeq(node)) {
    return {
      kind: 'seq',
      start: rangeStart(node),
      items: node.items.map((item) => treeFromYaml(text, item)),
    };
  }
  if (node === null || node === undefined) return null;
  const range = (node as { range?: unknown }).range;
  return { kind: 'other', start: Array.isArray(range) ? Number(range[0]) : unknownOffset };
}

function rangeStart(node: Node): number {
  return node.range ? node.range[0] : unknownOffset;
}

function yamlScalar(text: string, node: Scalar): TreeScalar {
  let computed: ScalarOffsets | null | undefined;
  return {
    kind: 'scalar',
    value: node.value,
    style: (node.type ?? 'PLAIN') as ScalarStyle,
    start: rangeStart(node),
    source: node.source,
    offsets: () => {
      if (computed === undefined) computed = scalarOffsets(text, node);
      return computed;
    },
  };
}

/** Where each line of `text` starts, for linePos. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column, as yaml's LineCounter.linePos. */
export function linePos(starts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length;
  while (low + 1 < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid;
  }
  return { line: low + 1, col: offset - (starts[low] ?? 0) + 1 };
}
