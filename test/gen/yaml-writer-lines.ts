// The YAML writer as it was first written, one string per line joined at the end: the reference
// the piece-by-piece writer must match byte for byte.
import { canBePlain, type YamlValue } from '../../src/emit/yaml-writer.ts';

type YamlMap = { readonly [key: string]: YamlValue };

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ud800-\udfff]/;

function scalar(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (canBePlain(value)) return value;
  if (value.includes('"') && !value.includes("'") && !unprintable.test(value) && !value.includes('\n'))
    return `'${value}'`;
  return JSON.stringify(value);
}

function literalBlock(text: string, indent: string): string | null {
  if (!text.includes('\n') || unprintable.test(text) || text.includes('\r') || /^[ \t]/.test(text))
    return null;
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing > 1 ? text.slice(0, -1) : body).split('\n');
  return `|${chomp}\n${lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join('\n')}`;
}

function isMap(value: YamlValue): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keysOf(map: YamlMap): string[] {
  return Object.keys(map).filter((key) => map[key] !== undefined);
}

function writeValue(value: YamlValue, indent: string, out: string[], prefix: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push(`${prefix} []`);
    out.push(prefix);
    for (const item of value) writeItem(item, `${indent}  `, out);
    return;
  }
  if (isMap(value)) {
    const keys = keysOf(value);
    if (keys.length === 0) return void out.push(`${prefix} {}`);
    out.push(prefix);
    const inner = `${indent}  `;
    for (const k of keys) writeValue(value[k], inner, out, `${inner}${scalar(k)}:`);
    return;
  }
  const block = typeof value === 'string' ? literalBlock(value, `${indent}  `) : null;
  out.push(`${prefix} ${block ?? scalar(value as string | number | boolean | null)}`);
}

function writeItem(item: YamlValue, indent: string, out: string[]): void {
  if (isMap(item) && keysOf(item).length > 0) {
    const inner = `${indent}  `;
    keysOf(item).forEach((k, i) => {
      writeValue(item[k], inner, out, `${i === 0 ? `${indent}- ` : inner}${scalar(k)}:`);
    });
    return;
  }
  if (Array.isArray(item) && item.length > 0) {
    const nested: string[] = [];
    for (const inner of item) writeItem(inner, `${indent}  `, nested);
    out.push(`${indent}- ${(nested[0] ?? '').trimStart()}`, ...nested.slice(1));
    return;
  }
  writeValue(item, indent, out, `${indent}-`);
}

/** The document for `value`, keys in insertion order. */
export function writeYamlByLines(value: YamlValue): string {
  const out: string[] = [];
  if (isMap(value)) {
    const keys = keysOf(value);
    if (keys.length === 0) out.push('{}');
    for (const k of keys) writeValue(value[k], '', out, `${scalar(k)}:`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.push('[]');
    for (const item of value) writeItem(item, '', out);
  } else {
    out.push(scalar(value as string | number | boolean | null));
  }
  return `${out.join('\n')}\n`;
}
