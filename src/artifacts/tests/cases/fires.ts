// Fires: on the minute the rules' semantics predict, with exactly the expected labels and rendered
// annotations; not the minute before (its `for`); and it resolves when the condition stops.
import { firstMinute } from '../test-case.ts';
import { resolveMinute } from './resolves.ts';
import type { Curve, Firing } from './scenario.ts';

/** When the alert fires and resolves on the curve; null when it never fires or too close to call. */
export function firing(s: Curve, forMinutes: number): Firing | null {
  const fire = firstMinute(0, s.minutes, (t) => s.firesAt(forMinutes, t));
  if (fire === null) return null;
  if (s.knifeEdge(fire) || s.knifeEdge(fire - 1)) return null;
  const end = resolveMinute(s, forMinutes, fire);
  const clear = end !== null && !s.knifeEdge(end) && !s.knifeEdge(end - 1);
  return { fire, value: s.value(fire) ?? 0, end: clear ? end : null };
}
