// Alertmanager label matchers (pkg/labels in Alertmanager 0.25): `a="b"`, `a!="b"`, `a=~"re"`, `a!~"re"`.
// Regular expressions use Go's RE2 syntax (via re2js) and are anchored at both ends, as Alertmanager does.
import { type RE2JS, re2 } from '../promql/re2.ts';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
  /** True when the label value (empty when absent) satisfies the matcher. */
  readonly matches: (labelValue: string) => boolean;
}

/** A matcher as a config writes it, without the compiled test. */
export type MatcherFields = Pick<Matcher, 'name' | 'type' | 'value'>;

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const matcherPattern = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

export function newMatcher(name: string, type: MatchType, value: string): Parsed<Matcher> {
  if (type === '=' || type === '!=') {
    const equal = type === '=';
    return { ok: true, value: { name, type, value, matches: (v) => (v === value) === equal } };
  }
  const regex = compileAnchored(value);
  if (!regex.ok) return regex;
  const positive = type === '=~';
  const re = regex.value;
  return { ok: true, value: { name, type, value, matches: (v) => re.matches(v) === positive } };
}

/** Compiled patterns by source: compiling RE2 is costly and a catalog repeats the same few patterns. */
const compiled = new Map<string, Parsed<RE2JS>>();

/** Go's regexp.Compile("^(?:" + v + ")$"), which is what Alertmanager matches label values with. */
export function compileAnchored(pattern: string): Parsed<RE2JS> {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let result: Parsed<RE2JS>;
  try {
    result = { ok: true, value: re2().compile(`^(?:${pattern})$`) };
  } catch (error) {
    result = {
      ok: false,
      error: `invalid regular expression ${JSON.stringify(pattern)}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  compiled.set(pattern, result);
  return result;
}

/** One matcher such as `severity=~"critical|warning"`; quotes around the value are optional. */
export function parseMatcher(text: string): Parsed<Matcher> {
  const match = matcherPattern.exec(text);
  if (!match) return { ok: false, error: `bad matcher format: ${text}` };
  const [, name = '', op = '=', rawText = ''] = match;
  const quoted = rawText.startsWith('"');
  const raw = quoted ? rawText.slice(1) : rawText;
  let value = '';
  let expectTrailingQuote = quoted;
  const chars = [...raw];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const last = i === chars.length - 1;
    if (c === '\\' && !last) {
      const next = chars[++i] ?? '';
      // Only \n, \" and \\ are escapes; any other backslash stays literal.
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
      continue;
    }
    if (c === '"') {
      if (!expectTrailingQuote || !last)
        return { ok: false, error: `matcher value contains unescaped double quote: ${rawText}` };
      expectTrailingQuote = false;
      continue;
    }
    value += c;
  }
  if (expectTrailingQuote)
    return { ok: false, error: `matcher value contains unescaped double quote: ${rawText}` };
  return newMatcher(name, op as MatchType, value);
}

/** Splits `{a="b", c=~"d,e"}` at the commas outside quotes, as Alertmanager's ParseMatchers does. */
export function splitMatchers(text: string): string[] {
  let body = text.startsWith('{') ? text.slice(1) : text;
  body = body.endsWith('}') ? body.slice(0, -1) : body;
  const tokens: string[] = [];
  let token = '';
  let insideQuotes = false;
  let escaped = false;
  for (const c of body) {
    if (c === ',' && !insideQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (escaped) escaped = false;
      else insideQuotes = !insideQuotes;
    } else if (c === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += c;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  return tokens;
}

export function parseMatchers(text: string): Parsed<Matcher[]> {
  const matchers: Matcher[] = [];
  for (const token of splitMatchers(text)) {
    const parsed = parseMatcher(token);
    if (!parsed.ok) return parsed;
    matchers.push(parsed.value);
  }
  return { ok: true, value: matchers };
}

/** Prints a matcher the way Alertmanager does, with the value quoted and escaped. */
export function formatMatcher(m: MatcherFields): string {
  return `${m.name}${m.type}${quoteMatcherValue(m.value)}`;
}

export function quoteMatcherValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

export type LabelSet = Readonly<Record<string, string>>;

export function matchesAll(matchers: readonly Matcher[], labels: LabelSet): boolean {
  return matchers.every((m) => m.matches(labels[m.name] ?? ''));
}
