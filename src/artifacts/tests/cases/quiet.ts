// Stays quiet: just under the threshold, or below the traffic floor, the alert never fires.
import type { Curve } from './scenario.ts';

/** Whether the alert never fires on the curve and no minute is too close to call. */
export function staysQuiet(s: Curve, forMinutes: number): boolean {
  for (let t = 0; t <= s.minutes; t++) if (s.firesAt(forMinutes, t) || s.knifeEdge(t)) return false;
  return true;
}
