// Parse errors as data: a message with its source range and the 1-based line/column of its start.

export interface PromqlError {
  readonly message: string;
  /** 0-based UTF-16 offsets into the expression text, [start, end). */
  readonly start: number;
  readonly end: number;
  /** 1-based, inside the expression text. */
  readonly line: number;
  readonly column: number;
}

// Line starts of the most recent text, so that many errors in one big expression stay cheap.
let indexedText = '';
let lineStarts: number[] = [0];

function lineStartsOf(text: string): number[] {
  if (text !== indexedText) {
    indexedText = text;
    lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  }
  return lineStarts;
}

/** 1-based line and column of a 0-based offset. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const starts = lineStartsOf(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

export function promqlError(text: string, message: string, start: number, end: number): PromqlError {
  return { message, start, end, ...offsetToLineColumn(text, start) };
}
