// Sorting the few keys of a map in place. Maps obsgen writes have a handful of keys and there are
// hundreds of thousands of them a run: an insertion sort needs none of the work array the built-in
// sort allocates per call, which beats it up to a couple of dozen items.

/** Above this many items the built-in sort is the faster one. */
const insertionSortLimit = 24;

/** Sorts `items[0..count)` in place by `compare` (stable, as the built-in sort is). */
export function sortPrefix<T>(items: T[], count: number, compare: (a: T, b: T) => number): void {
  if (count > insertionSortLimit) {
    const sorted = items.slice(0, count).sort(compare);
    for (let i = 0; i < count; i++) items[i] = sorted[i] as T;
    return;
  }
  for (let i = 1; i < count; i++) {
    const item = items[i] as T;
    let j = i;
    while (j > 0 && compare(items[j - 1] as T, item) > 0) {
      items[j] = items[j - 1] as T;
      j--;
    }
    items[j] = item;
  }
}

/** Code unit order, as Prometheus and the YAML output sort names. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
