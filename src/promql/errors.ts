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

/** 1-based line and column of a 0-based offset. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, text.length);
  for (let i = 0; i < limit; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function promqlError(text: string, message: string, start: number, end: number): PromqlError {
  return { message, start, end, ...offsetToLineColumn(text, start) };
}
