// fmt.Sprintf for the verbs alert templates use (%s %d %f %e %g %v %q %x %t %%), with Go's
// flags, width, precision and its `%!verb(type=value)` output for mismatched arguments.
import { formatFloat } from './gofloat.ts';
import { formatV, type GoValue, typeName } from './value.ts';

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  width: number | null;
  prec: number | null;
  verb: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === null || s.length >= spec.width) return s;
  const fill = spec.width - s.length;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign?.length ?? 0);
  }
  return ' '.repeat(fill) + s;
}

function withSign(s: string, spec: Spec): string {
  if (s.startsWith('-') || s.startsWith('+')) return s;
  if (spec.plus) return `+${s}`;
  if (spec.space) return ` ${s}`;
  return s;
}

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function bad(spec: Spec, arg: GoValue): string {
  return `%!${spec.verb}(${typeName(arg)}=${formatV(arg)})`;
}

function formatFloatVerb(v: number, spec: Spec): string {
  const verb = spec.verb;
  let s: string;
  if (verb === 'v') s = formatFloat(v, 'g', spec.prec ?? -1);
  else if (verb === 'f' || verb === 'F') s = formatFloat(v, 'f', spec.prec ?? 6);
  else if (verb === 'e' || verb === 'E') s = formatFloat(v, verb, spec.prec ?? 6);
  else s = formatFloat(v, verb === 'G' ? 'G' : 'g', spec.prec ?? -1);
  if (Number.isNaN(v))
    return pad(spec.plus ? '+NaN' : spec.space ? ' NaN' : 'NaN', { ...spec, zero: false }, false);
  if (!Number.isFinite(v)) return pad(s, { ...spec, zero: false }, false);
  return pad(withSign(s, spec), spec, true);
}

function formatOne(spec: Spec, arg: GoValue): string {
  const verb = spec.verb;
  switch (arg.kind) {
    case 'float':
      if ('vfFeEgG'.includes(verb)) return formatFloatVerb(arg.v, spec);
      return bad(spec, arg);
    case 'int': {
      if (verb === 'd' || verb === 'v') {
        let s = String(Math.abs(arg.v));
        if (spec.prec !== null) s = s.padStart(spec.prec, '0');
        return pad(withSign(arg.v < 0 ? `-${s}` : s, spec), spec, true);
      }
      if (verb === 'x' || verb === 'X' || verb === 'o' || verb === 'b') {
        const base = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
        let s = Math.abs(arg.v).toString(base);
        if (verb === 'X') s = s.toUpperCase();
        return pad(withSign(arg.v < 0 ? `-${s}` : s, spec), spec, true);
      }
      if (verb === 'c') return pad(String.fromCodePoint(arg.v), spec, false);
      if (verb === 'q') return pad(`'${String.fromCodePoint(arg.v)}'`, spec, false);
      return bad(spec, arg);
    }
    case 'string': {
      let s = arg.v;
      if (verb === 's' || verb === 'v') {
        if (spec.prec !== null) s = [...s].slice(0, spec.prec).join('');
        return pad(s, spec, false);
      }
      if (verb === 'q') return pad(goQuote(s), spec, false);
      if (verb === 'x' || verb === 'X') {
        const hex = [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');
        return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
      }
      return bad(spec, arg);
    }
    case 'bool':
      if (verb === 't' || verb === 'v') return pad(arg.v ? 'true' : 'false', spec, false);
      return bad(spec, arg);
    case 'nil':
      if (verb === 'v') return pad('<nil>', spec, false);
      return `%!${verb}(<nil>)`;
    default:
      if (verb === 'v' || verb === 's') return pad(formatV(arg), spec, false);
      return bad(spec, arg);
  }
}

export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = {
      minus: false,
      plus: false,
      space: false,
      zero: false,
      sharp: false,
      width: null,
      prec: null,
      verb: '',
    };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else if (f === '#') spec.sharp = true;
      else break;
    }
    const readNumber = (): number | null => {
      if (format[i] === '*') {
        i++;
        const a = args[argIndex++];
        return a?.kind === 'int' ? a.v : null;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return null;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNumber();
    if (format[i] === '.') {
      i++;
      spec.prec = readNumber() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[argIndex++];
    if (arg === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'T') {
      out += pad(typeName(arg), spec, false);
      continue;
    }
    out += formatOne(spec, arg);
  }
  if (argIndex < args.length) {
    out += `%!(EXTRA ${args
      .slice(argIndex)
      .map((a) => `${typeName(a)}=${formatV(a)}`)
      .join(', ')})`;
  }
  return out;
}
