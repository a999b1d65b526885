// Dashboard variables resolved as Grafana resolves them for a Prometheus query: each variable takes
// its saved current value (else its first option, or All where the variable offers it), and `$name`,
// `${name}`, `${name:format}` and `[[name]]` are replaced, multi-value and All selections written as
// the regex alternation `(a|b)` the Prometheus data source builds. Query variables of the form
// `label_values(...)` ask the data source for the values.

export interface DashboardVariable {
  readonly type?: string;
  readonly name?: string;
  readonly query?: unknown;
  readonly current?: { readonly value?: unknown; readonly text?: unknown };
  readonly options?: readonly { readonly value?: unknown; readonly selected?: boolean }[];
  readonly includeAll?: boolean;
  readonly multi?: boolean;
  readonly allValue?: string | null;
  readonly regex?: string;
  readonly definition?: string;
}

/** What a variable resolved to: its chosen values, and how a query reads them. */
export interface ResolvedVariable {
  readonly name: string;
  readonly values: readonly string[];
  /** Written where the query names the variable without a format. */
  readonly text: string;
  readonly all: boolean;
}

/** Finds label values for query variables; the data source answers. */
export type LabelValuesLookup = (label: string, match: string | null) => Promise<readonly string[]>;

const ALL = '$__all';

/** Prometheus data source escaping of a value used inside a regex matcher. */
function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|{}[\]]/g, '\\$&');
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

function queryText(v: DashboardVariable): string {
  if (typeof v.query === 'string') return v.query;
  if (v.query && typeof v.query === 'object' && 'query' in v.query) {
    const q = (v.query as { query?: unknown }).query;
    if (typeof q === 'string') return q;
  }
  return v.definition ?? '';
}

/** `label_values(metric{...}, label)` or `label_values(label)`: the label and the series selector. */
export function parseLabelValuesQuery(text: string): { label: string; match: string | null } | null {
  const m = /^\s*label_values\(\s*(?:(.*\S)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/s.exec(text);
  if (!m?.[2]) return null;
  return { label: m[2], match: m[1] ?? null };
}

async function optionsOf(v: DashboardVariable, lookup: LabelValuesLookup): Promise<string[]> {
  const listed = (v.options ?? []).flatMap((o) => asStrings(o.value)).filter((o) => o !== ALL);
  if (listed.length > 0) return listed;
  const text = queryText(v);
  switch (v.type) {
    case 'custom':
      return text
        .split(/(?<!\\),/)
        .map((s) => s.trim())
        .map((s) => (s.includes(' : ') ? (s.split(' : ')[1] ?? s) : s))
        .filter((s) => s !== '');
    case 'interval':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'constant':
    case 'textbox':
      return [text];
    case 'query': {
      const q = parseLabelValuesQuery(text);
      if (!q) return [];
      let values = [...(await lookup(q.label, q.match))].sort();
      if (v.regex) {
        const re = new RegExp(v.regex.replace(/^\/(.*)\/[a-z]*$/s, '$1'));
        values = values.filter((x) => re.test(x));
      }
      return values;
    }
    default:
      return [];
  }
}

/** The data source a `datasource` variable selects; its name stands for it in query text. */
export async function resolveVariable(
  v: DashboardVariable,
  lookup: LabelValuesLookup,
  datasourceName: string,
): Promise<ResolvedVariable> {
  const name = v.name ?? '';
  if (v.type === 'datasource') return { name, values: [datasourceName], text: datasourceName, all: false };
  const options = await optionsOf(v, lookup);
  const current = asStrings(v.current?.value);
  const all = current.includes(ALL) || (current.length === 0 && v.includeAll === true);
  const chosen = all ? options : current.length > 0 ? current : options.slice(0, 1);
  const multi = v.multi === true || v.includeAll === true;
  let text: string;
  if (all && v.allValue) text = v.allValue;
  else if (multi && chosen.length !== 1) text = `(${chosen.map(regexEscape).join('|')})`;
  else if (multi) text = regexEscape(chosen[0] ?? '');
  else text = chosen[0] ?? '';
  return { name, values: chosen, text, all };
}

export async function resolveVariables(
  list: readonly DashboardVariable[],
  lookup: LabelValuesLookup,
  datasourceName: string,
): Promise<Map<string, ResolvedVariable>> {
  const out = new Map<string, ResolvedVariable>();
  for (const v of list) {
    if (!v.name) continue;
    out.set(v.name, await resolveVariable(v, lookup, datasourceName));
  }
  return out;
}

function formatted(v: ResolvedVariable, format: string | undefined): string {
  switch (format) {
    case undefined:
      return v.text;
    case 'raw':
      return v.values.join(',');
    case 'csv':
      return v.values.join(',');
    case 'pipe':
      return v.values.join('|');
    case 'regex':
      return v.values.length === 1
        ? regexEscape(v.values[0] ?? '')
        : `(${v.values.map(regexEscape).join('|')})`;
    case 'text':
      return v.values.join(' + ');
    default:
      return v.text;
  }
}

/**
 * Replaces variable references in a query. Built-ins (`__interval`...) come in `builtins`; a name
 * neither knows is left as written, as Grafana leaves it, so the query fails visibly.
 */
export function interpolate(
  text: string,
  variables: ReadonlyMap<string, ResolvedVariable>,
  builtins: ReadonlyMap<string, string>,
): string {
  const pattern = /\$(\w+)|\[\[(\w+)(?::(\w+))?\]\]|\$\{(\w+)(?:\.(\w+))?(?::([^}]+))?\}/g;
  return text.replace(pattern, (whole, plain, bracket, bracketFormat, braced, _field, bracedFormat) => {
    const name = (plain ?? bracket ?? braced) as string;
    const format = (bracketFormat ?? bracedFormat) as string | undefined;
    const builtin = builtins.get(name);
    if (builtin !== undefined) return builtin;
    const v = variables.get(name);
    return v ? formatted(v, format) : whole;
  });
}
