// YAML with source positions: every catalog problem points at the line and column of the offending
// node, so the loader keeps the parsed Document and maps value paths back to it.
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { SourcePosition } from '../problem.ts';
import { fastTrees } from '../rulefile/fast-yaml.ts';
import { type TreeNode, unknownOffset } from '../rulefile/yaml-tree.ts';
import { fileOffset, scalarOffsets } from '../yaml/scalar-offsets.ts';
import { rootStartWithoutKey } from './root-keys.ts';

export type ValuePath = readonly (string | number)[];

export interface SourceFile {
  readonly file: string;
  readonly text: string;
  /** The YAML tree with source ranges; built on first use (only needed to report positions). */
  readonly document: Document;
  readonly lines: LineCounter;
  /**
   * Where the value (or key) at a path starts, read from the js-yaml position tree without the
   * positional parse; null where that tree cannot say exactly (then the Document answers).
   */
  readonly fastPosition?: (path: ValuePath, target: 'value' | 'key') => SourcePosition | null;
  /** Overrides YAML positions, for catalogs written in TypeScript. */
  readonly locatePath?: (path: ValuePath) => SourcePosition;
  /** The same for a character of a string value. */
  readonly locateInValue?: (path: ValuePath, valueOffset: number) => SourcePosition;
}

export function parseYamlSource(file: string, text: string): SourceFile {
  let parsed: { document: Document; lines: LineCounter } | null = null;
  const ensure = () => {
    if (!parsed) {
      const lines = new LineCounter();
      parsed = {
        lines,
        document: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }),
      };
    }
    return parsed;
  };
  let fast: { root: TreeNode | null; lineStarts: number[] } | null | undefined;
  const fastTree = () => {
    if (fast === undefined) {
      const trees = fastTrees(text);
      fast = trees?.length === 1 ? { root: trees[0] ?? null, lineStarts: lineStartsOf(text) } : null;
    }
    return fast;
  };
  return {
    file,
    text,
    get document() {
      return ensure().document;
    },
    get lines() {
      return ensure().lines;
    },
    // A large catalog with one warning would otherwise pay the positional parse for its position.
    fastPosition: (path, target) => {
      if (parsed) return null;
      const [first] = path;
      const rootStart =
        fast === undefined && typeof first === 'string' ? rootStartWithoutKey(text, first) : null;
      if (rootStart !== null) return linePosition(file, lineStartsOf(text), rootStart);
      const tree = fastTree();
      const offset = tree ? fastOffsetOfPath(tree.root, path, target) : null;
      return tree && offset !== null ? linePosition(file, tree.lineStarts, offset) : null;
    },
  };
}

/** What yaml's LineCounter answers: 1-based line and column, lines ending at each newline. */
function linePosition(file: string, lineStarts: readonly number[], offset: number): SourcePosition {
  let low = 0;
  let high = lineStarts.length;
  while (low + 1 < high) {
    const mid = (low + high) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid;
  }
  return { file, line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** positionOfPath's walk over the js-yaml tree; null at any node whose offset it does not know. */
function fastOffsetOfPath(root: TreeNode | null, path: ValuePath, target: 'value' | 'key'): number | null {
  const known = (node: TreeNode | null): number | null =>
    node === null || node.start === unknownOffset ? null : node.start;
  let node = root;
  let best = known(node);
  if (best === null) return null;
  for (const segment of path) {
    const step = fastChildOf(node, segment);
    if (step === undefined) break;
    if (step === null) return null;
    node = step.value;
    const offset = target === 'key' && step.key ? known(step.key) : known(node);
    if (offset === null) return null;
    best = offset;
  }
  return best;
}

/** childOf over the js-yaml tree: undefined when there is no such child, null when it cannot tell. */
function fastChildOf(
  node: TreeNode | null,
  segment: string | number,
): { key: TreeNode | null; value: TreeNode | null } | null | undefined {
  if (node?.kind === 'map') {
    for (const pair of node.pairs) {
      if (pair.key?.kind !== 'scalar') return null;
      if (String(pair.key.value) === String(segment)) return pair;
    }
    return undefined;
  }
  if (node?.kind === 'seq' && typeof segment === 'number') {
    const value = node.items[segment];
    return value === undefined ? undefined : { key: null, value };
  }
  return node === null || node.kind === 'other' ? null : undefined;
}

export function positionOfOffset(source: SourceFile, offset: number): SourcePosition {
  const { line, col } = source.lines.linePos(offset);
  return { file: source.file, line, column: col };
}

/** Where the value at `path` starts; falls back to the nearest existing ancestor. */
export function positionOfPath(
  source: SourceFile,
  path: ValuePath,
  target: 'value' | 'key' = 'value',
): SourcePosition {
  if (source.locatePath) return source.locatePath(path);
  const fast = source.fastPosition?.(path, target);
  if (fast) return fast;
  let node: unknown = source.document.contents;
  let keyNode: unknown = null;
  let best = offsetOf(node) ?? 0;
  for (const segment of path) {
    const step = childOf(node, segment);
    if (!step) break;
    node = step.value;
    keyNode = step.key;
    best = offsetOf(target === 'key' && keyNode ? keyNode : node) ?? offsetOf(keyNode) ?? best;
  }
  return positionOfOffset(source, best);
}

/**
 * Where character `valueOffset` of the string at `path` is written, e.g. the character a PromQL
 * parse error names, inside a quoted, escaped, plain or block scalar; the value's start when the
 * scalar cannot be mapped.
 */
export function positionInValue(source: SourceFile, path: ValuePath, valueOffset: number): SourcePosition {
  if (source.locateInValue) return source.locateInValue(path, valueOffset);
  const node = nodeAtPath(source, path);
  const map = isScalar(node) ? scalarOffsets(source.text, node) : null;
  return map ? positionOfOffset(source, fileOffset(map, valueOffset)) : positionOfPath(source, path);
}

/** The node at `path` (exact), for callers that need its range, e.g. to map expression offsets. */
export function nodeAtPath(source: SourceFile, path: ValuePath): Node | null {
  let node: unknown = source.document.contents;
  for (const segment of path) {
    const step = childOf(node, segment);
    if (!step) return null;
    node = step.value;
  }
  return isNodeLike(node) ? node : null;
}

interface Step {
  readonly key: unknown;
  readonly value: unknown;
}

function childOf(node: unknown, segment: string | number): Step | null {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && keyText(item.key) === String(segment)) return { key: item.key, value: item.value };
    }
    return null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value === undefined ? null : { key: null, value };
  }
  return null;
}

function keyText(key: unknown): string | null {
  if (isScalar(key)) return String(key.value);
  return null;
}

function isNodeLike(node: unknown): node is Node {
  return isScalar(node) || isMap(node) || isSeq(node);
}

function offsetOf(node: unknown): number | null {
  if (isNodeLike(node) && node.range) return node.range[0];
  return null;
}

/**
 * A TypeScript catalog (`catalog.ts`) has no YAML tree: a value path is found by searching the text
 * for each key in turn (`services`, then `cloudviz`, then `team`), which lands on the property a
 * person would look at.
 */
export function typescriptSource(file: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): SourcePosition => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? 0) <= offset) line++;
    return { file, line: line + 1, column: offset - (lineStarts[line] ?? 0) + 1 };
  };
  /** Offset of the key of the last segment found, where the text after it begins, and whether every segment was found. */
  const keyOffset = (path: ValuePath): { found: number; after: number; complete: boolean } => {
    let from = 0;
    let found = 0;
    for (const segment of path) {
      if (typeof segment === 'number') continue;
      const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const key = new RegExp(`(?:^|[\\s{,])(["']?)${escaped}\\1\\s*:`, 'g');
      key.lastIndex = from;
      const match = key.exec(text);
      if (!match) return { found, after: from, complete: false };
      found = match.index + match[0].search(/["'\w$-]/);
      from = key.lastIndex;
    }
    return { found, after: from, complete: true };
  };
  const locatePath = (path: ValuePath): SourcePosition => position(keyOffset(path).found);
  // A string literal without escapes holds its value verbatim, one character per character. Array
  // indices are not searched for, so a value below one stays at its key.
  const locateInValue = (path: ValuePath, valueOffset: number): SourcePosition => {
    const { found, after, complete } = keyOffset(path);
    const literal = /^\s*(['"`])/.exec(text.slice(after));
    if (!complete || path.some((s) => typeof s === 'number') || !literal?.[1]) return position(found);
    const open = after + literal[0].length;
    const close = text.indexOf(literal[1], open);
    const body = close < 0 ? '' : text.slice(open, close);
    if (close < 0 || body.includes('\\') || body.includes('${')) return position(found);
    return position(open + Math.max(0, Math.min(Math.trunc(valueOffset), body.length)));
  };
  const unavailable = (): never => {
    throw new Error('a TypeScript catalog has no YAML document');
  };
  return {
    file,
    text,
    get document() {
      return unavailable();
    },
    get lines() {
      return unavailable();
    },
    locatePath,
    locateInValue,
  };
}
