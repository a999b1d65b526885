// Durations in the catalog and in generated rules. Parsing is the PromQL toolkit's (Prometheus's
// model.ParseDuration rules); printing prefers days over weeks, so a 28d SLO window stays "28d".
import { parseDuration as parsePromDuration } from '../promql/duration.ts';

/** Milliseconds, or null when the text is not a Prometheus duration. */
export function parseDuration(text: string): number | null {
  const parsed = parsePromDuration(text);
  return parsed.ok ? parsed.ms : null;
}

const units: readonly (readonly [string, number])[] = [
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** The shortest spelling in days and smaller units, e.g. 5400000 -> `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, factor] of units) {
    const amount = Math.floor(rest / factor);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * factor;
    }
  }
  return text;
}
