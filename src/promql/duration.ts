// Prometheus durations (`1h30m`, `5m`, `250ms`), the one duration module: parsing as
// model.ParseDuration does, printing in the canonical form Prometheus prints, and the spelling in
// days that generated files use, so a 28d SLO window stays "28d" instead of "4w".

const units: readonly (readonly [string, number])[] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

/** Largest duration Go's time.Duration holds, in milliseconds. */
const maxMs = 9223372036854;

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

const parsedDurations = new Map<string, DurationResult>();

/** Parses `1h30m`-style text: units in decreasing order, each at most once. */
export function parseDuration(text: string): DurationResult {
  let result = parsedDurations.get(text);
  if (result === undefined) {
    result = parseDurationText(text);
    if (parsedDurations.size > 1000) parsedDurations.clear();
    parsedDurations.set(text, result);
  }
  return result;
}

/** Milliseconds, or null when the text is not a Prometheus duration. */
export function durationMs(text: string): number | null {
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.ms : null;
}

function parseDurationText(text: string): DurationResult {
  if (text === '0') return { ok: true, ms: 0 };
  if (text === '') return { ok: false, message: 'empty duration string' };
  const invalid = { ok: false as const, message: `not a valid duration string: ${JSON.stringify(text)}` };
  let i = 0;
  let nextUnit = 0;
  let total = 0;
  let overflow = false;
  while (i < text.length) {
    const digitsStart = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === digitsStart) return invalid;
    const count = Number(text.slice(digitsStart, i));
    let unit = text.charAt(i);
    if (unit === 'm' && text.charAt(i + 1) === 's') unit = 'ms';
    const index = units.findIndex(([name]) => name === unit);
    if (index < nextUnit) return invalid;
    const entry = units[index];
    if (entry === undefined) return invalid;
    i += unit.length;
    nextUnit = index + 1;
    if (count > Math.floor(maxMs / entry[1])) overflow = true;
    total += count * entry[1];
    if (total > maxMs) overflow = true;
  }
  if (overflow) return { ok: false, message: 'duration out of range' };
  return { ok: true, ms: total };
}

/** Prometheus's canonical duration text: `1h30m`, `90d` (years and weeks only when exact). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (exactOnly && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/** Days and the units below them. */
const dayUnits = units.slice(units.findIndex(([name]) => name === 'd'));

/** The shortest spelling in days and smaller units, never weeks or years: 5400000 -> `1h30m`. */
export function formatDurationInDays(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, factor] of dayUnits) {
    const amount = Math.floor(rest / factor);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * factor;
    }
  }
  return text;
}
