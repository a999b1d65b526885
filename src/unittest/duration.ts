// Prometheus model.Duration as promtool reads `eval_time`, `interval`, `for` and prints them in messages.

const units: readonly (readonly [string, number, boolean])[] = [
  ['y', 365 * 24 * 3600 * 1000, true],
  ['w', 7 * 24 * 3600 * 1000, true],
  ['d', 24 * 3600 * 1000, false],
  ['h', 3600 * 1000, false],
  ['m', 60 * 1000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

const pattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export type DurationResult =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly message: string };

export function parseDuration(text: string): DurationResult {
  if (text === '0') return { ok: true, ms: 0 };
  const m = pattern.exec(text);
  if (text === '' || m === null)
    return { ok: false, message: `not a valid duration string: ${JSON.stringify(text)}` };
  let ms = 0;
  units.forEach(([, size], i) => {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * size;
  });
  return { ok: true, ms };
}

/** model.Duration.String(): `1h30m`, `0s`; years and weeks only when exact. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size, exactOnly] of units) {
    if (exactOnly && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
