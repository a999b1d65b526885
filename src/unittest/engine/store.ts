// In-memory series storage for the evaluator. Samples are appended in time order; a staleness marker
// (Prometheus's StaleNaN) is kept as a flag rather than as NaN bits, since JavaScript does not promise
// to preserve NaN payloads. A visibility cutoff mimics promtool's lazy loading: samples after
// `visibleUntil` exist but are not yet seen by queries.

import type { LabelMatcher } from '../../promql/ast.ts';
import { type FullMatcher, type RE2JS, re2, simpleAnchored } from '../../promql/re2.ts';
import { getLabel, type Labels, labelsKey, METRIC_NAME } from './labels.ts';

export interface StoredSeries {
  readonly labels: Labels;
  readonly key: string;
  readonly times: number[];
  readonly values: number[];
  /** Index set of staleness markers, null while the series has none. */
  stale: Set<number> | null;
}

export class SeriesStore {
  private readonly byKey = new Map<string, StoredSeries>();
  private readonly byName = new Map<string, StoredSeries[]>();
  private readonly all: StoredSeries[] = [];
  /** Each label array seen, to its series: input series append sample after sample, interleaved. */
  private readonly byLabels = new WeakMap<Labels, StoredSeries>();
  /** Samples with a timestamp above this are invisible to queries. */
  visibleUntil = Number.POSITIVE_INFINITY;

  /** Appends one sample; returns an error text when it would go back in time or overwrite a value. */
  append(labels: Labels, t: number, v: number | 'stale'): string | null {
    const s = this.series(labels);
    const n = s.times.length;
    const lastT = n > 0 ? (s.times[n - 1] as number) : Number.NEGATIVE_INFINITY;
    if (t < lastT) return 'out of order sample';
    if (t === lastT) {
      const lastV = s.values[n - 1] as number;
      const lastStale = s.stale?.has(n - 1) ?? false;
      const same = v === 'stale' ? lastStale : !lastStale && Object.is(lastV, v);
      return same ? null : 'duplicate sample for timestamp';
    }
    if (v === 'stale') {
      s.stale ??= new Set();
      s.stale.add(n);
      s.times.push(t);
      s.values.push(Number.NaN);
    } else {
      s.times.push(t);
      s.values.push(v);
    }
    return null;
  }

  private series(labels: Labels): StoredSeries {
    // Loaders append a series' samples with the same label array: no key to build for them.
    const known = this.byLabels.get(labels);
    if (known) return known;
    const key = labelsKey(labels);
    const found = this.byKey.get(key);
    if (found) {
      this.byLabels.set(labels, found);
      return found;
    }
    const created: StoredSeries = { labels, key, times: [], values: [], stale: null };
    this.byKey.set(key, created);
    this.all.push(created);
    const name = getLabel(labels, METRIC_NAME);
    const list = this.byName.get(name);
    if (list) list.push(created);
    else this.byName.set(name, [created]);
    this.byLabels.set(labels, created);
    return created;
  }

  /** Series matching every matcher that have at least one visible sample. */
  select(matchers: readonly LabelMatcher[], dotAll = false): StoredSeries[] {
    const nameMatcher = matchers.find((m) => m.name === METRIC_NAME && m.type === '=');
    const candidates = nameMatcher ? (this.byName.get(nameMatcher.value) ?? []) : this.all;
    const tests = matchers.map((m) => compileMatcher(m, dotAll));
    const out: StoredSeries[] = [];
    for (const s of candidates) {
      if (s.times.length === 0 || (s.times[0] as number) > this.visibleUntil) continue;
      if (tests.every((test, i) => test(getLabel(s.labels, (matchers[i] as LabelMatcher).name)))) out.push(s);
    }
    return out;
  }

  /** Number of samples of `s` visible now (they are the first ones: samples are in time order). */
  visibleCount(s: StoredSeries): number {
    if (this.visibleUntil === Number.POSITIVE_INFINITY) return s.times.length;
    return upperBound(s.times, this.visibleUntil, s.times.length);
  }
}

/** First index in times[0..n) whose time is > t. */
export function upperBound(times: readonly number[], t: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in times[0..n) whose time is >= t. */
export function lowerBound(times: readonly number[], t: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const regexCache = new Map<string, RE2JS>();

/**
 * Go regexp semantics, fully anchored as Prometheus anchors label matchers: `^(?:re)$` in 2.x,
 * `^(?s:re)$` in 3.x, where `.` also matches a newline.
 */
export function anchoredRegex(source: string, dotAll = false): RE2JS {
  const anchored = dotAll ? `^(?s:${source})$` : `^(?:${source})$`;
  let re = regexCache.get(anchored);
  if (!re) {
    re = re2().compile(anchored);
    regexCache.set(anchored, re);
  }
  return re;
}

const matcherCache = new Map<string, FullMatcher>();

/** A label matcher's regex: a RegExp when the pattern is simple (src/promql/re2.ts), else RE2's. */
function matcherRegex(source: string, dotAll: boolean): FullMatcher {
  const key = dotAll ? `s:${source}` : `:${source}`;
  let re = matcherCache.get(key);
  if (!re) {
    re = simpleAnchored(source, dotAll) ?? anchoredRegex(source, dotAll);
    matcherCache.set(key, re);
  }
  return re;
}

function compileMatcher(m: LabelMatcher, dotAll: boolean): (value: string) => boolean {
  switch (m.type) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~': {
      const re = matcherRegex(m.value, dotAll);
      return (v) => re.matches(v);
    }
    case '!~': {
      const re = matcherRegex(m.value, dotAll);
      return (v) => !re.matches(v);
    }
  }
}
