// text/template's builtins plus the functions Prometheus 2.42 adds for alert templates
// (template/template.go): humanize*, title, reReplaceAll, match, query helpers, stripPort...
import { type RE2JS, re2 } from '../promql/re2.ts';
import { TemplateExecError, type TemplateFunc, type TemplateFunctions } from './exec.ts';
import { formatFloat } from './gofloat.ts';
import { goQuote, sprintf } from './printf.ts';
import { formatV, type GoValue, goBool, goFloat, goInt, goNil, goString, isTrue, typeName } from './value.ts';

function arity(name: string, args: readonly GoValue[], want: number): void {
  if (args.length !== want)
    throw new TemplateExecError(`wrong number of args for ${name}: want ${want} got ${args.length}`);
}

function str(v: GoValue | undefined): string {
  if (v?.kind === 'string') return v.v;
  throw new TemplateExecError(`wrong type for value; expected string; got ${v ? typeName(v) : '<nil>'}`);
}

/** Prometheus's convertToFloat: numbers, and strings parsed as Go's ParseFloat would. */
function toFloat(v: GoValue | undefined): number {
  if (v === undefined) throw new TemplateExecError('missing argument');
  if (v.kind === 'float' || v.kind === 'int') return v.v;
  if (v.kind === 'string') {
    const t = v.v.trim() === v.v ? v.v : '';
    const parsed = parseGoFloat(t);
    if (parsed === null)
      throw new TemplateExecError(`strconv.ParseFloat: parsing ${goQuote(v.v)}: invalid syntax`);
    return parsed;
  }
  throw new TemplateExecError(`can't convert ${typeName(v)} to float`);
}

function parseGoFloat(s: string): number | null {
  const lower = s.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(lower)) return Number.NaN;
  if (!/^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(s))
    return null;
  return Number(s.replaceAll('_', ''));
}

/** g4 by value: the alert texts of many services humanize the same few values. Bounded. */
const g4Known = new Map<number, string>();
const g4Kept = 10_000;

function g4(v: number): string {
  // A map holds 0 and -0 under one key, and they print differently.
  if (v === 0) return formatFloat(v, 'g', 4);
  const known = g4Known.get(v);
  if (known !== undefined) return known;
  const text = formatFloat(v, 'g', 4);
  if (g4Known.size >= g4Kept) g4Known.clear();
  g4Known.set(v, text);
  return text;
}

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v) + prefix;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v) + prefix;
}

function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v) + prefix;
}

/** Go's int64(v) on amd64: truncation, and the minimum int64 for anything out of range. */
function goInt64(v: number): bigint {
  return Math.abs(v) < 9.223372036854776e18 ? BigInt(Math.trunc(v)) : -9223372036854775808n;
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return `${g4(v)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const abs = Math.abs(v);
    const duration = goInt64(abs);
    const seconds = duration % 60n;
    const minutes = (duration / 60n) % 60n;
    const hours = (duration / 3600n) % 24n;
    const days = duration / 86400n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(abs)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}s`;
}

/** Go's time.Time String() in UTC of model.TimeFromUnixNano(int64(v*1e9)): millisecond precision. */
function humanizeTimestamp(v: number): string {
  if (!Number.isFinite(v)) return g4(v);
  const nanos = v * 1e9;
  if (nanos > 2 ** 63 || nanos < -(2 ** 63))
    throw new TemplateExecError(
      `${formatFloat(v, 'g', -1)} cannot be represented as a nanoseconds timestamp since it overflows int64`,
    );
  const ms = Number(goInt64(nanos) / 1_000_000n);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return `${ms}ms`;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const frac = ((ms % 1000) + 1000) % 1000;
  const fracText = frac === 0 ? '' : `.${pad(frac, 3)}`.replace(/0+$/, '');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fracText} +0000 UTC`;
}

/** strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{N}_]/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

/** Go regexp's Expand for `$1`, `${1}`, `$name`, `$$`. */
function expandReplacement(
  template: string,
  groups: readonly (string | undefined)[],
  named: Record<string, string>,
): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name = '';
    let end = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      name = close === -1 ? '' : template.slice(i + 2, close);
      end = close + 1;
      if (!/^\w+$/.test(name)) {
        out += '$';
        continue;
      }
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (!m) {
        out += '$';
        continue;
      }
      name = m[0];
      end = i + 1 + name.length;
    }
    if (/^\d+$/.test(name)) out += groups[Number(name)] ?? '';
    else out += named[name] ?? '';
    i = end - 1;
  }
  return out;
}

function compileRegex(pattern: string): RE2JS {
  try {
    return re2().compile(pattern);
  } catch (e) {
    throw new TemplateExecError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function reReplaceAll(pattern: string, repl: string, text: string): string {
  const re = compileRegex(pattern);
  return re.matcher(text).replaceAll((...parts: unknown[]) => {
    const last = parts[parts.length - 1];
    const hasNamed = typeof last === 'object' && last !== null;
    const named: Record<string, string> = hasNamed ? (last as Record<string, string>) : {};
    const groups = parts
      .slice(0, parts.length - (hasNamed ? 3 : 2))
      .map((p) => (typeof p === 'string' ? p : undefined));
    return expandReplacement(repl, groups, named);
  });
}

/** Go's comparison rules for eq/ne/lt/...: same basic kind, ints and floats never mix. */
function basicKind(v: GoValue): 'bool' | 'int' | 'float' | 'string' {
  if (v.kind === 'bool' || v.kind === 'int' || v.kind === 'float' || v.kind === 'string') return v.kind;
  throw new TemplateExecError('invalid type for comparison');
}

function equal(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new TemplateExecError('incompatible types for comparison');
  return (a as { v: unknown }).v === (b as { v: unknown }).v;
}

function less(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'bool' || kb === 'bool') throw new TemplateExecError('invalid type for comparison');
  if (ka !== kb) throw new TemplateExecError('incompatible types for comparison');
  return (a as { v: number | string }).v < (b as { v: number | string }).v;
}

function sampleField(s: GoValue | undefined, name: 'Labels' | 'Value'): GoValue {
  if (s?.kind !== 'struct')
    throw new TemplateExecError(
      `wrong type for value; expected *template.sample; got ${s ? typeName(s) : '<nil>'}`,
    );
  return s.v.get(name) ?? goNil;
}

function fromBool(b: boolean): GoValue {
  return goBool(b);
}

/** Runs a PromQL query at the alert's evaluation time; supplied by the rule evaluator. */
export type TemplateQuery = (expr: string) => GoValue;

/** The `query` function over an engine (none: an error, as where Prometheus has no engine at hand). */
function queryFunction(query: TemplateQuery | null): TemplateFunc {
  return (args) => {
    arity('query', args, 1);
    if (query === null) throw new TemplateExecError('query is not supported here');
    return query(str(args[0] ?? goNil));
  };
}

/** `funcs` with `query` over another engine: a view, cheaper than making or copying every function. */
export function withQuery(funcs: TemplateFunctions, query: TemplateQuery | null): TemplateFunctions {
  const overQuery = queryFunction(query);
  return { get: (name) => (name === 'query' ? overQuery : funcs.get(name)) };
}

export function prometheusFuncs(query: TemplateQuery | null): Map<string, TemplateFunc> {
  const f = new Map<string, TemplateFunc>();
  const def = (name: string, fn: TemplateFunc): void => {
    f.set(name, fn);
  };
  const unary = (name: string, fn: (a: GoValue) => GoValue): void =>
    def(name, (args) => {
      arity(name, args, 1);
      return fn(args[0] ?? goNil);
    });
  // text/template builtins.
  def('not', (args) => {
    arity('not', args, 1);
    return fromBool(!isTrue(args[0] ?? goNil));
  });
  def('len', (args) => {
    arity('len', args, 1);
    const a = args[0] ?? goNil;
    if (a.kind === 'string') return goInt(new TextEncoder().encode(a.v).length);
    if (a.kind === 'map') return goInt(a.v.size);
    if (a.kind === 'slice') return goInt(a.v.length);
    throw new TemplateExecError(`len of type ${typeName(a)}`);
  });
  def('index', (args) => {
    let item = args[0] ?? goNil;
    for (const key of args.slice(1)) {
      if (item.kind === 'map') item = item.v.get(str(key)) ?? (item.elem === 'string' ? goString('') : goNil);
      else if (item.kind === 'slice') {
        if (key.kind !== 'int') throw new TemplateExecError('cannot index slice/array with non-int');
        const e = item.v[key.v];
        if (e === undefined) throw new TemplateExecError(`index out of range: ${key.v}`);
        item = e;
      } else throw new TemplateExecError(`can't index item of type ${typeName(item)}`);
    }
    return item;
  });
  def('printf', (args) => goString(sprintf(str(args[0]), args.slice(1))));
  def('print', (args) => {
    let out = '';
    args.forEach((a, i) => {
      const prev = args[i - 1];
      if (i > 0 && a.kind !== 'string' && prev?.kind !== 'string') out += ' ';
      out += formatV(a);
    });
    return goString(out);
  });
  def('println', (args) => goString(`${args.map(formatV).join(' ')}\n`));
  def('eq', (args) => {
    if (args.length < 2) throw new TemplateExecError('missing argument for comparison');
    const [a, ...rest] = args;
    return fromBool(rest.some((b) => equal(a ?? goNil, b)));
  });
  def('ne', (args) => {
    arity('ne', args, 2);
    return fromBool(!equal(args[0] ?? goNil, args[1] ?? goNil));
  });
  def('lt', (args) => {
    arity('lt', args, 2);
    return fromBool(less(args[0] ?? goNil, args[1] ?? goNil));
  });
  def('le', (args) => {
    arity('le', args, 2);
    return fromBool(less(args[0] ?? goNil, args[1] ?? goNil) || equal(args[0] ?? goNil, args[1] ?? goNil));
  });
  def('gt', (args) => {
    arity('gt', args, 2);
    return fromBool(!less(args[0] ?? goNil, args[1] ?? goNil) && !equal(args[0] ?? goNil, args[1] ?? goNil));
  });
  def('ge', (args) => {
    arity('ge', args, 2);
    return fromBool(!less(args[0] ?? goNil, args[1] ?? goNil));
  });
  def('html', (args) =>
    goString(
      args
        .map(formatV)
        .join('')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&#34;')
        .replace(/'/g, '&#39;'),
    ),
  );
  def('urlquery', (args) => goString(encodeURIComponent(args.map(formatV).join('')).replace(/%20/g, '+')));
  // Prometheus functions.
  unary('humanize', (a) => goString(humanize(toFloat(a))));
  unary('humanize1024', (a) => goString(humanize1024(toFloat(a))));
  unary('humanizeDuration', (a) => goString(humanizeDuration(toFloat(a))));
  unary('humanizePercentage', (a) => goString(`${g4(toFloat(a) * 100)}%`));
  unary('humanizeTimestamp', (a) => goString(humanizeTimestamp(toFloat(a))));
  unary('title', (a) => goString(title(str(a))));
  unary('toUpper', (a) => goString(str(a).toUpperCase()));
  unary('toLower', (a) => goString(str(a).toLowerCase()));
  unary('safeHtml', (a) => ({ kind: 'string', v: str(a), html: true }));
  unary('stripPort', (a) => {
    const hostPort = str(a);
    const m = /^\[([^\]]*)\]:\d*$/.exec(hostPort) ?? /^([^:]*):\d*$/.exec(hostPort);
    return goString(m ? (m[1] ?? hostPort) : hostPort);
  });
  def('reReplaceAll', (args) => {
    arity('reReplaceAll', args, 3);
    return goString(reReplaceAll(str(args[0]), str(args[1]), str(args[2])));
  });
  def('match', (args) => {
    arity('match', args, 2);
    return goBool(compileRegex(str(args[0])).test(str(args[1])));
  });
  def('label', (args) => {
    arity('label', args, 2);
    const labels = sampleField(args[1], 'Labels');
    return labels.kind === 'map' ? (labels.v.get(str(args[0])) ?? goString('')) : goString('');
  });
  unary('value', (s) => sampleField(s, 'Value'));
  unary('strvalue', (s) => {
    const labels = sampleField(s, 'Labels');
    return labels.kind === 'map' ? (labels.v.get('__value__') ?? goString('')) : goString('');
  });
  unary('first', (v) => {
    if (v.kind !== 'slice')
      throw new TemplateExecError(`wrong type for value; expected template.queryResult; got ${typeName(v)}`);
    const head = v.v[0];
    if (head === undefined) throw new TemplateExecError('first() called on vector with no elements');
    return head;
  });
  def('args', (args) => {
    const m = new Map<string, GoValue>();
    args.forEach((a, i) => {
      m.set(`arg${i}`, a);
    });
    return { kind: 'map', v: m, elem: 'interface' };
  });
  def('tmpl', (args, ctx) => {
    arity('tmpl', args, 2);
    return { kind: 'string', v: ctx.runNamed(str(args[0]), args[1] ?? goNil), html: true };
  });
  def('sortByLabel', (args) => {
    arity('sortByLabel', args, 2);
    const label = str(args[0]);
    const v = args[1] ?? goNil;
    if (v.kind !== 'slice')
      throw new TemplateExecError(`wrong type for value; expected template.queryResult; got ${typeName(v)}`);
    const key = (s: GoValue): string => {
      const l = sampleField(s, 'Labels');
      const x = l.kind === 'map' ? l.v.get(label) : undefined;
      return x?.kind === 'string' ? x.v : '';
    };
    return { ...v, v: [...v.v].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
  });
  def('query', queryFunction(query));
  def('parseDuration', (args) => {
    arity('parseDuration', args, 1);
    const d = str(args[0]);
    const m = /^(\d+)(ms|s|m|h|d|w|y)$/.exec(d);
    if (!m) throw new TemplateExecError(`not a valid duration string: ${goQuote(d)}`);
    const unit: Record<string, number> = {
      ms: 0.001,
      s: 1,
      m: 60,
      h: 3600,
      d: 86400,
      w: 604800,
      y: 31536000,
    };
    return goFloat(Number(m[1]) * (unit[m[2] ?? 's'] ?? 1));
  });
  def('graphLink', (args) =>
    goString(`/graph?g0.expr=${encodeURIComponent(str(args[0])).replace(/%20/g, '+')}&g0.tab=0`),
  );
  def('tableLink', (args) =>
    goString(`/graph?g0.expr=${encodeURIComponent(str(args[0])).replace(/%20/g, '+')}&g0.tab=1`),
  );
  unary('stripDomain', (a) => {
    const hostPort = str(a);
    const m = /^(\[[^\]]*\]|[^:]*)(:\d*)?$/.exec(hostPort);
    const host = m?.[1] ?? hostPort;
    if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return goString(hostPort);
    return goString(host.split('.')[0] + (m?.[2] ?? ''));
  });
  // Defined so templates using them parse as in Prometheus; not meaningful in unit tests.
  for (const name of ['call', 'slice', 'js', 'toTime', 'externalURL', 'pathPrefix']) {
    def(name, () => {
      throw new TemplateExecError(`${name} is not supported by obsgen's template engine`);
    });
  }
  return f;
}

let names: ReadonlySet<string> | null = null;

/** Every function name Prometheus 2.42's alert templates know (for parse-time checks). */
export function prometheusFunctionNames(): ReadonlySet<string> {
  names ??= new Set([...prometheusFuncs(null).keys(), 'and', 'or']);
  return names;
}
