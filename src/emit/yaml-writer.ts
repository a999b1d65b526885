// A small, fast YAML writer for the plain data obsgen emits (maps, lists, strings, numbers, booleans,
// null). Generic YAML libraries build a node tree for every value; at 1,000 services that dominated
// gen's time. Scalars are written plain where YAML 1.1 and 1.2 readers (Go's yaml.v2 in Prometheus
// and Alertmanager included) read them back as the same string, quoted otherwise.

import { unprintableInYaml } from '../yaml/printable.ts';

export type YamlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

/** Words YAML 1.1 or 1.2 would read as booleans or null, and anything number-like. */
const reservedPlain =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const numberLike =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?$|^\d{4}-\d\d?-\d\d?/;
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
// Printable characters only: anything else must be escaped in a double-quoted scalar.
const unprintable = unprintableInYaml;

export function canBePlain(text: string): boolean {
  return !text.includes('\n') && !unprintable.test(text) && canBePlainLine(text);
}

/** canBePlain for a printable text without line breaks: the tests that remain. */
function canBePlainLine(text: string): boolean {
  if (text === '' || text.trim() !== text) return false;
  if (indicatorStart.test(text) && !/^[-?:][^\s,[\]{}]/.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.includes('\t')) return false;
  if (/^[-?:]/.test(text) && (text.startsWith('- ') || text.startsWith('? ') || text.startsWith(': ')))
    return false;
  if (text.startsWith('---') || text.startsWith('...')) return false;
  return !reservedPlain.test(text) && !numberLike.test(text);
}

function quoted(text: string): string {
  return quotedText(text, !text.includes('\n'), !unprintable.test(text));
}

/** `text` quoted, given whether it is one line and printable: single quotes where they suffice. */
function quotedText(text: string, oneLine: boolean, printable: boolean): string {
  if (oneLine && printable && text.includes('"') && !text.includes("'")) return `'${text}'`;
  return JSON.stringify(text);
}

/**
 * Most strings gen writes (names, label values, expressions, durations): printable ASCII from `(`,
 * `$`, `/`, `_`, a letter or a digit (none starts a YAML indicator or a `---`/`...` marker), with no
 * `: `, ` #`, trailing `:` or trailing space. One native regex pass; the alternatives are disjoint.
 */
const plainAsciiText = /^[A-Za-z_$(/0-9](?:[!-9;-~]|:(?=[^ ])| (?=[^#]))*$/;

/**
 * canBePlain's answer for text plainAsciiText accepts, with one more regex at most: a reserved word
 * (true, no, null...; none is longer than 5) after a letter, a number after a digit.
 */
export function plainAscii(text: string): boolean {
  if (!plainAsciiText.test(text)) return false;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return !numberLike.test(text);
  return text.length > 5 || !reservedPlain.test(text);
}

function scalar(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (plainAscii(value)) return value;
  return canBePlain(value) ? value : quoted(value);
}

/**
 * A string plainAscii rejects (a few per file, but some are kilobytes of JSON): a literal block,
 * plain or quoted, each of the shared tests (line breaks, unprintable characters) made once, the
 * second not at all when the caller knows the string is printable.
 */
function otherString(text: string, blockIndent: string, knownPrintable = false): string {
  const oneLine = !text.includes('\n');
  const printable = knownPrintable || !unprintable.test(text);
  if (!oneLine && printable && !text.includes('\r') && !/^[ \t]/.test(text))
    return literalBlock(text, blockIndent);
  if (oneLine && printable && canBePlainLine(text)) return text;
  return quotedText(text, oneLine, printable);
}

/**
 * The text the writer gives a string value wherever it stands (a map's value, a list item), or
 * null for a multi-line one: that may be a literal block, indented by its depth.
 */
export function placeFreeText(text: string): string | null {
  if (plainAscii(text)) return text;
  if (text.includes('\n')) return null;
  return otherString(text, '');
}

/** A printable multi-line string, no `\r`, not starting with a blank, as a literal block (`|`, `|-`, `|+`). */
function literalBlock(text: string, indent: string): string {
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing > 1 ? text.slice(0, -1) : body).split('\n');
  return `|${chomp}\n${lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join('\n')}`;
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type YamlMap = { readonly [key: string]: YamlValue };

/** The keys of a map to write, in output order; keys whose value is `undefined` are left out. */
export type KeyOrder = (map: YamlMap) => readonly string[];

/** The map's own order (insertion order, integer-like keys first as JavaScript enumerates them). */
export const insertionOrder: KeyOrder = (map) => {
  const keys = Object.keys(map);
  let count = 0;
  for (const key of keys) if (map[key] !== undefined) keys[count++] = key;
  if (count !== keys.length) keys.length = count;
  return keys;
};

/** How a line begins, up to its value: `  name: ` before a scalar, `  name:` before nested lines. */
interface LineStart {
  readonly scalar: string;
  readonly nested: string;
}

function lineStart(before: string, key: string | null): LineStart {
  return key === null
    ? { scalar: `${before}- `, nested: `${before}-` }
    : { scalar: `${before}${key}: `, nested: `${before}${key}:` };
}

/**
 * The beginnings of lines, built once per key and depth instead of once per line. Each starts with
 * the line break that ends the line before it. Pure text, so one set serves any number of files.
 */
export class LineStarts {
  /** `\n` and the indentation, by depth. */
  private readonly breaks: string[] = ['\n'];
  private readonly indents: string[] = [];
  private readonly keys: Map<string, LineStart>[] = [];
  /** A list item's first key, on the item's line (`- name: `). */
  private readonly firstKeys: Map<string, LineStart>[] = [];
  private readonly items: LineStart[] = [];

  /** `\n` and the indentation of `depth`. */
  lineBreak(depth: number): string {
    while (this.breaks.length <= depth) this.breaks.push(`${this.breaks[this.breaks.length - 1]}  `);
    return this.breaks[depth] as string;
  }

  /** The indentation of `depth` alone, for a literal block's lines. */
  blockIndent(depth: number): string {
    while (this.indents.length <= depth) this.indents.push(this.lineBreak(this.indents.length).slice(1));
    return this.indents[depth] as string;
  }

  key(depth: number, key: string): LineStart {
    return this.keyStart(this.keys, depth, key, this.lineBreak(depth));
  }

  /** The line of a list item at `depth` (`- `). */
  item(depth: number): LineStart {
    let start = this.items[depth];
    if (start === undefined) {
      start = lineStart(this.lineBreak(depth), null);
      this.items[depth] = start;
    }
    return start;
  }

  /** A map's first key on the line of the list item holding it, the item at `depth`. */
  firstKey(depth: number, key: string): LineStart {
    return this.keyStart(this.firstKeys, depth, key, this.item(depth).scalar);
  }

  private keyStart(byDepth: Map<string, LineStart>[], depth: number, key: string, before: string): LineStart {
    let starts = byDepth[depth];
    if (starts === undefined) {
      starts = new Map();
      byDepth[depth] = starts;
    }
    let start = starts.get(key);
    if (start === undefined) {
      start = lineStart(before, scalar(key));
      starts.set(key, start);
    }
    return start;
  }
}

/**
 * Writes YAML as pieces joined once at the end, most lines one piece: the line's start from
 * LineStarts (line break, indentation and key) and the value. (A string grown with `+=` instead
 * allocates a rope node per piece, all alive until the file is read.)
 */
export class YamlWriter {
  private readonly pieces: string[] = [];

  /**
   * `printable`: every string value written is known to hold only YAML-printable characters
   * (isYamlPrintable), so kilobytes of them are not scanned again.
   */
  constructor(
    private readonly order: KeyOrder = insertionOrder,
    private readonly starts: LineStarts = new LineStarts(),
    private readonly printable = false,
  ) {}

  /** A line written as is (a comment, a `---` separator). */
  line(text: string): void {
    this.pieces.push(`\n${text}`);
  }

  /**
   * One YAML document for `value`, `depth` levels deep: what writing it at depth 0 and indenting
   * every non-empty line by two spaces a level gives, in one pass.
   */
  document(value: YamlValue, depth = 0): void {
    const lineBreak = this.starts.lineBreak(depth);
    if (isMap(value)) {
      const keys = this.order(value);
      if (keys.length === 0) this.pieces.push(`${lineBreak}{}`);
      for (const k of keys) this.value(value[k], depth, this.starts.key(depth, k));
    } else if (Array.isArray(value)) {
      if (value.length === 0) this.pieces.push(`${lineBreak}[]`);
      for (const item of value) this.item(item, depth, this.starts.item(depth));
    } else {
      this.pieces.push(lineBreak + scalar(value as string | number | boolean | null));
    }
  }

  /** The text written, ending in a newline. */
  end(): string {
    const pieces = this.pieces;
    const first = pieces[0];
    if (first === undefined) return '';
    // Every line starts with the break ending the line before it; the first has none before it.
    pieces[0] = first.slice(1);
    pieces.push('\n');
    return pieces.join('');
  }

  /** A line from `start` (a key, or a list item's `-`) to its value, and the lines nested under it. */
  private value(value: YamlValue, depth: number, start: LineStart): void {
    const pieces = this.pieces;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        pieces.push(`${start.scalar}[]`);
        return;
      }
      pieces.push(start.nested);
      const itemStart = this.starts.item(depth + 1);
      for (const item of value) this.item(item, depth + 1, itemStart);
      return;
    }
    if (isMap(value)) {
      const keys = this.order(value);
      if (keys.length === 0) {
        pieces.push(`${start.scalar}{}`);
        return;
      }
      pieces.push(start.nested);
      for (const k of keys) this.value(value[k], depth + 1, this.starts.key(depth + 1, k));
      return;
    }
    // One piece with its start, never the value's own string: V8 joins into a two-byte string,
    // twice the bytes, when any piece is a string it re-used as a property key (a ThinString).
    pieces.push(start.scalar + this.scalarText(value as string | number | boolean | null, depth));
  }

  private scalarText(value: string | number | boolean | null | undefined, depth: number): string {
    if (typeof value !== 'string') return scalar(value);
    if (plainAscii(value)) return value;
    return otherString(value, this.starts.blockIndent(depth + 1), this.printable);
  }

  /** A list item at `depth`; a map's first key and a nested list's first item share its line. */
  private item(item: YamlValue, depth: number, start: LineStart): void {
    if (isMap(item)) {
      const keys = this.order(item);
      if (keys.length > 0) {
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i] as string;
          const keyStart =
            i > 0
              ? this.starts.key(depth + 1, k)
              : start === this.starts.item(depth)
                ? this.starts.firstKey(depth, k)
                : lineStart(start.scalar, scalar(k));
          this.value(item[k], depth + 1, keyStart);
        }
        return;
      }
    }
    if (Array.isArray(item) && item.length > 0) {
      // `- - a`: rare enough to build the first line's start each time.
      for (let i = 0; i < item.length; i++)
        this.item(item[i], depth + 1, i === 0 ? lineStart(start.scalar, null) : this.starts.item(depth + 1));
      return;
    }
    this.value(item, depth, start);
  }
}

/** A YAML document for `value`, map keys in `order` (default: as given), ending in a newline. */
export function writeYaml(value: YamlValue, order: KeyOrder = insertionOrder): string {
  const writer = new YamlWriter(order);
  writer.document(value);
  return writer.end();
}
