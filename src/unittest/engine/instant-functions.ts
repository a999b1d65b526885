// Functions over instant vectors and scalars (math, clamp, round, date parts, labels, sort...), as in
// Prometheus 2.42's promql/functions.go.

import {
  goAcos,
  goAsin,
  goAtan,
  goCos,
  goCosh,
  goExp,
  goLog,
  goLog2,
  goLog10,
  goSin,
  goSinh,
  goTan,
  goTanh,
} from './gomath.ts';
import { dropMetricName, getLabel, isValidLabelName, type Labels, setLabel } from './labels.ts';
import { anchoredRegex } from './store.ts';
import { QueryError, type Sample } from './types.ts';

type Unary = (v: number) => number;

/** Functions that map each sample's value and drop the metric name. */
export const MATH_FUNCTIONS: Readonly<Record<string, Unary>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: goExp,
  sqrt: Math.sqrt,
  ln: goLog,
  log2: goLog2,
  log10: goLog10,
  sin: goSin,
  cos: goCos,
  tan: goTan,
  asin: goAsin,
  acos: goAcos,
  atan: goAtan,
  sinh: goSinh,
  cosh: goCosh,
  tanh: goTanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
};

export function mapValues(vec: readonly Sample[], ts: number, f: Unary): Sample[] {
  return vec.map((s) => ({ labels: dropMetricName(s.labels), value: f(s.value), t: ts }));
}

export function round(vec: readonly Sample[], ts: number, toNearest: number): Sample[] {
  // Rounding to the inverse is what Prometheus does: it avoids some float error for 0.1 and alike.
  const toNearestInverse = 1.0 / toNearest;
  return mapValues(vec, ts, (v) => Math.floor(v * toNearestInverse + 0.5) / toNearestInverse);
}

/** Date parts in UTC, as Go's time package gives them. */
export const DATE_FUNCTIONS: Readonly<Record<string, (d: Date) => number>> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => {
    const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
    return Math.floor((d.getTime() - startOfYear) / 86_400_000) + 1;
  },
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

/** Go's int64(float) on amd64: out-of-range and NaN become the minimum int64. */
function goSecondsToDate(v: number): Date {
  const seconds = Number.isFinite(v) && Math.abs(v) < 9.2e18 ? Math.trunc(v) : -9.223372036854776e18;
  return new Date(seconds * 1000);
}

export function datePart(vec: readonly Sample[], ts: number, f: (d: Date) => number): Sample[] {
  return vec.map((s) => ({ labels: dropMetricName(s.labels), value: f(goSecondsToDate(s.value)), t: ts }));
}

/** Go's regexp.Expand template: $1, ${1}, $name, ${name}, $$. */
function expandTemplate(template: string, group: (name: string) => string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template.charAt(i);
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = template.charAt(i + 1);
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string | null = null;
    let end = i + 1;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        end = close + 1;
      }
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (m) {
        name = m[0];
        end = i + 1 + m[0].length;
      }
    }
    if (name === null) {
      // A malformed reference is copied as it stands.
      out += '$';
      i++;
      continue;
    }
    out += group(name);
    i = end;
  }
  return out;
}

export function labelReplace(
  vec: readonly Sample[],
  dst: string,
  replacement: string,
  src: string,
  regex: string,
): Sample[] {
  let re: ReturnType<typeof anchoredRegex>;
  try {
    re = anchoredRegex(regex);
  } catch {
    throw new QueryError(`invalid regular expression in label_replace(): ${regex}`);
  }
  if (!isValidLabelName(dst))
    throw new QueryError(`invalid destination label name in label_replace(): ${dst}`);
  const named = re.namedGroups();
  return vec.map((s) => {
    const srcVal = getLabel(s.labels, src);
    const m = re.matcher(srcVal);
    if (!m.find()) return s;
    const value = expandTemplate(replacement, (name) => {
      const index = /^\d+$/.test(name) ? Number(name) : named[name];
      if (index === undefined || index > m.groupCount()) return '';
      return m.group(index) ?? '';
    });
    const labels: Labels = setLabel(s.labels, dst, value);
    return { labels, value: s.value, t: s.t };
  });
}

export function labelJoin(
  vec: readonly Sample[],
  dst: string,
  sep: string,
  srcs: readonly string[],
): Sample[] {
  for (const src of srcs) {
    if (!isValidLabelName(src)) throw new QueryError(`invalid source label name in label_join(): ${src}`);
  }
  if (!isValidLabelName(dst)) throw new QueryError(`invalid destination label name in label_join(): ${dst}`);
  return vec.map((s) => {
    const joined = srcs.map((src) => getLabel(s.labels, src)).join(sep);
    return { labels: setLabel(s.labels, dst, joined), value: s.value, t: s.t };
  });
}
