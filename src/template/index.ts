// Go text/template as Prometheus expands alert labels and annotations.
import type { Template } from './ast.ts';
import { executeTemplate } from './exec.ts';
import { prometheusFuncs, prometheusFunctionNames, type TemplateQuery, withQuery } from './funcs.ts';
import { parseTemplate } from './parse.ts';
import { type GoValue, goFloat, goString, goStringMap } from './value.ts';

export type { Template } from './ast.ts';
export type { TemplateQuery } from './funcs.ts';
export { formatFloat, formatFloatV } from './gofloat.ts';
export {
  type ParseTemplateOptions,
  type ParseTemplateResult,
  parseTemplate,
  type TemplateError,
} from './parse.ts';
export { sprintf } from './printf.ts';
export type { GoValue } from './value.ts';
export { goFloat, goString, goStringMap } from './value.ts';

export interface AlertTemplateData {
  readonly labels: ReadonlyMap<string, string>;
  readonly externalLabels: ReadonlyMap<string, string>;
  readonly externalURL: string;
  readonly value: number;
  /** `query` in templates; null where no engine is at hand. */
  readonly query?: TemplateQuery | null;
}

const alertDefs =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

let defaultFuncs: ReturnType<typeof prometheusFuncs> | null = null;

const parsedCache = new Map<string, ReturnType<typeof parseTemplate>>();

/** Variables Prometheus defines before an alert label or annotation template. */
export const alertTemplateVariables: readonly string[] = [
  '$labels',
  '$externalLabels',
  '$externalURL',
  '$value',
];

/**
 * Parses an alert label/annotation template as Prometheus validates rule files: syntax, plus
 * undefined variables and unknown functions. Errors carry offsets into `text`.
 */
export function parseAlertTemplate(text: string): ReturnType<typeof parseTemplate> {
  return parseTemplate(text, { functions: prometheusFunctionNames(), variables: alertTemplateVariables });
}

function cachedParse(text: string): ReturnType<typeof parseTemplate> {
  let parsed = parsedCache.get(text);
  if (parsed === undefined) {
    parsed = parseAlertTemplate(text);
    if (parsedCache.size > 10_000) parsedCache.clear();
    parsedCache.set(text, parsed);
  }
  return parsed;
}

/** The fields of an alert template's `.` but its value: what stays the same across an alert's values. */
export interface AlertTemplateSetting {
  readonly labels: GoValue;
  readonly externalLabels: GoValue;
  readonly externalURL: GoValue;
  readonly query: TemplateQuery | null;
}

/** Converts the labels and URLs once, for an alert whose templates are expanded for many values. */
export function alertTemplateSetting(d: Omit<AlertTemplateData, 'value'>): AlertTemplateSetting {
  return {
    labels: goStringMap(d.labels),
    externalLabels: goStringMap(d.externalLabels),
    externalURL: goString(d.externalURL),
    query: d.query ?? null,
  };
}

function alertStruct(setting: AlertTemplateSetting, value: GoValue): GoValue {
  const fields = new Map<string, GoValue>();
  fields.set('Labels', setting.labels);
  fields.set('ExternalLabels', setting.externalLabels);
  fields.set('ExternalURL', setting.externalURL);
  fields.set('Value', value);
  return { kind: 'struct', typeName: 'struct', v: fields };
}

/** The `.` of an alert template (Prometheus's template.AlertTemplateData). */
export function alertTemplateData(d: AlertTemplateData): GoValue {
  return alertStruct(alertTemplateSetting(d), goFloat(d.value));
}

/**
 * Expands one label or annotation value as Prometheus's alerting rule does: on error the value is
 * `<error expanding template: ...>` rather than a failure, exactly what promtool then compares.
 */
export function expandAlertTemplate(text: string, name: string, d: AlertTemplateData): string {
  // Prometheus skips templating when there is nothing to expand; same output, much faster.
  if (!text.includes('{{')) return text;
  return expandAlertTemplateFor(text, name, alertTemplateSetting(d), d.value);
}

/** expandAlertTemplate with the labels and URLs already converted (see alertTemplateSetting). */
export function expandAlertTemplateFor(
  text: string,
  name: string,
  setting: AlertTemplateSetting,
  value: number,
): string {
  if (!text.includes('{{')) return text;
  const parsed = cachedParse(text);
  if (!parsed.ok) {
    const where = `__alert_${name}`;
    const e = parsed.errors[0];
    return `<error expanding template: error parsing template ${where}: template: ${where}:1: ${e?.message ?? 'syntax error'}>`;
  }
  // `$labels := .Labels` and the others: the variables hold the very values of the fields.
  const goValue = goFloat(value);
  const data = alertStruct(setting, goValue);
  const variables: [string, GoValue][] = [
    ['$labels', setting.labels],
    ['$externalLabels', setting.externalLabels],
    ['$externalURL', setting.externalURL],
    ['$value', goValue],
  ];
  defaultFuncs ??= prometheusFuncs(null);
  const funcs =
    setting.query && text.includes('query') ? withQuery(defaultFuncs, setting.query) : defaultFuncs;
  const result = executeTemplate(parsed.template, data, variables, funcs);
  if (result.ok) return result.text;
  const where = `__alert_${name}`;
  let at = '';
  if (result.context !== null) {
    // Go reports positions in the text after the `$labels`... definitions Prometheus prepends.
    const full = alertDefs + text.slice(0, result.context.offset);
    const line = full.split('\n').length;
    const col = Buffer.byteLength(full.slice(full.lastIndexOf('\n') + 1));
    at = `${line}:${col}: executing "${where}" at <${result.context.node}>`;
  }
  return `<error expanding template: error executing template ${where}: template: ${where}:${at}: ${result.error}>`;
}

/** Runs a template with arbitrary data (tests, tooling). */
export function renderTemplate(template: Template, data: GoValue): string | { error: string } {
  const result = executeTemplate(template, data, new Map(), prometheusFuncs(null));
  return result.ok ? result.text : { error: result.error };
}
