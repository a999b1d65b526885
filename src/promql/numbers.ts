// Number literal values as Prometheus reads them: strconv.ParseInt(s, 0, 64), else ParseFloat.

const int64Max = 2 ** 63;

export type NumberResult = { ok: true; value: number } | { ok: false; message: string };

function failure(text: string, reason: 'invalid syntax' | 'value out of range'): NumberResult {
  return {
    ok: false,
    message: `error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(text)}: ${reason}`,
  };
}

function isPlainDecimal(text: string): boolean {
  // Digits and at most one dot, not starting with 0 (which would be octal): Number() reads it as Go does.
  if (text.length === 0 || text.length > 15 || (text.charCodeAt(0) === 48 && text.length > 1)) return false;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return false;
  }
  return dots <= 1 && text !== '.';
}

export function parseNumberLiteral(text: string): NumberResult {
  if (isPlainDecimal(text)) return { ok: true, value: Number(text) };
  const lower = text.toLowerCase();
  if (lower === 'inf') return { ok: true, value: Number.POSITIVE_INFINITY };
  if (lower === 'nan') return { ok: true, value: Number.NaN };
  if (lower.startsWith('0x')) {
    // Go's ParseFloat wants a `p` exponent for hex, so only integers that fit int64 are numbers.
    if (!/^0x[0-9a-f]+$/.test(lower)) return failure(text, 'invalid syntax');
    const value = Number.parseInt(lower.slice(2), 16);
    return value < int64Max ? { ok: true, value } : failure(text, 'invalid syntax');
  }
  if (/^0[0-7]+$/.test(text)) {
    const value = Number.parseInt(text, 8);
    if (value < int64Max) return { ok: true, value };
  }
  const value = Number(text);
  if (Number.isNaN(value)) return failure(text, 'invalid syntax');
  if (!Number.isFinite(value)) return failure(text, 'value out of range');
  return { ok: true, value };
}

/** Go's `%f`: fixed notation with six decimals, `+Inf`, `-Inf`, `NaN`. */
export function goFixed6(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Math.abs(value) < 1e21) return value.toFixed(6);
  return `${BigInt(value).toString()}.000000`;
}
