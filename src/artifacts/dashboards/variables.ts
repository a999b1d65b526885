// Grafana template variables inside PromQL. The PromQL toolkit cannot parse `$__rate_interval`, so
// queries are checked after replacing every variable with a value of the right shape.
export const builtinVariables: Readonly<Record<string, string>> = {
  __rate_interval: '5m',
  __interval: '1m',
  __range: '1h',
  __range_s: '3600',
  __range_ms: '3600000',
  __interval_ms: '60000',
  __from: '0',
  __to: '0',
  __dashboard: 'dashboard',
  __name: 'name',
};

export interface VariableUse {
  readonly name: string;
  /** Offset of the `$` in the query text. */
  readonly offset: number;
}

// $name, ${name}, ${name:format}, [[name]]
const variablePattern = /\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)\]\]/g;

export function variableUses(text: string): VariableUse[] {
  return [...text.matchAll(variablePattern)].map((m) => ({
    name: m[1] ?? m[2] ?? m[3] ?? '',
    offset: m.index,
  }));
}

/**
 * Replaces variables with sample values: builtins by their own, user variables by a label-safe word.
 * A variable inside a range (`[$__rate_interval]`) must become a duration, anywhere else a value.
 */
export function substituteVariables(
  text: string,
  known: ReadonlySet<string>,
): { text: string; unknown: VariableUse[] } {
  // Every form of variable starts with `$` or `[[`; most queries have neither.
  const dollar = text.indexOf('$');
  if (dollar === -1 && !text.includes('[[')) return { text, unknown: [] };
  // Generated queries use `$__rate_interval` alone: a builtin, the same text wherever it stands.
  if (onlyRateIntervals(text, dollar))
    return { text: text.replaceAll(rateInterval, builtinVariables.__rate_interval ?? ''), unknown: [] };
  return substituteByPattern(text, known);
}

const rateInterval = '$__rate_interval';

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

/**
 * Whether every `$` (the first at `firstDollar`) starts a whole `$__rate_interval` and no `[[`
 * occurs: then no `${...}` or `[[...]]` can hold one, and the pattern matches each of them as `$name`.
 */
function onlyRateIntervals(text: string, firstDollar: number): boolean {
  if (text.includes('[[')) return false;
  for (let at = firstDollar; at !== -1; at = text.indexOf('$', at + 1)) {
    if (!text.startsWith(rateInterval, at) || isNameChar(text.charCodeAt(at + rateInterval.length)))
      return false;
  }
  return true;
}

/** substituteVariables by its definition: every match of the variable pattern, replaced in turn. */
export function substituteByPattern(
  text: string,
  known: ReadonlySet<string>,
): { text: string; unknown: VariableUse[] } {
  const unknown: VariableUse[] = [];
  const replaced = text.replace(
    variablePattern,
    (
      whole,
      braced: string | undefined,
      plain: string | undefined,
      bracketed: string | undefined,
      offset: number,
    ) => {
      const name = braced ?? plain ?? bracketed ?? '';
      const builtin = builtinVariables[name];
      if (builtin !== undefined) return builtin;
      if (!known.has(name)) unknown.push({ name, offset });
      return text[offset - 1] === '[' ? '5m' : 'value'.padEnd(Math.min(whole.length, 5), 'x');
    },
  );
  return { text: replaced, unknown };
}
