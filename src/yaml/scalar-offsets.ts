// Maps offsets inside a YAML scalar's value back to offsets in the file, so a PromQL parse error at
// character 17 of an expression points at the right line and column of a block, quoted or folded scalar.
// Each style is decoded again here with a record of where every value character came from; the result
// is checked against the value the YAML library produced, and a mismatch falls back to the node start.
import type { Scalar } from 'yaml';

export interface ScalarOffsets {
  /** File offset of every value character, plus one entry for the end of the value. */
  readonly offsets: readonly number[];
}

/** How a scalar is written, as the YAML library names its node types. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

type Style = ScalarStyle;

interface Decoded {
  readonly chars: string[];
  readonly offsets: number[];
}

/** null when the scalar has no source range or its decoding does not reproduce the parsed value. */
export function scalarOffsets(text: string, node: Scalar): ScalarOffsets | null {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return null;
  return rangeOffsets(text, range[0], range[1], (node.type ?? 'PLAIN') as Style, node.value);
}

/** The same for a scalar known by its range (`valueEnd` as yaml's `range[1]`), style and value. */
export function rangeOffsets(
  text: string,
  start: number,
  valueEnd: number,
  style: Style,
  value: string,
): ScalarOffsets | null {
  const decoded = decode(text, start, valueEnd, style);
  if (decoded === null || decoded.chars.join('') !== value) return null;
  return { offsets: [...decoded.offsets, valueEnd] };
}

/** File offset of a value offset, clamped to the value. */
export function fileOffset(map: ScalarOffsets, valueOffset: number): number {
  const last = map.offsets.length - 1;
  const index = Math.max(0, Math.min(Math.trunc(valueOffset), last));
  return map.offsets[index] ?? 0;
}

function decode(text: string, start: number, end: number, style: Style): Decoded | null {
  switch (style) {
    case 'PLAIN':
      return decodeFlow(text, start, end, 'plain');
    case 'QUOTE_SINGLE':
      return decodeFlow(text, start + 1, end - 1, 'single');
    case 'QUOTE_DOUBLE':
      return decodeFlow(text, start + 1, end - 1, 'double');
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return decodeBlock(text, start, end, style === 'BLOCK_FOLDED');
    default:
      return null;
  }
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Length of the line break at `i` (`\r\n` counts as one break). */
function breakLength(text: string, i: number): number {
  if (text[i] === '\r' && text[i + 1] === '\n') return 2;
  return isBreak(text[i]) ? 1 : 0;
}

const doubleEscapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const hexEscapeLength: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Plain and quoted scalars: line folding, plus `''` or backslash escapes. */
function decodeFlow(text: string, start: number, end: number, kind: 'plain' | 'single' | 'double'): Decoded {
  const chars: string[] = [];
  const offsets: number[] = [];
  // Whitespace produced by escapes is content; only literal trailing blanks are trimmed at a fold.
  let protectedLength = 0;
  const emit = (c: string, at: number): void => {
    chars.push(c);
    offsets.push(at);
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (isBreak(c)) {
      while (chars.length > protectedLength && isBlank(chars[chars.length - 1])) {
        chars.pop();
        offsets.pop();
      }
      const breakAt = i;
      i += breakLength(text, i);
      let emptyLines = 0;
      for (;;) {
        while (i < end && isBlank(text[i])) i++;
        if (i < end && isBreak(text[i])) {
          emptyLines++;
          emit('\n', i);
          i += breakLength(text, i);
        } else break;
      }
      if (emptyLines === 0) emit(' ', breakAt);
      continue;
    }
    if (kind === 'single' && c === "'" && text[i + 1] === "'") {
      emit("'", i);
      i += 2;
      protectedLength = chars.length;
      continue;
    }
    if (kind === 'double' && c === '\\') {
      const next = text[i + 1] ?? '';
      if (isBreak(next)) {
        // An escaped line break joins the lines without a space.
        i += 1 + breakLength(text, i + 1);
        while (i < end && isBlank(text[i])) i++;
        protectedLength = chars.length;
        continue;
      }
      const hexLength = hexEscapeLength[next];
      if (hexLength !== undefined) {
        const code = Number.parseInt(text.slice(i + 2, i + 2 + hexLength), 16);
        const decoded = Number.isNaN(code) ? '' : String.fromCodePoint(code);
        for (const unit of decoded.split('')) emit(unit, i);
        i += 2 + hexLength;
      } else {
        emit(doubleEscapes[next] ?? next, i);
        i += 2;
      }
      protectedLength = chars.length;
      continue;
    }
    emit(c ?? '', i);
    i++;
  }
  return { chars, offsets };
}

interface BlockLine {
  /** File offset of the first content character (after the indentation). */
  readonly contentStart: number;
  readonly content: string;
  /** File offset of the line break ending this line (or the block end). */
  readonly breakAt: number;
  readonly empty: boolean;
  readonly moreIndented: boolean;
}

/** `|` and `>` scalars: indentation stripped; `>` folds breaks between normal lines into spaces. */
function decodeBlock(text: string, start: number, end: number, folded: boolean): Decoded | null {
  let headerEnd = start;
  while (headerEnd < text.length && !isBreak(text[headerEnd])) headerEnd++;
  const header = text
    .slice(start + 1, headerEnd)
    .replace(/#.*$/, '')
    .trim();
  const chomping = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
  if (/\d/.test(header)) return null; // explicit indentation: rare, left to the fallback
  const bodyStart = headerEnd + breakLength(text, headerEnd);
  const rawLines = splitLines(text, bodyStart, Math.max(end, bodyStart));
  const firstContent = rawLines.find((l) => l.text.trim() !== '');
  const indent = firstContent ? firstContent.text.length - firstContent.text.trimStart().length : 0;
  const lines: BlockLine[] = rawLines.map((l) => {
    const empty = l.text.trim() === '' && l.text.length <= indent;
    const content = empty ? '' : l.text.slice(indent);
    return {
      contentStart: l.start + Math.min(indent, l.text.length),
      content,
      breakAt: l.start + l.text.length,
      empty: empty || content === '',
      moreIndented: isBlank(content[0]),
    };
  });
  const chars: string[] = [];
  const offsets: number[] = [];
  const emit = (c: string, at: number): void => {
    chars.push(c);
    offsets.push(at);
  };
  const lastContent = findLastIndex(lines, (l) => !l.empty);
  for (let k = 0; k <= lastContent; k++) {
    const line = lines[k];
    if (!line) break;
    for (let j = 0; j < line.content.length; j++) emit(line.content[j] ?? '', line.contentStart + j);
    if (k === lastContent) break;
    if (line.empty) {
      emit('\n', line.breakAt);
      continue;
    }
    // Separator between this content line and the next content line.
    let next = k + 1;
    while (next <= lastContent && lines[next]?.empty) next++;
    const emptyCount = next - k - 1;
    const nextLine = lines[next];
    const foldable = folded && !line.moreIndented && nextLine !== undefined && !nextLine.moreIndented;
    if (foldable && emptyCount === 0) emit(' ', line.breakAt);
    else if (!foldable) emit('\n', line.breakAt);
    for (let e = k + 1; e < next; e++) emit('\n', lines[e]?.breakAt ?? line.breakAt);
    k = next - 1;
  }
  const last = lines[lastContent];
  if (last && chomping !== 'strip' && last.breakAt < end) {
    emit('\n', last.breakAt);
    if (chomping === 'keep')
      for (const l of lines.slice(lastContent + 1)) if (l.breakAt < end) emit('\n', l.breakAt);
  }
  return { chars, offsets };
}

function splitLines(text: string, start: number, end: number): { start: number; text: string }[] {
  const lines: { start: number; text: string }[] = [];
  let lineStart = start;
  let i = start;
  while (i < end) {
    const length = breakLength(text, i);
    if (length > 0) {
      lines.push({ start: lineStart, text: text.slice(lineStart, i) });
      i += length;
      lineStart = i;
    } else i++;
  }
  if (lineStart < end) lines.push({ start: lineStart, text: text.slice(lineStart, end) });
  return lines;
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && predicate(item)) return i;
  }
  return -1;
}
