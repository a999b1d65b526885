// A small, fast YAML writer for the plain data obsgen emits (maps, lists, strings, numbers, booleans,
// null). Generic YAML libraries build a node tree for every value; at 1,000 services that dominated
// gen's time. Scalars are written plain where YAML 1.1 and 1.2 readers (Go's yaml.v2 in Prometheus
// and Alertmanager included) read them back as the same string, quoted otherwise.

export type YamlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

/** Words YAML 1.1 or 1.2 would read as booleans or null, and anything number-like. */
const reservedPlain =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const numberLike =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?$|^\d{4}-\d\d?-\d\d?/;
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
// Printable characters only: anything else must be escaped in a double-quoted scalar.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ud800-\udfff]/;

export function canBePlain(text: string): boolean {
  if (text === '' || text.trim() !== text) return false;
  if (indicatorStart.test(text) && !/^[-?:][^\s,[\]{}]/.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.includes('\t')) return false;
  if (text.includes('\n') || unprintable.test(text)) return false;
  if (/^[-?:]/.test(text) && (text.startsWith('- ') || text.startsWith('? ') || text.startsWith(': ')))
    return false;
  if (text.startsWith('---') || text.startsWith('...')) return false;
  return !reservedPlain.test(text) && !numberLike.test(text);
}

function quoted(text: string): string {
  if (text.includes('"') && !text.includes("'") && !unprintable.test(text) && !text.includes('\n'))
    return `'${text}'`;
  return JSON.stringify(text);
}

/**
 * Most strings gen writes (names, label values, expressions, durations): printable ASCII from `(`,
 * `$`, `/`, `_`, a letter or a digit (none starts a YAML indicator or a `---`/`...` marker), with no
 * `: `, ` #`, trailing `:` or trailing space. One native regex pass; the alternatives are disjoint.
 */
const plainAsciiText = /^[A-Za-z_$(/0-9](?:[!-9;-~]|:(?=[^ ])| (?=[^#]))*$/;

/**
 * canBePlain's answer for text plainAsciiText accepts, with one more regex at most: a reserved word
 * (true, no, null...; none is longer than 5) after a letter, a number after a digit.
 */
export function plainAscii(text: string): boolean {
  if (!plainAsciiText.test(text)) return false;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return !numberLike.test(text);
  return text.length > 5 || !reservedPlain.test(text);
}

function scalar(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (plainAscii(value)) return value;
  return canBePlain(value) ? value : quoted(value);
}

/** A multi-line string as a literal block (`|`, `|-`, `|+`), when every line allows it. */
function literalBlock(text: string, indent: string): string | null {
  if (!text.includes('\n') || unprintable.test(text) || text.includes('\r') || /^[ \t]/.test(text))
    return null;
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing > 1 ? text.slice(0, -1) : body).split('\n');
  return `|${chomp}\n${lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join('\n')}`;
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type YamlMap = { readonly [key: string]: YamlValue };

/** The keys of a map to write, in output order; keys whose value is `undefined` are left out. */
export type KeyOrder = (map: YamlMap) => readonly string[];

/** The map's own order (insertion order, integer-like keys first as JavaScript enumerates them). */
export const insertionOrder: KeyOrder = (map) => {
  const keys: string[] = [];
  for (const key of Object.keys(map)) if (map[key] !== undefined) keys.push(key);
  return keys;
};

/** Lines for `value` placed after `key:` (or a `- `), at nesting `indent`. */
function writeValue(value: YamlValue, indent: string, out: string[], prefix: string, order: KeyOrder): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${prefix} []`);
      return;
    }
    out.push(prefix);
    const inner = `${indent}  `;
    for (const item of value) writeItem(item, inner, out, order);
    return;
  }
  if (isMap(value)) {
    const keys = order(value);
    if (keys.length === 0) {
      out.push(`${prefix} {}`);
      return;
    }
    out.push(prefix);
    const inner = `${indent}  `;
    for (const k of keys) writeValue(value[k], inner, out, `${inner}${scalar(k)}:`, order);
    return;
  }
  if (typeof value === 'string') {
    if (plainAscii(value)) {
      out.push(`${prefix} ${value}`);
      return;
    }
    const block = literalBlock(value, `${indent}  `);
    if (block !== null) {
      out.push(`${prefix} ${block}`);
      return;
    }
  }
  out.push(`${prefix} ${scalar(value as string | number | boolean | null)}`);
}

/** One `- ` list item at `indent`. */
function writeItem(item: YamlValue, indent: string, out: string[], order: KeyOrder): void {
  if (isMap(item)) {
    const keys = order(item);
    if (keys.length > 0) {
      const inner = `${indent}  `;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        writeValue(item[k], inner, out, `${i === 0 ? `${indent}- ` : inner}${scalar(k)}:`, order);
      }
      return;
    }
  }
  if (Array.isArray(item) && item.length > 0) {
    const nested: string[] = [];
    for (const inner of item) writeItem(inner, `${indent}  `, nested, order);
    out.push(`${indent}- ${(nested[0] ?? '').trimStart()}`, ...nested.slice(1));
    return;
  }
  writeValue(item, indent, out, `${indent}-`, order);
}

/** A YAML document for `value`, map keys in `order` (default: as given), ending in a newline. */
export function writeYaml(value: YamlValue, order: KeyOrder = insertionOrder): string {
  const out: string[] = [];
  if (isMap(value)) {
    const keys = order(value);
    if (keys.length === 0) out.push('{}');
    for (const k of keys) writeValue(value[k], '', out, `${scalar(k)}:`, order);
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.push('[]');
    for (const item of value) writeItem(item, '', out, order);
  } else {
    out.push(scalar(value as string | number | boolean | null));
  }
  return `${out.join('\n')}\n`;
}
