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
