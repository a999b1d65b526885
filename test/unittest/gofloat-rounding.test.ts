// %e and %g with a precision round the exact binary value half to even, as Go does. formatFloat
// skips the exact expansion when the shortest round-trip digits already fit the precision, and
// rounds those digits instead when they are two or more longer; this checks it against an exact
// reference (BigInt) over many doubles, ties and near-ties included.
import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../src/template/index.ts';

/** The exact decimal digits of a positive finite double and the power of ten of its first one. */
function exact(v: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp2 = -1074;
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  // v = mantissa * 2^exp2 = mantissa * 5^-exp2 / 10^-exp2
  const scaled = exp2 >= 0 ? mantissa << BigInt(exp2) : mantissa * 5n ** BigInt(-exp2);
  const text = scaled.toString();
  const pointAt = exp2 >= 0 ? text.length : text.length + exp2;
  return { digits: text, exp: pointAt - 1 };
}

/** Go's %.<prec>e of a positive double: n = prec + 1 digits, rounded half to even on the exact value. */
function referenceE(v: number, prec: number): string {
  const { digits, exp } = exact(v);
  const n = prec + 1;
  let kept = BigInt(digits.slice(0, n).padEnd(n, '0'));
  const rest = digits.slice(n);
  const first = rest.charCodeAt(0) - 48;
  const beyond = /[1-9]/.test(rest.slice(1));
  if (rest !== '' && (first > 5 || (first === 5 && (beyond || kept % 2n === 1n)))) kept += 1n;
  let text = kept.toString();
  let e = exp;
  if (text.length > n) {
    text = text.slice(0, n);
    e += 1;
  }
  const mantissa = prec > 0 ? `${text[0]}.${text.slice(1)}` : text;
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Doubles of every kind: short decimals, their neighbours, ties in binary, huge and tiny ones. */
function samples(): number[] {
  const out: number[] = [];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 400; i++) {
    const short = Number(
      (random() * 10 ** Math.floor(random() * 12 - 6)).toPrecision(1 + Math.floor(random() * 6)),
    );
    out.push(short, short * (1 + Number.EPSILON), short * (1 - Number.EPSILON / 2));
    out.push(random() * 10 ** Math.floor(random() * 40 - 20));
  }
  out.push(
    0.5,
    1.5,
    2.5,
    0.125,
    0.0625,
    12.5,
    1e23,
    9.999999999999999e22,
    2 ** -1022,
    2 ** -1074,
    1.7976931348623157e308,
  );
  out.push(0.15, 0.25, 0.35, 1234.5, 99.995, 0.1 + 0.2, 1 / 3, 2 / 3, 123456789012345680);
  return out.filter((v) => v > 0 && Number.isFinite(v));
}

describe('formatFloat rounding', () => {
  it('%e of every precision up to 17 matches the exact reference', () => {
    for (const v of samples())
      for (let prec = 0; prec <= 17; prec++)
        expect(formatFloat(v, 'e', prec), `${v} %.${prec}e`).toBe(referenceE(v, prec));
  });

  it('%g agrees with %e on its digits (humanize uses %.4g)', () => {
    for (const v of samples())
      for (const prec of [1, 2, 4, 6, 15, 16]) {
        const g = formatFloat(v, 'g', prec);
        const viaE = Number(referenceE(v, prec - 1));
        expect(Number(g), `${v} %.${prec}g`).toBe(viaE);
      }
  });
});
