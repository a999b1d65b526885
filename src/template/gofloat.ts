// Go's float formatting (strconv.FormatFloat and fmt's %v/%g/%e/%f), so annotations print values
// byte for byte as Prometheus does: 1234567 prints as 1.234567e+06, ties round half to even.

/** Decimal digits without leading/trailing zeros and the decimal point position: value = 0.digits × 10^dp. */
interface Digits {
  digits: string;
  dp: number;
}

/** The exact decimal expansion of a finite, non-negative double (BigInt keeps it exact). */
function exactDigits(v: number): Digits {
  if (v === 0) return { digits: '', dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  let text: string;
  let dp: number;
  if (exp2 >= 0) {
    text = (mantissa << BigInt(exp2)).toString();
    dp = text.length;
  } else {
    text = (mantissa * 5n ** BigInt(-exp2)).toString();
    dp = text.length + exp2;
  }
  return trim({ digits: text, dp });
}

function trim(d: Digits): Digits {
  let start = 0;
  while (d.digits[start] === '0') start++;
  let end = d.digits.length;
  while (end > start && d.digits[end - 1] === '0') end--;
  return { digits: d.digits.slice(start, end), dp: d.dp - start };
}

/** Rounds to `n` significant digits, half to even on the exact value (as Go does). */
function roundDigits(d: Digits, n: number): Digits {
  if (n < 0) return { digits: '', dp: d.dp };
  if (d.digits.length <= n) return d;
  const kept = d.digits.slice(0, n);
  const next = d.digits.charCodeAt(n) - 48;
  const restNonZero = d.digits.length > n + 1;
  const lastKept = n > 0 ? d.digits.charCodeAt(n - 1) - 48 : 0;
  const up = next > 5 || (next === 5 && (restNonZero || lastKept % 2 === 1));
  if (!up) return trim({ digits: kept, dp: d.dp });
  // Propagate the carry.
  const chars = kept.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') {
    chars[i] = '0';
    i--;
  }
  if (i < 0) return trim({ digits: `1${chars.join('')}`, dp: d.dp + 1 });
  chars[i] = String.fromCharCode((chars[i] ?? '0').charCodeAt(0) + 1);
  return trim({ digits: chars.join(''), dp: d.dp });
}

/** Below this magnitude a double is subnormal: its spacing is no longer a tiny fraction of it. */
const smallestNormal = 2 ** -1022;

/**
 * The exact value rounded to `n` significant digits. When the shortest digits that round-trip are at
 * most n (n at most 15), they are the answer without the exact expansion: a normal double lies
 * within half its spacing (at most 2^-53 of it) of them, while any other decimal of n digits is at
 * least 10^-15 of it away, so rounding the exact value lands on them, never on a tie.
 * When they are longer than n + 1, rounding them gives what rounding the exact value gives: a tie
 * between two n-digit decimals has n + 1 digits, so none round-trips to the double (the shortest
 * would have at most n + 1 digits), and the decimals that do, the exact value and the shortest
 * among them, all lie on the same side of it.
 */
function roundedExact(abs: number, n: number): Digits {
  if (n >= 1 && n <= 15 && abs >= smallestNormal) {
    const shortest = shortestDigits(abs);
    if (shortest.digits.length <= n) return shortest;
    if (shortest.digits.length > n + 1) return roundDigits(shortest, n);
  }
  return roundDigits(exactDigits(abs), n);
}

/** The exact value rounded to `prec` digits after the point. */
function roundedFixed(abs: number, prec: number): Digits {
  const exact = exactDigits(abs);
  return roundDigits(exact, exact.dp + prec);
}

/** The shortest digits that round-trip (JS and Go agree on these). */
function shortestDigits(v: number): Digits {
  if (v === 0) return { digits: '', dp: 0 };
  // `d.ddde±x` or `de±x`: the first digit, the ones after the point, the exponent.
  const text = v.toExponential();
  const e = text.indexOf('e');
  const digits = e > 1 ? text[0] + text.slice(2, e) : text.slice(0, e);
  return trim({ digits, dp: Number(text.slice(e + 1)) + 1 });
}

function digitAt(d: Digits, i: number): string {
  return d.digits[i] ?? '0';
}

function fmtE(neg: boolean, d: Digits, prec: number, e: 'e' | 'E'): string {
  let s = neg ? '-' : '';
  s += d.digits === '' ? '0' : digitAt(d, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function fmtF(neg: boolean, d: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const idx = d.dp + i;
      s += idx < 0 ? '0' : digitAt(d, idx);
    }
  }
  return s;
}

/** strconv.FormatFloat(v, fmt, prec, 64); prec -1 means shortest. Specials as strconv: +Inf, -Inf, NaN. */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  let d: Digits;
  if (shortest) d = shortestDigits(abs);
  else if (fmt === 'f') d = roundedFixed(abs, prec);
  else if (fmt === 'e' || fmt === 'E') d = roundedExact(abs, prec + 1);
  else d = roundedExact(abs, prec === 0 ? 1 : prec);
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, d, shortest ? Math.max(d.digits.length - 1, 0) : prec, fmt);
    case 'f':
      return fmtF(neg, d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
    default: {
      let p = shortest ? d.digits.length : prec === 0 ? 1 : prec;
      let eprec = p;
      const nd = d.digits.length;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (d.digits !== '' && (exp < -4 || exp >= eprec)) {
        if (p > nd) p = nd;
        return fmtE(neg, d, Math.max(p - 1, 0), fmt === 'g' ? 'e' : 'E');
      }
      if (p > d.dp) p = nd;
      return fmtF(neg, d, Math.max(p - d.dp, 0));
    }
  }
}

/** fmt's %v of a float64 (and what text/template prints for `{{ $value }}`). */
export function formatFloatV(v: number): string {
  return formatFloat(v, 'g', -1);
}
