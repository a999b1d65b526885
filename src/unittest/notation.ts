// promtool's series notation (`input_series[].series` and `.values`), read exactly as Prometheus 2.42's
// series-description lexer and grammar do. Quirks kept on purpose: `a+bxN` yields N+1 values and adds
// b cumulatively in floating point (not a+i*b); `_xN` yields N missing values (not N+1).
import { type Labels, labelsFrom } from './engine/labels.ts';

/** A sample value: a number, a staleness marker, or null for `_` (no sample at that step). */
export type SeriesValue = number | 'stale' | null;

/** 1-based column inside the parsed string. */
export interface NotationError {
  readonly message: string;
  readonly column: number;
}

export type ValuesResult =
  | { readonly ok: true; readonly values: SeriesValue[] }
  | { readonly ok: false; readonly error: NotationError };

export type LabelsResult =
  | { readonly ok: true; readonly labels: Labels }
  | { readonly ok: false; readonly error: NotationError };

type Token =
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'ident'; text: string; pos: number }
  | { kind: '+' | '-' | 'x' | '_' | 'space'; pos: number };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isAlphaNumeric = (c: string): boolean => isAlpha(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

class NotationFailure {
  constructor(
    readonly message: string,
    readonly pos: number,
  ) {}
}

function scanNumber(text: string, start: number): number {
  let i = start;
  while (i < text.length && isDigit(text.charAt(i))) i++;
  if (text.charAt(i) === '.') {
    i++;
    while (i < text.length && isDigit(text.charAt(i))) i++;
  }
  if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
    i++;
    if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
    while (i < text.length && isDigit(text.charAt(i))) i++;
  }
  const next = text.charAt(i);
  if (next !== 'x' && next !== '' && isAlphaNumeric(next)) {
    throw new NotationFailure(`bad number syntax: "${text.slice(start, i + 1)}"`, start);
  }
  return i;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (isSpace(c)) {
      const pos = i;
      while (i < text.length && isSpace(text.charAt(i))) i++;
      tokens.push({ kind: 'space', pos });
    } else if (c === '+' || c === '-' || c === '_') {
      tokens.push({ kind: c, pos: i++ });
    } else if (c === 'x') {
      tokens.push({ kind: 'x', pos: i++ });
    } else if (isDigit(c) || (c === '.' && isDigit(text.charAt(i + 1)))) {
      const end = scanNumber(text, i);
      tokens.push({ kind: 'number', text: text.slice(i, end), pos: i });
      i = end;
    } else if (isAlpha(c)) {
      const pos = i;
      while (i < text.length && (isAlphaNumeric(text.charAt(i)) || text.charAt(i) === ':')) i++;
      tokens.push({ kind: 'ident', text: text.slice(pos, i), pos });
    } else {
      throw new NotationFailure(`unexpected character in series sequence: ${JSON.stringify(c)}`, i);
    }
  }
  return tokens;
}

function numberValue(text: string): number {
  if (/^\d+$/.test(text) && text.length > 1 && text.startsWith('0')) {
    // strconv.ParseInt with base 0 reads a leading 0 as octal.
    if (/^[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  }
  return Number(text);
}

class ValuesParser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private fail(message: string): never {
    throw new NotationFailure(message, this.peek()?.pos ?? this.end);
  }

  parse(): SeriesValue[] {
    const values: SeriesValue[] = [];
    while (this.peek()?.kind === 'space') this.i++;
    while (this.peek() !== undefined) {
      for (const v of this.item()) values.push(v);
      const next = this.peek();
      if (next === undefined) break;
      if (next.kind !== 'space') this.fail('expected space between series values');
      while (this.peek()?.kind === 'space') this.i++;
    }
    return values;
  }

  private item(): SeriesValue[] {
    const first = this.peek();
    if (first?.kind === '_') {
      this.i++;
      if (this.peek()?.kind !== 'x') return [null];
      this.i++;
      return new Array<SeriesValue>(this.repetitions()).fill(null);
    }
    const start = this.value();
    const next = this.peek();
    if (next?.kind === 'x') {
      this.i++;
      return new Array<SeriesValue>(this.repetitions() + 1).fill(start);
    }
    if ((next?.kind === '+' || next?.kind === '-') && start !== 'stale') {
      const step = this.signedNumber();
      if (this.peek()?.kind !== 'x') this.fail('expected "x" and a repetition count after the increment');
      this.i++;
      const n = this.repetitions();
      const out: SeriesValue[] = [];
      let v = start;
      for (let k = 0; k <= n; k++) {
        out.push(v);
        v += step;
      }
      return out;
    }
    return [start];
  }

  private repetitions(): number {
    const t = this.peek();
    if (t?.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail('invalid repetition in series values');
    this.i++;
    return Number(t.text);
  }

  private signedNumber(): number {
    const sign = this.peek();
    this.i++;
    const n = this.peek();
    if (n?.kind === 'number') {
      this.i++;
      return sign?.kind === '-' ? -numberValue(n.text) : numberValue(n.text);
    }
    if (n?.kind === 'ident' && /^(inf|nan)$/i.test(n.text)) {
      this.i++;
      const v = /^inf$/i.test(n.text) ? Infinity : Number.NaN;
      return sign?.kind === '-' ? -v : v;
    }
    return this.fail('expected a number after the sign');
  }

  private value(): number | 'stale' {
    const t = this.peek();
    if (t === undefined) return this.fail('unexpected end of series values');
    if (t.kind === '+' || t.kind === '-') return this.signedNumber();
    if (t.kind === 'number') {
      this.i++;
      return numberValue(t.text);
    }
    if (t.kind === 'ident') {
      this.i++;
      if (t.text === 'stale') return 'stale';
      if (/^inf$/i.test(t.text)) return Infinity;
      if (/^nan$/i.test(t.text)) return Number.NaN;
      throw new NotationFailure(`expected number or 'stale' in series values but got ${t.text}`, t.pos);
    }
    return this.fail('unexpected token in series values');
  }
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.\d*|\.\d+|[1-9]\d*|0)(?:[eE][+-]?\d+)?$/;

/** Most values strings are plain decimal numbers: read those without the tokenizer. */
function plainNumbers(text: string): number[] | null {
  return scannedNumbers(text) ?? splitNumbers(text);
}

function splitNumbers(text: string): number[] | null {
  const parts = text.trim().split(/\s+/);
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (!PLAIN_NUMBER.test(part)) return null;
    out[i] = Number(part);
  }
  return out;
}

/** 10^k for k <= 22: exact doubles, so an integer of at most 15 digits divided by one rounds correctly. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The common form of plain numbers (ASCII blanks between `12`, `-3.5`, `.25`; at most 15 digits, no
 * exponent), read in one pass: as an integer divided by a power of ten, which rounds exactly as
 * Number() does. undefined as soon as anything else appears, for splitNumbers to decide.
 */
function scannedNumbers(text: string): number[] | undefined {
  const out: number[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    let c = text.charCodeAt(i);
    while (c === 0x20 || (c >= 0x09 && c <= 0x0d)) c = text.charCodeAt(++i);
    if (i >= n) return out;
    const negative = c === 0x2d;
    if (negative || c === 0x2b) c = text.charCodeAt(++i);
    const intStart = i;
    let mantissa = 0;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      c = text.charCodeAt(++i);
    }
    const intDigits = i - intStart;
    let fractionDigits = 0;
    const dot = c === 0x2e;
    if (dot) {
      c = text.charCodeAt(++i);
      while (c >= 0x30 && c <= 0x39) {
        mantissa = mantissa * 10 + (c - 0x30);
        fractionDigits++;
        c = text.charCodeAt(++i);
      }
    }
    const ends = i >= n || c === 0x20 || (c >= 0x09 && c <= 0x0d);
    // `01` is no plain number (the tokenizer reads it), `.` and `-` alone are none at all.
    const leadingZero = !dot && intDigits > 1 && text.charCodeAt(intStart) === 0x30;
    if (!ends || intDigits + fractionDigits === 0 || intDigits + fractionDigits > 15 || leadingZero)
      return undefined;
    const value = mantissa / (POWERS_OF_TEN[fractionDigits] as number);
    out.push(negative ? -value : value);
  }
}

/** Reads a `values:` string (`1+2x3 _ stale 5e3 Inf`). */
export function parseSeriesValues(text: string): ValuesResult {
  if (text.trim() !== '') {
    const plain = plainNumbers(text);
    if (plain !== null) return { ok: true, values: plain };
  }
  try {
    const values = new ValuesParser(tokenize(text), text.length).parse();
    return { ok: true, values };
  } catch (e) {
    if (e instanceof NotationFailure) return { ok: false, error: { message: e.message, column: e.pos + 1 } };
    throw e;
  }
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Reads a Go-quoted string starting at `start` (the quote); returns the value and the end offset. */
export function readGoString(text: string, start: number): { value: string; end: number } {
  const quote = text.charAt(start);
  let i = start + 1;
  let value = '';
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\' && quote !== '`') {
      const e = text.charAt(i + 1);
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        i += 2;
        continue;
      }
      const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hexLength > 0) {
        const hex = text.slice(i + 2, i + 2 + hexLength);
        if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex))
          throw new NotationFailure('invalid escape sequence', i);
        value += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 2 + hexLength;
        continue;
      }
      const octal = text.slice(i + 1, i + 4);
      if (/^[0-7]{3}$/.test(octal)) {
        value += String.fromCharCode(Number.parseInt(octal, 8));
        i += 4;
        continue;
      }
      throw new NotationFailure('invalid escape sequence', i);
    }
    if (c === '\n' && quote !== '`') throw new NotationFailure('unterminated quoted string', start);
    value += c;
    i++;
  }
  throw new NotationFailure('unterminated quoted string', start);
}

const METRIC_START = /[a-zA-Z_:]/;
const METRIC_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;

function skipSpaces(text: string, i: number): number {
  let j = i;
  while (j < text.length && isSpace(text.charAt(j))) j++;
  return j;
}

function readName(text: string, i: number, first: RegExp, rest: RegExp): number {
  if (!first.test(text.charAt(i))) return i;
  let j = i + 1;
  while (j < text.length && rest.test(text.charAt(j))) j++;
  return j;
}

function readLabelSet(text: string, open: number, pairs: [string, string][]): number {
  let i = skipSpaces(text, open + 1);
  while (text.charAt(i) !== '}') {
    const nameEnd = readName(text, i, LABEL_START, LABEL_CHAR);
    if (nameEnd === i) throw new NotationFailure('expected label name', i);
    const name = text.slice(i, nameEnd);
    i = skipSpaces(text, nameEnd);
    if (text.charAt(i) !== '=' || text.charAt(i + 1) === '~')
      throw new NotationFailure('expected "=" after label name', i);
    i = skipSpaces(text, i + 1);
    const q = text.charAt(i);
    if (q !== '"' && q !== "'" && q !== '`') throw new NotationFailure('expected quoted label value', i);
    const s = readGoString(text, i);
    pairs.push([name, s.value]);
    i = skipSpaces(text, s.end);
    if (text.charAt(i) === ',') i = skipSpaces(text, i + 1);
    else if (text.charAt(i) !== '}') throw new NotationFailure('expected "," or "}" in label set', i);
  }
  return i + 1;
}

/** Reads a series name with labels (`up{job="api"}`, `{__name__="up"}`, `up`). */
export function parseSeriesLabels(text: string): LabelsResult {
  try {
    const pairs: [string, string][] = [];
    let i = skipSpaces(text, 0);
    const nameEnd = readName(text, i, METRIC_START, METRIC_CHAR);
    if (nameEnd > i) pairs.push(['__name__', text.slice(i, nameEnd)]);
    i = skipSpaces(text, nameEnd);
    if (text.charAt(i) === '{') i = skipSpaces(text, readLabelSet(text, i, pairs));
    else if (nameEnd === skipSpaces(text, 0)) throw new NotationFailure('expected a metric name or "{"', i);
    if (i < text.length)
      throw new NotationFailure(`unexpected ${JSON.stringify(text.charAt(i))} after the label set`, i);
    return { ok: true, labels: labelsFrom(pairs) };
  } catch (e) {
    if (e instanceof NotationFailure) return { ok: false, error: { message: e.message, column: e.pos + 1 } };
    throw e;
  }
}
