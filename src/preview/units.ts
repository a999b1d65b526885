// Grafana's value formatting for the units obsgen's dashboards use (and the common neighbours), so an
// axis reads `99.9%`, `250 ms` or `1.2 K req/s` as it would in Grafana. Unknown units are appended.

/** Up to three significant digits without a trailing `.0`, as Grafana's auto decimals show. */
function num(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(abs)));
  return String(Number(v.toFixed(digits)));
}

const shortSuffixes = ['', ' K', ' Mil', ' Bil', ' Tri'];

/** Grafana's `short`: thousands scaled to K, Mil, Bil. */
function short(v: number): string {
  let scaled = v;
  let i = 0;
  while (Math.abs(scaled) >= 1000 && i < shortSuffixes.length - 1) {
    scaled /= 1000;
    i++;
  }
  return `${num(scaled)}${shortSuffixes[i]}`;
}

function bytes(v: number, base: number, names: readonly string[]): string {
  let scaled = v;
  let i = 0;
  while (Math.abs(scaled) >= base && i < names.length - 1) {
    scaled /= base;
    i++;
  }
  return `${num(scaled)} ${names[i]}`;
}

function seconds(v: number): string {
  const abs = Math.abs(v);
  if (abs === 0) return '0 s';
  if (abs < 1e-6) return `${num(v * 1e9)} ns`;
  if (abs < 1e-3) return `${num(v * 1e6)} µs`;
  if (abs < 1) return `${num(v * 1e3)} ms`;
  if (abs < 60) return `${num(v)} s`;
  if (abs < 3600) return `${num(v / 60)} min`;
  if (abs < 86400) return `${num(v / 3600)} hour`;
  return `${num(v / 86400)} day`;
}

export function formatValue(v: number, unit: string | undefined): string {
  if (!Number.isFinite(v)) return num(v);
  switch (unit ?? '') {
    case '':
    case 'short':
      return short(v);
    case 'none':
      return num(v);
    case 'percentunit':
      return `${num(v * 100)}%`;
    case 'percent':
      return `${num(v)}%`;
    case 's':
      return seconds(v);
    case 'ms':
      return seconds(v / 1000);
    case 'reqps':
      return `${short(v)} req/s`;
    case 'ops':
      return `${short(v)} ops/s`;
    case 'rps':
      return `${short(v)} rd/s`;
    case 'wps':
      return `${short(v)} wr/s`;
    case 'bytes':
      return bytes(v, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
    case 'decbytes':
      return bytes(v, 1000, ['B', 'kB', 'MB', 'GB', 'TB']);
    default:
      return `${short(v)} ${unit}`;
  }
}

/** Grafana's named colours, as thresholds name them. */
const namedColors: Readonly<Record<string, string>> = {
  green: '#73BF69',
  'dark-green': '#37872D',
  yellow: '#FADE2A',
  'dark-yellow': '#E0B400',
  orange: '#FF9830',
  'dark-orange': '#FA6400',
  red: '#F2495C',
  'dark-red': '#C4162A',
  blue: '#5794F2',
  'dark-blue': '#1F60C4',
  purple: '#B877D9',
  'dark-purple': '#8F3BB8',
  text: '#CCCCDC',
  transparent: 'transparent',
};

export function colorOf(name: string): string {
  return namedColors[name] ?? name;
}

export interface ThresholdStep {
  readonly value: number | null;
  readonly color: string;
}

/** The colour of the highest step at or below the value (the `null` step is the base). */
export function stepColor(steps: readonly ThresholdStep[], v: number): string {
  let color = steps[0]?.color ?? 'green';
  for (const s of steps) if (s.value === null || v >= s.value) color = s.color;
  return colorOf(color);
}
