// Go's math functions where their last bits differ from JavaScript's: Prometheus computes with Go's
// math package (amd64 build), and promtool compares floats exactly. Exp follows Go's amd64 assembly
// (Shibata's method, fused multiply-adds on CPUs with FMA); Log, Log2, Log10 and Pow follow Go's
// algorithms step by step.

const view = new DataView(new ArrayBuffer(8));

function bits(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

/** x = frac * 2^exp with frac in [0.5, 1) (Go's math.Frexp). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let v = x;
  let e = 0;
  if (Math.abs(v) < 2.2250738585072014e-308) {
    v *= 2 ** 52;
    e = -52;
  }
  const b = bits(v);
  e += Number((b >> 52n) & 0x7ffn) - 1022;
  view.setBigUint64(0, (b & ~(0x7ffn << 52n)) | (1022n << 52n));
  return [view.getFloat64(0), e];
}

/** frac * 2^exp, exact while the result is normal (Go's math.Ldexp). */
export function ldexp(frac: number, exp: number): number {
  let v = frac;
  let e = exp;
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}

/** m * 2^e exactly, m an integer. */
function decompose(x: number): [bigint, number] {
  const [frac, e] = frexp(x);
  return [BigInt(frac * 2 ** 53), e - 53];
}

/** a*b + c rounded once, as the FMA instructions do. */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0)
    return a * b + c;
  if (c === 0) return a * b;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  let m = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (m === 0n) return 0;
  const negative = m < 0n;
  if (negative) m = -m;
  // Keep 64 significant bits plus a sticky bit so that Number() rounds exactly once.
  let shift = m.toString(2).length - 64;
  if (shift > 0) {
    const lost = m & ((1n << BigInt(shift)) - 1n);
    m >>= BigInt(shift);
    if (lost !== 0n) m |= 1n;
  } else shift = 0;
  const out = ldexp(Number(m), e + shift);
  return negative ? -out : out;
}

const LOG2E = Math.LOG2E;
const LN2U = 0.693147180559663;
const LN2L = 2.8235290563031577e-13;
const EXP_OVERFLOW = 709.782712893384;
const TAYLOR = [
  0.0000248015873015873, 0.0001984126984126984, 0.001388888888888889, 0.008333333333333333,
  0.041666666666666664, 0.16666666666666666, 0.5, 1,
];

/** Round half to even, as CVTSD2SL does under the default rounding mode. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function goExp(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
  const product = LOG2E * x;
  const k = Math.abs(product) < 2147483647 ? roundEven(product) : -2147483648;
  let r = fma(-LN2U, k, x);
  r = fma(-LN2L, k, r);
  r *= 0.0625;
  let p = TAYLOR[0] as number;
  for (let i = 1; i < TAYLOR.length; i++) p = fma(p, r, TAYLOR[i] as number);
  let y = r * p;
  for (let i = 0; i < 3; i++) y *= y + 2;
  y = fma(y, y + 2, 1);
  const biased = k + 0x3ff;
  if (biased <= 0) return 0;
  if (biased >= 0x7ff) return Number.POSITIVE_INFINITY;
  return y * 2 ** k;
}

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const L = [
  0.6666666666666735, 0.3999999999940942, 0.2857142874366239, 0.22222198432149784, 0.1818357216161805,
  0.15313837699209373, 0.14798198605116586,
] as const;

export function goLog(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  let [f1, ki] = frexp(x);
  if (f1 < Math.SQRT2 / 2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L[0] + s4 * (L[2] + s4 * (L[4] + s4 * L[6])));
  const t2 = s4 * (L[1] + s4 * (L[3] + s4 * L[5]));
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

export function goLog10(x: number): number {
  return goLog(x) * Math.LOG10E;
}

export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  // Exact for powers of two.
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * Math.LOG2E + exp;
}

function isOddInt(x: number): boolean {
  if (Math.abs(x) >= 2 ** 53) return false;
  return Number.isInteger(x) && Math.abs(x % 2) === 1;
}

/** Go's math.Pow: repeated squaring for the integer part of y, Exp/Log for the fraction. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === 0) {
    if (y < 0) {
      if (Object.is(x, -0) && isOddInt(y)) return Number.NEGATIVE_INFINITY;
      return Number.POSITIVE_INFINITY;
    }
    if (Object.is(x, -0) && isOddInt(y)) return x;
    return 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === (y === Number.POSITIVE_INFINITY)) return 0;
    return Number.POSITIVE_INFINITY;
  }
  if (!Number.isFinite(x)) {
    if (x === Number.NEGATIVE_INFINITY) return goPow(1 / x, -y);
    return y < 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return Number.NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === y > 0) return 0;
    return Number.POSITIVE_INFINITY;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = goExp(yf * goLog(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      // Catastrophic overflow: let ldexp saturate.
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}
