// A scenario: input series and, minute by minute, the value of the alert's condition on them (null
// where the condition does not hold), computed from the rules' semantics (minutes.ts). The numbers
// (a curve) depend on the service's shape alone and are shared; the series' texts carry its names.
import { firesAt } from '../minutes.ts';
import type { Series } from '../series.ts';
import { Memo } from '../shapes.ts';

/** When a firing case's alert fires on a curve and when it resolves (cases/fires.ts). */
export interface Firing {
  readonly fire: number;
  /** The condition's value at `fire`. */
  readonly value: number;
  /** The minute it no longer fires; null when not within the scenario or too close to call. */
  readonly end: number | null;
}

/** A scenario's condition and its series' values, from its numbers alone. Made by `curve`. */
export interface Curve {
  /** Last minute with samples. */
  readonly minutes: number;
  /** promtool notations of the scenario's series, in the order of their texts. */
  readonly notations: readonly string[];
  readonly value: (t: number) => number | null;
  /** Whether a comparison at minute t is too close to call (float noise could flip it). */
  readonly knifeEdge: (t: number) => boolean;
  /** Whether an alert on this condition with this `for` fires at minute t (minutes.ts firesAt). */
  readonly firesAt: (forMinutes: number, t: number) => boolean;
  /** The cases' verdicts by `for`, made once for every service that shares the curve. */
  readonly firings: Memo<number, Firing | null>;
  readonly quiet: Memo<number, boolean>;
}

export interface Scenario {
  readonly series: readonly Series[];
  readonly curve: Curve;
}

/** A measured value that compares to the threshold too closely to trust either verdict. */
export function near(value: number | null, threshold: number): boolean {
  return value !== null && Math.abs(value - threshold) <= 1e-9 * Math.max(1, Math.abs(threshold));
}

/** `f` computed once for each minute from 0; a negative minute is asked of `f` each time. */
function byMinute<T>(f: (t: number) => T): (t: number) => T {
  const known: T[] = [];
  const computed: boolean[] = [];
  return (t) => {
    if (t < 0) return f(t);
    if (!computed[t]) {
      known[t] = f(t);
      computed[t] = true;
    }
    return known[t] as T;
  };
}

/**
 * The curve with each minute's value and knife edge computed once: the cases ask for a minute
 * many times over. Whether the alert fires reads how long the condition has held by then, counted
 * once for every `for`, rather than walking back through the minutes at each one.
 */
export function curve(
  minutes: number,
  notations: readonly string[],
  value: (t: number) => number | null,
  knifeEdge: (t: number) => boolean,
): Curve {
  const cachedValue = byMinute(value);
  /** Minutes in a row the condition holds up to and including each minute, from minute 0. */
  const held: number[] = [];
  const heldAt = (t: number): number => {
    for (let m = held.length; m <= t; m++) held.push(cachedValue(m) === null ? 0 : (held[m - 1] ?? 0) + 1);
    return held[t] ?? 0;
  };
  return {
    minutes,
    notations,
    value: cachedValue,
    knifeEdge: byMinute(knifeEdge),
    // It holds at t and has held since at least `for` minutes before (a `for` may be a fraction).
    firesAt: (forMinutes, t) => {
      if (t < 0) return firesAt(cachedValue, forMinutes, t);
      const minutesHeld = heldAt(t);
      return minutesHeld > 0 && minutesHeld - 1 >= forMinutes;
    },
    firings: new Memo(),
    quiet: new Memo(),
  };
}

/** The curve's values written on the series named by `texts` (one text per notation). */
export function scenario(texts: readonly string[], c: Curve): Scenario {
  return { series: texts.map((series, i) => ({ series, values: c.notations[i] ?? '' })), curve: c };
}
