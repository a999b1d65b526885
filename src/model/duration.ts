// Prometheus durations (model.ParseDuration): units from largest to smallest, each at most once.
const units: readonly (readonly [string, number])[] = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

const durationPattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds, or null when the text is not a Prometheus duration. */
export function parseDuration(text: string): number | null {
  if (text === '') return null;
  if (text === '0') return 0;
  const match = durationPattern.exec(text);
  if (!match) return null;
  let total = 0;
  units.forEach(([, factor], index) => {
    const amount = match[index + 1];
    if (amount !== undefined) total += Number(amount) * factor;
  });
  return total;
}

/** The shortest Prometheus spelling of a duration, e.g. 5400000 -> `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, factor] of units) {
    if (unit === 'y' || unit === 'w') continue; // days read better than weeks in rule names
    const amount = Math.floor(rest / factor);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * factor;
    }
  }
  return text;
}
