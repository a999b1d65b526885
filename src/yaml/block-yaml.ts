// Reads the plain block YAML a large catalog is written in: nested mappings and sequences, one-line
// plain and quoted scalars, comments. Its value is what js-yaml's `load` with the core schema gives,
// a few times faster. Anything else (flow collections, block scalars, anchors, aliases, tags,
// multi-line scalars, escapes, duplicate keys, odd indentation) returns null and the caller asks
// js-yaml, which also words every error: this path may only be faster, never different.

import type { Type } from 'js-yaml';
import * as jsYaml from 'js-yaml';

/** js-yaml's own core-schema resolvers (exported as `types`, which its typings leave out), in the core schema's order. */
const { types } = jsYaml as unknown as {
  readonly types: Readonly<Record<'null' | 'bool' | 'int' | 'float', Type>>;
};
const coreImplicitTypes: readonly Type[] = [types.null, types.bool, types.int, types.float];

/** First characters of a plain scalar the core schema may read as null, a boolean or a number. */
const maybeNotString = new Uint8Array(128);
for (const c of '~nNtTfF0123456789+-.') maybeNotString[c.charCodeAt(0)] = 1;

/** Characters that cannot start a plain scalar (js-yaml's readPlainScalar), besides blanks. */
const notPlainStart = new Uint8Array(128);
for (const c of ',[]{}#&*!|>\'"%@`') notPlainStart[c.charCodeAt(0)] = 1;

const space = 0x20;
const newline = 0x0a;
const colon = 0x3a;
const hash = 0x23;
const dash = 0x2d;
const doubleQuote = 0x22;
const singleQuote = 0x27;

/** Deeper than this is left to js-yaml, which has its own limit (maxDepth 100). */
const maxDepth = 40;

/** Thrown where the text leaves the subset this reader knows. */
class NotPlainBlock extends Error {}

/** How a plain scalar's scan ended. */
type Stop = 'line-end' | 'comment' | 'colon';

/** The text's value, or null when it is not plain block YAML with a mapping at its root. */
export function readPlainBlockYaml(text: string): { readonly value: Record<string, unknown> } | null {
  if (!plainBlockCandidate(text)) return null;
  try {
    const reader = new BlockReader(text);
    reader.skipToContent(0);
    if (reader.indent !== 0 || reader.atSequenceEntry()) return null;
    const value = reader.mapping(0, 0);
    return reader.atEnd() ? { value } : null;
  } catch (error) {
    if (error instanceof NotPlainBlock) return null;
    throw error;
  }
}

/** What rules the whole text out at once: a BOM, CR, tab or NUL (js-yaml refuses one anywhere), several documents. */
function plainBlockCandidate(text: string): boolean {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\r') || text.includes('\t') || text.includes('\0'))
    return false;
  return !/(?:^|\n)(?:---|\.\.\.)/.test(text);
}

/** The indent of the end of the text: below every node's, so every open node closes there. */
const endOfText = -1;

class BlockReader {
  readonly #text: string;
  /** Where the current node's content starts (the first character after its indent, or after `- `). */
  at = 0;
  /** The column of `at`; endOfText past the last content line. */
  indent = 0;
  /** Set by scanPlain: how the scan ended and where reading goes on. */
  #stop: Stop = 'line-end';
  #next = 0;

  constructor(text: string) {
    this.#text = text;
  }

  /** From the start of a line, past blank and comment lines to the next content. */
  skipToContent(lineStart: number): void {
    const text = this.#text;
    let start = lineStart;
    while (start < text.length) {
      let i = start;
      while (text.charCodeAt(i) === space) i++;
      const c = text.charCodeAt(i);
      if (i >= text.length) break;
      if (c === newline || c === hash) {
        const end = text.indexOf('\n', i);
        if (end < 0) break;
        start = end + 1;
        continue;
      }
      this.at = i;
      this.indent = i - start;
      return;
    }
    this.at = text.length;
    this.indent = endOfText;
  }

  atEnd(): boolean {
    return this.indent === endOfText;
  }

  atSequenceEntry(): boolean {
    return this.#text.charCodeAt(this.at) === dash && this.#blankOrEnd(this.at + 1);
  }

  /** A block mapping whose keys sit at column `indent`; its first key is at `at`. */
  mapping(indent: number, depth: number): Record<string, unknown> {
    this.#enter(depth);
    const map: Record<string, unknown> = {};
    while (this.indent >= indent) {
      if (this.indent > indent) throw new NotPlainBlock();
      if (this.atSequenceEntry()) break;
      const key = this.#key();
      // js-yaml refuses a duplicate key and stores __proto__ its own way.
      if (key === '__proto__' || Object.hasOwn(map, key)) throw new NotPlainBlock();
      map[key] = this.#valueAfterKey(indent, depth);
    }
    return map;
  }

  /** A block sequence whose `-` sit at column `indent`; the first is at `at`. */
  sequence(indent: number, depth: number): unknown[] {
    this.#enter(depth);
    const items: unknown[] = [];
    while (this.indent >= indent) {
      if (this.indent > indent) throw new NotPlainBlock();
      if (!this.atSequenceEntry()) break;
      const content = this.#skipSpaces(this.at + 1);
      if (this.#lineRest(content)) {
        this.#nextLine(content);
        items.push(this.indent > indent ? this.#nested(depth) : null);
      } else if (this.#text.charCodeAt(content) === dash && this.#blankOrEnd(content + 1)) {
        throw new NotPlainBlock(); // `- - x`
      } else if (this.#startsKey(content)) {
        const column = indent + content - this.at;
        this.at = content;
        this.indent = column;
        items.push(this.mapping(column, depth + 1));
      } else {
        items.push(this.#scalar(content));
      }
    }
    return items;
  }

  #enter(depth: number): void {
    if (depth > maxDepth) throw new NotPlainBlock();
  }

  /** The collection starting at `at` on a line of its own. */
  #nested(depth: number): unknown {
    return this.atSequenceEntry()
      ? this.sequence(this.indent, depth + 1)
      : this.mapping(this.indent, depth + 1);
  }

  /** A plain key at `at`, as js-yaml stores it (the resolved scalar, as a string); reading goes on after its colon. */
  #key(): string {
    if (!this.#plainStart(this.at)) throw new NotPlainBlock();
    const end = this.#scanPlain(this.at);
    if (this.#stop !== 'colon') throw new NotPlainBlock();
    return String(resolvePlain(this.#text.slice(this.at, end)));
  }

  #valueAfterKey(indent: number, depth: number): unknown {
    const content = this.#skipSpaces(this.#next);
    if (!this.#lineRest(content)) return this.#scalar(content);
    this.#nextLine(content);
    if (this.indent > indent) return this.#nested(depth);
    // A sequence may sit at its key's own indent.
    if (this.indent === indent && this.atSequenceEntry()) return this.sequence(indent, depth + 1);
    return null;
  }

  /** A one-line scalar at `content`, the only thing left on its line; reading goes on at the next content. */
  #scalar(content: number): unknown {
    const text = this.#text;
    const c = text.charCodeAt(content);
    if (c === doubleQuote) return this.#afterQuoted(this.#doubleQuoted(content));
    if (c === singleQuote) return this.#afterQuoted(this.#singleQuoted(content));
    if (!this.#plainStart(content)) throw new NotPlainBlock();
    const end = this.#scanPlain(content);
    if (this.#stop === 'colon') throw new NotPlainBlock();
    const value = resolvePlain(text.slice(content, end));
    this.#nextLine(this.#next);
    return value;
  }

  /** `"..."` without escapes on one line; #next is after the closing quote. */
  #doubleQuoted(open: number): string {
    const text = this.#text;
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === doubleQuote) {
        this.#next = i + 1;
        return text.slice(open + 1, i);
      }
      if (c === 0x5c || c === newline || !printable(text, i, c)) throw new NotPlainBlock();
    }
    throw new NotPlainBlock();
  }

  /** `'...'` on one line, `''` standing for `'`; #next is after the closing quote. */
  #singleQuoted(open: number): string {
    const text = this.#text;
    let value = '';
    let from = open + 1;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === newline || !printable(text, i, c)) break;
      if (c !== singleQuote) continue;
      value += text.slice(from, i);
      if (text.charCodeAt(i + 1) !== singleQuote) {
        this.#next = i + 1;
        return value;
      }
      value += "'";
      from = i + 2;
      i++;
    }
    throw new NotPlainBlock();
  }

  /** After a quoted scalar only blanks and a comment may follow on its line. */
  #afterQuoted(value: string): string {
    const rest = this.#skipSpaces(this.#next);
    const c = this.#text.charCodeAt(rest);
    if (c === hash ? rest === this.#next : !this.#blankOrEnd(rest)) throw new NotPlainBlock();
    this.#nextLine(rest);
    return value;
  }

  /** js-yaml's test for a plain scalar's first character, outside flow collections. */
  #plainStart(at: number): boolean {
    const c = this.#text.charCodeAt(at);
    if (c === space || c === newline || (c < 128 && notPlainStart[c] === 1)) return false;
    if (c === dash || c === 0x3f || c === colon) return !this.#blankOrEnd(at + 1);
    return true;
  }

  /**
   * A plain scalar on one line from `start`: ends at the line's end, at ` #`, or at a `:` before a
   * blank. Returns the end of its text without trailing blanks; sets #stop and #next.
   */
  #scanPlain(start: number): number {
    const text = this.#text;
    let end = start;
    for (let i = start; ; i++) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === newline) {
        this.#stop = 'line-end';
        this.#next = i;
        return end;
      }
      if (c === colon && this.#blankOrEnd(i + 1)) {
        this.#stop = 'colon';
        this.#next = i + 1;
        return end;
      }
      if (c === hash && text.charCodeAt(i - 1) === space) {
        this.#stop = 'comment';
        this.#next = i;
        return end;
      }
      if (c !== space) {
        if (!printable(text, i, c)) throw new NotPlainBlock();
        end = i + 1;
      }
    }
  }

  #startsKey(at: number): boolean {
    if (!this.#plainStart(at)) return false;
    this.#scanPlain(at);
    return this.#stop === 'colon';
  }

  /** Whether nothing but a comment is left on the line at `at` (past blanks). */
  #lineRest(at: number): boolean {
    const c = this.#text.charCodeAt(at);
    return at >= this.#text.length || c === newline || c === hash;
  }

  #blankOrEnd(at: number): boolean {
    const c = this.#text.charCodeAt(at);
    return at >= this.#text.length || c === space || c === newline;
  }

  #skipSpaces(from: number): number {
    let i = from;
    while (this.#text.charCodeAt(i) === space) i++;
    return i;
  }

  /** To the next content after the line holding `at`. */
  #nextLine(at: number): void {
    const end = this.#text.indexOf('\n', at);
    if (end < 0) {
      this.at = this.#text.length;
      this.indent = endOfText;
    } else this.skipToContent(end + 1);
  }
}

/**
 * Whether js-yaml takes character `c` (at `i`) into a scalar (its PATTERN_NON_PRINTABLE): no control
 * character but NEL (a tab is one here: js-yaml reads it as a blank), no lone surrogate, no U+FFFE or U+FFFF.
 */
function printable(text: string, i: number, c: number): boolean {
  if (c >= 0x20 && c < 0x7f) return true;
  if (c < 0xa0) return c === 0x85;
  if (c < 0xd800) return true;
  if (c < 0xdc00) return isLowSurrogate(text.charCodeAt(i + 1));
  if (c < 0xe000) return isHighSurrogate(text.charCodeAt(i - 1));
  return c !== 0xfffe && c !== 0xffff;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c < 0xdc00;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c < 0xe000;

/** A plain scalar as js-yaml's core schema resolves it: null, a boolean, an integer, a float, else the text. */
function resolvePlain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  if (c >= 128 || maybeNotString[c] !== 1) return raw;
  for (const type of coreImplicitTypes) if (type.resolve(raw)) return type.construct(raw);
  return raw;
}
