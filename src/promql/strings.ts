// PromQL string literals (Go quoting rules) and the one function that quotes label values.

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

const simpleEscapes: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
};

/**
 * The value of a string token the lexer has already validated ('...', "..." or `...`).
 * `\x` and octal escapes are bytes, as in Go; the bytes are decoded as UTF-8.
 */
export function unquoteString(token: string): string {
  const body = token.slice(1, -1);
  if (token.startsWith('`') || !body.includes('\\')) return body;
  const bytes: number[] = [];
  const pushText = (text: string): void => {
    for (const b of encoder.encode(text)) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const backslash = body.indexOf('\\', i);
    if (backslash < 0) {
      pushText(body.slice(i));
      break;
    }
    pushText(body.slice(i, backslash));
    const kind = body.charAt(backslash + 1);
    const simple = simpleEscapes[kind];
    if (simple !== undefined) {
      bytes.push(simple);
      i = backslash + 2;
    } else if (kind === 'x') {
      bytes.push(Number.parseInt(body.slice(backslash + 2, backslash + 4), 16));
      i = backslash + 4;
    } else if (kind === 'u' || kind === 'U') {
      const length = kind === 'u' ? 4 : 8;
      pushText(String.fromCodePoint(Number.parseInt(body.slice(backslash + 2, backslash + 2 + length), 16)));
      i = backslash + 2 + length;
    } else {
      bytes.push(Number.parseInt(body.slice(backslash + 1, backslash + 4), 8));
      i = backslash + 4;
    }
  }
  return utf8.decode(new Uint8Array(bytes));
}

const plainAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * Quotes a label value (or any PromQL string) exactly like Go's strconv.Quote, which is how
 * Prometheus prints strings: the result is a valid PromQL double-quoted string literal.
 */
export function quoteLabelValue(value: string): string {
  // Printable ASCII without quote or backslash, as nearly every label value is: nothing to escape.
  if (plainAscii.test(value)) return `"${value}"`;
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp >= 0xd800 && cp < 0xe000) out += '\\ufffd';
    else if (printable.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
