// Go's container/heap over samples, so topk/bottomk break ties exactly as Prometheus does.
import type { Sample } from './types.ts';

export type Less = (a: Sample, b: Sample) => boolean;

function heapUp(h: Sample[], j0: number, less: Less): void {
  let j = j0;
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    j = i;
  }
}

function heapDown(h: Sample[], i0: number, n: number, less: Less): void {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2] as Sample, h[j1] as Sample)) j = j2;
    if (!less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    i = j;
  }
}

export function heapPush(h: Sample[], s: Sample, less: Less): void {
  h.push(s);
  heapUp(h, h.length - 1, less);
}

export function heapPop(h: Sample[], less: Less): void {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n] as Sample, h[0] as Sample];
  heapDown(h, 0, n, less);
  h.pop();
}
