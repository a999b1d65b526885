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
  const unknown: VariableUse[] = [];
  // Every form of variable starts with `$` or `[[`; most queries have neither.
  if (!text.includes('$') && !text.includes('[[')) return { text, unknown };
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
