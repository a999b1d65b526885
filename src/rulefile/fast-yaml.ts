// Reads YAML documents with js-yaml (an order of magnitude faster than the positional `yaml` parse on large
// rule files) into the loader's tree, keeping where each node starts through js-yaml's node listener.
// Anything it cannot place exactly (anchors, aliases, tags, complex keys, keys the core schema makes
// equal) returns null, and the caller uses the positional parse: this path may only be faster, never different.
import { FAILSAFE_SCHEMA, loadAll, type State } from 'js-yaml';
import { rangeOffsets, type ScalarOffsets } from '../yaml/scalar-offsets.ts';
import {
  type ScalarStyle,
  type TreeMap,
  type TreeNode,
  type TreePair,
  type TreeScalar,
  type TreeSeq,
  unknownOffset,
} from './yaml-tree.ts';

/** What a core-schema null, boolean or number can start with; any other plain scalar is a string. */
const nonStringStart = /^(?:$|[~nNtTfF0-9+\-.])/;

/**
 * A plain scalar as YAML 1.2's core schema resolves it, the tags tried in the positional parser's order
 * (null, bool, octal, decimal and hex ints, .inf/.nan, exponent and fixed floats); anything else is a string.
 * Written out rather than taken from the `yaml` library so a clean file never loads it.
 */
export function resolvePlain(raw: string): unknown {
  if (!nonStringStart.test(raw)) return raw;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (/^0o[0-7]+$/.test(raw)) return Number.parseInt(raw.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return Number.parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return Number.parseInt(raw.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
    if (raw.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw)) return Number.parseFloat(raw);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return Number.parseFloat(raw);
  return raw;
}

/** js-yaml's reader state; its typings leave out the node properties the listener checks. */
type ListenerState = State & { readonly tag: string | null; readonly anchor: string | null };

/** Thrown from the listener to stop reading as soon as the fast path cannot be exact. */
class Unsupported extends Error {}

/**
 * The nodes js-yaml is reading, innermost last (two stacks, not an object per node: a large file has
 * hundreds of thousands): where each began, and for a mapping the key scalars stored so far.
 */
class Reader {
  readonly opens: number[] = [];
  readonly keys: (FastScalar[] | null)[] = [];
  constructor(readonly text: string) {}
}

/** A scalar as js-yaml hands it on: js-yaml turns mapping keys into strings with String(), see toString. */
class FastScalar implements TreeScalar {
  readonly kind = 'scalar';
  #computed: ScalarOffsets | null | undefined;
  constructor(
    private readonly reader: Reader,
    readonly value: unknown,
    /** The text js-yaml read, before the core schema resolved it. */
    readonly raw: string,
    readonly style: ScalarStyle,
    readonly start: number,
    /** Where js-yaml stopped reading the scalar. */
    private readonly stop: number,
  ) {}

  /**
   * js-yaml stores a pair under String(key) while the mapping's node is the innermost one being read:
   * the mapping keeps the key scalar itself, and the plain text keeps objects' shapes shared.
   */
  toString(): string {
    // yaml rejects an implicit key longer than 1024 characters; js-yaml does not.
    if (this.stop - this.start > 1000) throw new Unsupported();
    const { keys } = this.reader;
    const top = keys.length - 1;
    if (top >= 0) {
      const stored = keys[top];
      if (stored) stored.push(this);
      else keys[top] = [this];
    }
    return this.raw;
  }

  get source(): string {
    return this.raw;
  }

  offsets(): ScalarOffsets | null | undefined {
    if (this.#computed !== undefined) return this.#computed;
    if (typeof this.value !== 'string') return null; // a number or boolean: no offsets, as in the positional parse
    const { text } = this.reader;
    const end = valueEnd(text, this.style, this.start, this.stop);
    // A decoding that does not give back the value means the end was guessed wrong: ask the positional parse.
    this.#computed =
      end === undefined
        ? undefined
        : (rangeOffsets(text, this.start, end, this.style, this.value) ?? undefined);
    return this.#computed;
  }
}

// Not '[object Object]' for js-yaml's key check, so a key scalar goes through toString (a prototype
// property rather than a getter: js-yaml asks for every key).
Object.defineProperty(FastScalar.prototype, Symbol.toStringTag, { value: 'FastScalar' });

/** An empty value (`key:` with nothing after it): the fast path does not know where yaml places it. */
const emptyScalar: TreeScalar = {
  kind: 'scalar',
  value: null,
  style: 'PLAIN',
  start: unknownOffset,
  offsets: () => undefined,
};

function entry(node: unknown): TreeNode {
  if (node === null || node === undefined) return emptyScalar;
  if (node instanceof FastScalar || node instanceof FastMap || node instanceof FastSeq) return node;
  throw new Unsupported();
}

/** Every document of `text`, or null when js-yaml rejects it or the tree could not be exact. */
export function fastTrees(text: string): (TreeNode | null)[] | null {
  if (text.charCodeAt(0) === 0xfeff) return null; // js-yaml drops the BOM, which would shift every offset
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return null; // a lone CR breaks lines for js-yaml only
  if (text.includes('\t') && /(^|\n) *\t/.test(text)) return null; // tabs in indentation: the parsers differ
  if (text.includes('%') && /(^|\n)%/.test(text)) return null; // directives (`%YAML 1.1` changes the schema)
  const reader = new Reader(text);
  const { opens, keys } = reader;
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      opens.push(state.position);
      keys.push(null);
      return;
    }
    const open = opens.pop();
    const mapKeys = keys.pop();
    if (open === undefined || mapKeys === undefined) throw new Unsupported();
    if (state.anchor !== null || (state.tag !== null && state.tag !== '?')) throw new Unsupported();
    const result: unknown = state.result;
    if (typeof result === 'string') {
      const start = skipSeparation(text, open);
      const style = styleAt(text, start);
      if ((style === 'PLAIN') !== (state.tag === '?')) throw new Unsupported();
      // `|+` / `>+` keep trailing lines, where the two parsers disagree on a last line of blanks.
      if (style !== 'PLAIN' && style !== 'QUOTE_SINGLE' && style !== 'QUOTE_DOUBLE') {
        if (keepsTrailingLines(text, start)) throw new Unsupported();
      } else if (!continuationsIndented(text, start, state.position)) {
        // yaml rejects a line of a flow scalar that is not indented past its key's line; js-yaml does not.
        throw new Unsupported();
      }
      const value = style === 'PLAIN' ? resolvePlain(result) : result;
      state.result = new FastScalar(reader, value, result, style, start, state.position);
    } else if (Array.isArray(result)) {
      if (mapKeys !== null) throw new Unsupported(); // `[a: b]`: a mapping without a node of its own
      state.result = new FastSeq(flowStart(text, open, state.position), result.map(entry));
    } else if (
      result !== null &&
      typeof result === 'object' &&
      Object.getPrototypeOf(result) === Object.prototype
    ) {
      state.result = fastMap(text, open, mapKeys ?? [], result as Record<string, unknown>, state.position);
    }
  };
  try {
    const documents: (TreeNode | null)[] = [];
    loadAll(text, (doc) => documents.push(doc === null || doc === undefined ? null : entry(doc)), {
      schema: FAILSAFE_SCHEMA,
      listener(event, state) {
        listener(event, state as ListenerState);
      },
    });
    return documents;
  } catch {
    return null;
  }
}

function fastMap(
  text: string,
  open: number,
  keys: readonly FastScalar[],
  result: Record<string, unknown>,
  stop: number,
): FastMap {
  const pairs: { readonly key: FastScalar; readonly value: TreeNode }[] = [];
  for (const key of keys) {
    // yaml's uniqueKeys compares resolved values: `1` and `01` are the same key there.
    if (key.raw === '__proto__') throw new Unsupported();
    for (const pair of pairs) if (pair.key.value === key.value) throw new Unsupported();
    pairs.push({ key, value: entry(result[key.raw]) });
  }
  // Every stored pair came from one of those keys (an empty key is stored as "null" without one).
  let stored = 0;
  for (const _ in result) stored++;
  if (stored !== pairs.length) throw new Unsupported();
  return new FastMap(flowStart(text, open, stop), pairs);
}

class FastMap implements TreeMap {
  readonly kind = 'map';
  constructor(
    readonly start: number,
    readonly pairs: readonly TreePair[],
  ) {}
}

class FastSeq implements TreeSeq {
  readonly kind = 'seq';
  constructor(
    readonly start: number,
    readonly items: readonly (TreeNode | null)[],
  ) {}
}

/** A collection's start; a flow one (`{`, `[`) must stay indented past its first line, as for scalars. */
function flowStart(text: string, open: number, stop: number): number {
  const start = skipSeparation(text, open);
  const c = text[start];
  if ((c === '{' || c === '[') && !continuationsIndented(text, start, stop)) throw new Unsupported();
  return start;
}

/** Past blanks, line breaks and comments: where js-yaml's node actually begins. */
function skipSeparation(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else return i;
  }
}

function styleAt(text: string, start: number): ScalarStyle {
  switch (text[start]) {
    case '|':
      return 'BLOCK_LITERAL';
    case '>':
      return 'BLOCK_FOLDED';
    case '"':
      return 'QUOTE_DOUBLE';
    case "'":
      return 'QUOTE_SINGLE';
    default:
      return 'PLAIN';
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The end of a scalar's value as the positional parse puts it (`range[1]`), from where js-yaml stopped:
 * a plain scalar ends at its last non-blank character, a quoted one after its closing quote, a block
 * scalar after the line break of its last content line (`|+` / `>+` never get here).
 */
function valueEnd(text: string, style: ScalarStyle, start: number, stop: number): number | undefined {
  const limit = Math.min(stop, text.length);
  if (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE') return limit;
  let last = limit - 1;
  while (last > start && isSpace(text.charCodeAt(last))) last--;
  if (style === 'PLAIN') return last + 1;
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || last <= headerEnd) return undefined; // no content: rare, left to the positional parse
  const lineEnd = text.indexOf('\n', last);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

function keepsTrailingLines(text: string, start: number): boolean {
  let i = start + 1;
  while (i < text.length && '+-0123456789'.includes(text[i] ?? ' ')) i++;
  return text.slice(start + 1, i).includes('+');
}

/** Every line after the first of [start, end) that holds more than blanks is indented past the first line. */
function continuationsIndented(text: string, start: number, end: number): boolean {
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0 || lineEnd >= end) return true;
  const firstLine = text.lastIndexOf('\n', start - 1) + 1;
  let indent = 0;
  while (text.charCodeAt(firstLine + indent) === 0x20) indent++;
  while (lineEnd >= 0 && lineEnd < end) {
    let i = lineEnd + 1;
    while (text.charCodeAt(i) === 0x20) i++;
    const c = text.charCodeAt(i);
    const blank = c === 0x0a || c === 0x0d || c === 0x09 || i >= text.length;
    const lineIndent = i - lineEnd - 1;
    // A closing `}` or `]` may sit at the first line's indentation, as yaml allows.
    const closing = (c === 0x7d || c === 0x5d) && lineIndent === indent;
    if (!blank && !closing && lineIndent <= indent) return false;
    lineEnd = text.indexOf('\n', i);
  }
  return true;
}
