// The PromQL function table: argument and return types per function, and the Prometheus version
// that introduced it, so a 2.42 target rejects 3.x-only functions with a message naming the version.
import type { ValueType } from './ast.ts';

export type PromVersion = '2.42' | '3';

export interface FunctionSignature {
  readonly argTypes: readonly ValueType[];
  /** 0: exactly argTypes; n > 0: up to n optional trailing args of the last type; -1: unlimited. */
  readonly variadic: number;
  readonly returnType: ValueType;
  readonly since: PromVersion;
  /**
   * Behind `--enable-feature=promql-experimental-functions` in 3.x: the '3' profile parses them
   * (as promtool does with that flag), and the README says which need it.
   */
  readonly experimental: boolean;
  /** The version that dropped it, and what replaced it. */
  readonly removed: { readonly in: PromVersion; readonly renamedTo: string } | null;
}

const v: ValueType = 'vector';
const m: ValueType = 'matrix';
const s: ValueType = 'scalar';
const str: ValueType = 'string';

function fn(
  argTypes: readonly ValueType[],
  returnType: ValueType,
  variadic = 0,
  since: PromVersion = '2.42',
): FunctionSignature {
  return { argTypes, variadic, returnType, since, experimental: false, removed: null };
}

/** A 3.x function that needs the promql-experimental-functions feature flag. */
function experimental(signature: FunctionSignature): FunctionSignature {
  return { ...signature, experimental: true };
}

const vectorToVector = fn([v], v);
const rangeToVector = fn([m], v);
const dateFunction = fn([v], v, 1);

export const functions: Readonly<Record<string, FunctionSignature>> = {
  abs: vectorToVector,
  absent: vectorToVector,
  absent_over_time: rangeToVector,
  acos: vectorToVector,
  acosh: vectorToVector,
  asin: vectorToVector,
  asinh: vectorToVector,
  atan: vectorToVector,
  atanh: vectorToVector,
  avg_over_time: rangeToVector,
  ceil: vectorToVector,
  changes: rangeToVector,
  clamp: fn([v, s, s], v),
  clamp_max: fn([v, s], v),
  clamp_min: fn([v, s], v),
  cos: vectorToVector,
  cosh: vectorToVector,
  count_over_time: rangeToVector,
  days_in_month: dateFunction,
  day_of_month: dateFunction,
  day_of_week: dateFunction,
  day_of_year: dateFunction,
  deg: vectorToVector,
  delta: rangeToVector,
  deriv: rangeToVector,
  exp: vectorToVector,
  floor: vectorToVector,
  histogram_count: vectorToVector,
  histogram_sum: vectorToVector,
  histogram_fraction: fn([s, s, v], v),
  histogram_quantile: fn([s, v], v),
  // Prometheus 3.0 migration guide, "holt_winters function renamed": now double_exponential_smoothing,
  // and experimental.
  holt_winters: { ...fn([m, s, s], v), removed: { in: '3', renamedTo: 'double_exponential_smoothing' } },
  hour: dateFunction,
  idelta: rangeToVector,
  increase: rangeToVector,
  irate: rangeToVector,
  label_replace: fn([v, str, str, str, str], v),
  label_join: fn([v, str, str, str], v, -1),
  last_over_time: rangeToVector,
  ln: vectorToVector,
  log10: vectorToVector,
  log2: vectorToVector,
  max_over_time: rangeToVector,
  min_over_time: rangeToVector,
  minute: dateFunction,
  month: dateFunction,
  pi: fn([], s),
  predict_linear: fn([m, s], v),
  present_over_time: rangeToVector,
  quantile_over_time: fn([s, m], v),
  rad: vectorToVector,
  rate: rangeToVector,
  resets: rangeToVector,
  round: fn([v, s], v, 1),
  scalar: fn([v], s),
  sgn: vectorToVector,
  sin: vectorToVector,
  sinh: vectorToVector,
  sort: vectorToVector,
  sort_desc: vectorToVector,
  sqrt: vectorToVector,
  stddev_over_time: rangeToVector,
  stdvar_over_time: rangeToVector,
  sum_over_time: rangeToVector,
  tan: vectorToVector,
  tanh: vectorToVector,
  time: fn([], s),
  timestamp: vectorToVector,
  vector: fn([s], v),
  year: dateFunction,
  // Prometheus 3.x only (experimental ones per the 3.x function docs and changelogs).
  double_exponential_smoothing: experimental(fn([m, s, s], v, 0, '3')),
  histogram_avg: fn([v], v, 0, '3'),
  histogram_stddev: fn([v], v, 0, '3'),
  histogram_stdvar: fn([v], v, 0, '3'),
  info: experimental(fn([v, v], v, 1, '3')),
  mad_over_time: experimental(fn([m], v, 0, '3')),
  sort_by_label: experimental(fn([v, str], v, -1, '3')),
  sort_by_label_desc: experimental(fn([v, str], v, -1, '3')),
  // 3.5: timestamps of the sample a *_over_time picks; 3.7: first_over_time and its timestamp.
  ts_of_max_over_time: experimental(fn([m], v, 0, '3')),
  ts_of_min_over_time: experimental(fn([m], v, 0, '3')),
  ts_of_last_over_time: experimental(fn([m], v, 0, '3')),
  first_over_time: experimental(fn([m], v, 0, '3')),
  ts_of_first_over_time: experimental(fn([m], v, 0, '3')),
};

/** Aggregation operators that only exist in 3.x (not keywords in 2.42). */
export const laterAggregations: Readonly<Record<string, PromVersion>> = { limitk: '3', limit_ratio: '3' };

const versionOrder: readonly PromVersion[] = ['2.42', '3'];

export function supports(target: PromVersion, since: PromVersion): boolean {
  return versionOrder.indexOf(since) <= versionOrder.indexOf(target);
}

export function versionLabel(version: PromVersion): string {
  return version === '3' ? '3.0' : version;
}

export type FunctionLookup = { ok: true; signature: FunctionSignature } | { ok: false; message: string };

const lookups: Record<PromVersion, Map<string, FunctionLookup>> = { '2.42': new Map(), '3': new Map() };

/** The signature of `name` as seen by `target`, or why there is none. */
export function lookupFunction(name: string, target: PromVersion): FunctionLookup {
  const cache = lookups[target];
  let found = cache.get(name);
  if (found === undefined) {
    found = findFunction(name, target);
    if (cache.size > 1000) cache.clear();
    cache.set(name, found);
  }
  return found;
}

function findFunction(name: string, target: PromVersion): FunctionLookup {
  const signature = Object.hasOwn(functions, name) ? functions[name] : undefined;
  const since =
    signature?.since ?? (Object.hasOwn(laterAggregations, name) ? laterAggregations[name] : undefined);
  const removed = signature?.removed;
  if (removed && supports(target, removed.in)) {
    return {
      ok: false,
      message: `function ${JSON.stringify(name)} was renamed to ${JSON.stringify(removed.renamedTo)} in Prometheus ${versionLabel(removed.in)} (target is ${versionLabel(target)})`,
    };
  }
  if (signature !== undefined && supports(target, signature.since)) return { ok: true, signature };
  if (since !== undefined && supports(target, since)) {
    return {
      ok: false,
      message: `aggregation ${JSON.stringify(name)} is not supported by obsgen's parser yet`,
    };
  }
  if (since !== undefined) {
    return {
      ok: false,
      message: `function ${JSON.stringify(name)} requires Prometheus ${versionLabel(since)} (target is ${versionLabel(target)})`,
    };
  }
  return { ok: false, message: `unknown function with name ${JSON.stringify(name)}` };
}
