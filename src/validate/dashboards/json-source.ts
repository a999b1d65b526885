// JSON with source positions: dashboard lint findings point at the line and column of the offending
// value, so the file is parsed into a tree that keeps each node's offset.
import type { SourcePosition } from '../../problem.ts';

export type JsonNode =
  | {
      readonly kind: 'object';
      readonly offset: number;
      readonly entries: readonly (readonly [string, JsonNode])[];
    }
  | { readonly kind: 'array'; readonly offset: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly offset: number; readonly value: string }
  | { readonly kind: 'number'; readonly offset: number; readonly value: number }
  | { readonly kind: 'boolean'; readonly offset: number; readonly value: boolean }
  | { readonly kind: 'null'; readonly offset: number };

export type JsonParse =
  | { readonly ok: true; readonly root: JsonNode }
  | { readonly ok: false; readonly message: string; readonly offset: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const literalPattern = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonSource(text: string): JsonParse {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, i);
  };
  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      i++;
    }
  };
  const value = (): JsonNode => {
    skip();
    const offset = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JsonNode][] = [];
      skip();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', offset, entries };
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('expected a string key');
        const key = string();
        skip();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        entries.push([key, value()]);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', offset, entries };
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', offset, items };
      }
      for (;;) {
        items.push(value());
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', offset, items };
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return { kind: 'string', offset, value: string() };
    literalPattern.lastIndex = i;
    const literal = literalPattern.exec(text);
    if (!literal) return fail('unexpected character');
    i += literal[0].length;
    if (literal[0] === 'true' || literal[0] === 'false')
      return { kind: 'boolean', offset, value: literal[0] === 'true' };
    if (literal[0] === 'null') return { kind: 'null', offset };
    return { kind: 'number', offset, value: Number(literal[0]) };
  };
  const string = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i++;
      }
      i++;
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };
  try {
    const root = value();
    skip();
    if (i < text.length) fail('unexpected text after the document');
    return { ok: true, root };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    return { ok: false, message: error instanceof Error ? error.message : String(error), offset: i };
  }
}

/** 1-based line and column of an offset. */
export function positionAt(text: string, file: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}

export function field(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.entries.find(([k]) => k === key)?.[1] : undefined;
}

export function stringAt(node: JsonNode | undefined, key: string): string | undefined {
  const value = field(node, key);
  return value?.kind === 'string' ? value.value : undefined;
}

export function itemsOf(node: JsonNode | undefined): readonly JsonNode[] {
  return node?.kind === 'array' ? node.items : [];
}
