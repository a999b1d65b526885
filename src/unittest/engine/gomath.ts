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

// Trigonometry as Go's pure-Go math package computes it (Cephes polynomials, Pi/4 in three parts).
const PI4A = 0.7853981256484985;
const PI4B = 3.774894707930798e-8;
const PI4C = 2.6951514290790595e-15;
const FOUR_OVER_PI = 1.2732395447351628;
const REDUCE_THRESHOLD = 2 ** 29;
const SIN = [
  1.5896230157654656e-10, -2.5050747762857807e-8, 0.0000027557313621385722, -0.0001984126982958954,
  0.008333333333322118, -0.1666666666666663,
] as const;
const COS = [
  -1.1358536521387682e-11, 2.087570084197473e-9, -2.755731417929674e-7, 0.000024801587288851704,
  -0.0013888888888873056, 0.041666666666666595,
] as const;

function sinPoly(z: number, zz: number): number {
  return z + z * zz * (((((SIN[0] * zz + SIN[1]) * zz + SIN[2]) * zz + SIN[3]) * zz + SIN[4]) * zz + SIN[5]);
}

function cosPoly(zz: number): number {
  return (
    1 -
    0.5 * zz +
    zz * zz * (((((COS[0] * zz + COS[1]) * zz + COS[2]) * zz + COS[3]) * zz + COS[4]) * zz + COS[5])
  );
}

/** Octant and remainder of x >= 0 (below the Payne-Hanek threshold). */
function reduce(x: number): [number, number] {
  let j = Math.trunc(x * FOUR_OVER_PI);
  let y = j;
  if (j % 2 === 1) {
    j++;
    y++;
  }
  j %= 8;
  return [j, x - y * PI4A - y * PI4B - y * PI4C];
}

export function goSin(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Number.NaN;
  let sign = false;
  let a = x;
  if (a < 0) {
    a = -a;
    sign = true;
  }
  if (a >= REDUCE_THRESHOLD) return Math.sin(x);
  let [j, z] = reduce(a);
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  const zz = z * z;
  const y = j === 1 || j === 2 ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

export function goCos(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  const a = Math.abs(x);
  if (a >= REDUCE_THRESHOLD) return Math.cos(x);
  let sign = false;
  let [j, z] = reduce(a);
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  const zz = z * z;
  const y = j === 1 || j === 2 ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

const TAN_P = [-13093.693918138379, 1153516.6483858742, -17956525.197648488] as const;
const TAN_Q = [1, 13681.296347069296, -1320892.3444021097, 25008380.18233579, -53869575.592945464] as const;

export function goTan(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Number.NaN;
  let sign = false;
  let a = x;
  if (a < 0) {
    a = -a;
    sign = true;
  }
  if (a >= REDUCE_THRESHOLD) return Math.tan(x);
  let j = Math.trunc(a * FOUR_OVER_PI);
  let yj = j;
  if (j % 2 === 1) {
    j++;
    yj++;
  }
  const z = a - yj * PI4A - yj * PI4B - yj * PI4C;
  const zz = z * z;
  let y =
    zz > 1e-14
      ? z +
        z *
          ((zz * ((TAN_P[0] * zz + TAN_P[1]) * zz + TAN_P[2])) /
            ((((zz + TAN_Q[1]) * zz + TAN_Q[2]) * zz + TAN_Q[3]) * zz + TAN_Q[4]))
      : z;
  if ((j & 2) === 2) y = -1 / y;
  return sign ? -y : y;
}

export function goSinh(x: number): number {
  const P0 = -630767.3640497717;
  const P1 = -89912.72022039509;
  const P2 = -2894.211355989564;
  const P3 = -26.30563213397497;
  const Q0 = -630767.3640497717;
  const Q1 = 15215.17378790019;
  const Q2 = -173.6789535582337;
  let sign = false;
  let a = x;
  if (a < 0) {
    a = -a;
    sign = true;
  }
  let temp: number;
  if (a > 21) temp = goExp(a) * 0.5;
  else if (a > 0.5) {
    const ex = goExp(a);
    temp = (ex - 1 / ex) * 0.5;
  } else {
    const sq = a * a;
    temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * a;
    temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
  }
  return sign ? -temp : temp;
}

export function goCosh(x: number): number {
  const a = Math.abs(x);
  if (a > 21) return goExp(a) * 0.5;
  const ex = goExp(a);
  return (ex + 1 / ex) * 0.5;
}

const TANH_P = [-0.9643991794250523, -99.28772310019185, -1614.6876844170845] as const;
const TANH_Q = [112.81167849163293, 2235.4883906010045, 4844.063053251255] as const;

export function goTanh(x: number): number {
  const MAXLOG = 88.02969193111305;
  let z = Math.abs(x);
  if (z > 0.5 * MAXLOG) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    const s = goExp(2 * z);
    z = 1 - 2 / (s + 1);
    return x < 0 ? -z : z;
  }
  if (x === 0) return x;
  const s = x * x;
  return (
    x +
    (x * s * ((TANH_P[0] * s + TANH_P[1]) * s + TANH_P[2])) /
      (((s + TANH_Q[0]) * s + TANH_Q[1]) * s + TANH_Q[2])
  );
}

function xatan(x: number): number {
  const P0 = -0.8750608600031904;
  const P1 = -16.157537187333652;
  const P2 = -75.00855792314705;
  const P3 = -122.88666844901361;
  const P4 = -64.85021904942025;
  const Q0 = 24.858464901423062;
  const Q1 = 165.02700983169885;
  const Q2 = 432.88106049129027;
  const Q3 = 485.3903996359137;
  const Q4 = 194.5506571482614;
  let z = x * x;
  z =
    (z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4)) /
    (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
  return x * z + x;
}

function satan(x: number): number {
  const MOREBITS = 6.123233995736766e-17;
  const TAN3PIO8 = 2.414213562373095;
  if (x <= 0.66) return xatan(x);
  if (x > TAN3PIO8) return Math.PI / 2 - xatan(1 / x) + MOREBITS;
  return Math.PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
}

export function goAtan(x: number): number {
  if (x === 0) return x;
  return x > 0 ? satan(x) : -satan(-x);
}

export function goAsin(x: number): number {
  if (x === 0) return x;
  let sign = false;
  let a = x;
  if (a < 0) {
    a = -a;
    sign = true;
  }
  if (a > 1) return Number.NaN;
  let temp = Math.sqrt(1 - a * a);
  temp = a > 0.7 ? Math.PI / 2 - satan(temp / a) : satan(a / temp);
  return sign ? -temp : temp;
}

export function goAcos(x: number): number {
  return Math.PI / 2 - goAsin(x);
}

export function goAtan2(y: number, x: number): number {
  if (Number.isNaN(y) || Number.isNaN(x)) return Number.NaN;
  const copysign = (v: number, s: number) => (s < 0 || Object.is(s, -0) ? -Math.abs(v) : Math.abs(v));
  if (y === 0) return x >= 0 && !Object.is(x, -0) ? copysign(0, y) : copysign(Math.PI, y);
  if (x === 0) return copysign(Math.PI / 2, y);
  if (!Number.isFinite(x)) {
    if (x === Number.POSITIVE_INFINITY) return Number.isFinite(y) ? copysign(0, y) : copysign(Math.PI / 4, y);
    return Number.isFinite(y) ? copysign(Math.PI, y) : copysign((3 * Math.PI) / 4, y);
  }
  if (!Number.isFinite(y)) return copysign(Math.PI / 2, y);
  const q = goAtan(y / x);
  if (x < 0) return q <= 0 ? q + Math.PI : q - Math.PI;
  return q;
}
