// Label sets as the evaluator sees them: sorted by name, no empty values, compared and hashed by a
// string key (Prometheus compares label sets name by name, value by value).

export interface Label {
  readonly name: string;
  readonly value: string;
}

/** Sorted by name, names unique, values non-empty. */
export type Labels = readonly Label[];

export const METRIC_NAME = '__name__';

const SEP = '\xff';

/** A string that is equal for equal label sets (0xff cannot occur in UTF-8 text labels). */
export function labelsKey(labels: Labels): string {
  let key = '';
  for (const l of labels) key += `${l.name}${SEP}${l.value}${SEP}`;
  return key;
}

/** Key of only the named labels (`on(...)`, `by(...)`). */
export function keyWith(labels: Labels, names: ReadonlySet<string>): string {
  let key = '';
  for (const l of labels) if (names.has(l.name)) key += `${l.name}${SEP}${l.value}${SEP}`;
  return key;
}

/** Key of all labels except the named ones and `__name__` (`ignoring(...)`, `without(...)`). */
export function keyWithout(labels: Labels, names: ReadonlySet<string>): string {
  let key = '';
  for (const l of labels) {
    if (l.name === METRIC_NAME || names.has(l.name)) continue;
    key += `${l.name}${SEP}${l.value}${SEP}`;
  }
  return key;
}

export function getLabel(labels: Labels, name: string): string {
  for (const l of labels) if (l.name === name) return l.value;
  return '';
}

function byName(a: Label, b: Label): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Builds a sorted label set from pairs; later duplicates win, empty values are dropped. */
export function labelsFrom(pairs: Iterable<readonly [string, string]>): Labels {
  const map = new Map<string, string>();
  for (const [name, value] of pairs) map.set(name, value);
  const out: Label[] = [];
  for (const [name, value] of map) if (value !== '') out.push({ name, value });
  return out.sort(byName);
}

/** Sets (or, with an empty value, deletes) one label. */
export function setLabel(labels: Labels, name: string, value: string): Labels {
  const out: Label[] = [];
  let placed = value === '';
  for (const l of labels) {
    if (l.name === name) continue;
    if (!placed && l.name > name) {
      out.push({ name, value });
      placed = true;
    }
    out.push(l);
  }
  if (!placed) out.push({ name, value });
  return out;
}

export function dropLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  return labels.filter((l) => !names.has(l.name));
}

export function keepLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  return labels.filter((l) => names.has(l.name));
}

export function dropMetricName(labels: Labels): Labels {
  for (const l of labels) if (l.name === METRIC_NAME) return labels.filter((x) => x.name !== METRIC_NAME);
  return labels;
}

/** Prometheus's labels.Compare: name by name, then value, then length. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as Label;
    const y = b[i] as Label;
    if (x.name !== y.name) return x.name < y.name ? -1 : 1;
    if (x.value !== y.value) return x.value < y.value ? -1 : 1;
  }
  return a.length - b.length;
}

/** Prometheus's labels.String(): `{__name__="up", a="b"}`, as its error messages print label sets. */
export function formatLabels(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}
