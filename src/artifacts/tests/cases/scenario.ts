// A scenario: input series and, minute by minute, the value of the alert's condition on them (null
// where the condition does not hold), computed from the rules' semantics (minutes.ts).
import type { Series } from '../series.ts';

export interface Scenario {
  readonly series: readonly Series[];
  /** Last minute with samples. */
  readonly minutes: number;
  readonly value: (t: number) => number | null;
  /** Whether a comparison at minute t is too close to call (float noise could flip it). */
  readonly knifeEdge: (t: number) => boolean;
}

/** A measured value that compares to the threshold too closely to trust either verdict. */
export function near(value: number | null, threshold: number): boolean {
  return value !== null && Math.abs(value - threshold) <= 1e-9 * Math.max(1, Math.abs(threshold));
}

/**
 * The scenario with each minute's value and knife edge computed once: the cases ask for a minute
 * many times over (every later minute's `for` walks back through it).
 */
export function memoized(s: Scenario): Scenario {
  const values = new Map<number, number | null>();
  const edges = new Map<number, boolean>();
  return {
    series: s.series,
    minutes: s.minutes,
    value: (t) => {
      const known = values.get(t);
      if (known !== undefined) return known;
      const v = s.value(t);
      values.set(t, v);
      return v;
    },
    knifeEdge: (t) => {
      const known = edges.get(t);
      if (known !== undefined) return known;
      const edge = s.knifeEdge(t);
      edges.set(t, edge);
      return edge;
    },
  };
}
