// Input series of generated tests: label sets that satisfy (or dodge) a rule's matchers, named and
// labelled as the catalog's metrics contract and the scrape say, and promtool's expanding notation.
import type { Metric, Model, Service } from '../../model/model.ts';
import type { LabelMatcher } from '../../promql/ast.ts';
import { matcherMatches } from '../../promql/matchers.ts';
import { printLabelName, printsBareName } from '../../promql/printer.ts';
import { quoteLabelValue } from '../../promql/strings.ts';
import { byCodeUnit, sortPrefix } from '../../sort.ts';
import { eq, selectorText } from '../slos/promql.ts';
import { Memo } from './shapes.ts';

export interface Series {
  readonly series: string;
  readonly values: string;
}

export type Labels = Readonly<Record<string, string>>;

/** Values that tend to satisfy the matchers people write on HTTP metrics. */
const candidates = [
  '500',
  '503',
  '429',
  '200',
  '404',
  'GET',
  'POST',
  'error',
  'ok',
  'a',
  '/api',
  'true',
  'false',
  'x',
];

function regexGuesses(m: LabelMatcher): string[] {
  const first = m.value.split('|')[0] ?? '';
  const simple = first
    .replace(/[()^$]/g, '')
    .replace(/\.[*+]?/g, '0')
    .replace(/\\/g, '');
  return [m.value, simple];
}

/** A value for `name` that every `include` matcher accepts and the `exclude` matcher (if any) rejects. */
function valueFor(
  name: string,
  include: readonly LabelMatcher[],
  exclude: LabelMatcher | null,
): string | null {
  const on = include.filter((m) => m.name === name);
  const guesses = [...on.flatMap(regexGuesses), ...(exclude ? regexGuesses(exclude) : []), ...candidates];
  return (
    guesses.find((v) => on.every((m) => matcherMatches(m, v)) && (!exclude || !matcherMatches(exclude, v))) ??
    null
  );
}

/** The values labelsFor sets over the base labels, in order; null when no value is found. */
type Choices = readonly (readonly [name: string, value: string])[] | null;

function labelChoices(include: readonly LabelMatcher[], exclude: readonly LabelMatcher[]): Choices {
  const names = [...new Set(include.map((m) => m.name))].filter((n) => n !== '__name__');
  const excluder = exclude.find(
    (m) =>
      m.name !== '__name__' &&
      !include.some((i) => i.name === m.name && i.type === m.type && i.value === m.value),
  );
  if (exclude.length > 0 && !excluder) return null;
  const choices: [string, string][] = [];
  for (const name of new Set([...names, ...(excluder ? [excluder.name] : [])])) {
    const value = valueFor(name, include, excluder && excluder.name === name ? excluder : null);
    if (value === null) return null;
    if (value !== '') choices.push([name, value]);
  }
  return choices;
}

function withChoices(base: Labels, choices: Choices): Labels | null {
  if (choices === null) return null;
  const result: Record<string, string> = { ...base };
  for (const [name, value] of choices) result[name] = value;
  return result;
}

/**
 * Labels of a series every `include` matcher selects; with `exclude`, one the exclude set does not
 * select (it must differ on at least one matcher). null when no value is found.
 */
export function labelsFor(
  base: Labels,
  include: readonly LabelMatcher[],
  exclude: readonly LabelMatcher[] = [],
): Labels | null {
  return withChoices(base, labelChoices(include, exclude));
}

/** The matchers as text: two lists with one text are the same matchers in the same order. */
function matchersKey(matchers: readonly LabelMatcher[]): string {
  let key = '';
  for (const m of matchers) key += `${m.name.length}:${m.name}${m.type}${m.value.length}:${m.value}`;
  return key;
}

/** labelsFor with the values it guesses kept by matchers: the services of one shape share them. */
export class LabelGuesses {
  readonly #choices = new Memo<string, Choices>();

  labelsFor(
    base: Labels,
    include: readonly LabelMatcher[],
    exclude: readonly LabelMatcher[] = [],
  ): Labels | null {
    const key = `${matchersKey(include)}|${matchersKey(exclude)}`;
    return withChoices(
      base,
      this.#choices.get(key, () => labelChoices(include, exclude)),
    );
  }
}

/** The value a label the tests do not constrain gets (also an SLO instance's groupBy value). */
export const anyValue = 'a';

/**
 * What a scrape of the service attaches (service, team, job, an instance, the catalog-wide
 * aggregation labels) and every label the metric declares: the series the service exposes.
 */
export function contractLabels(model: Model, service: Service, metric: Metric | null): Labels {
  const labels: Record<string, string> = {};
  for (const name of metric?.labels ?? []) labels[name] = anyValue;
  for (const name of model.settings.aggregationLabels) labels[name] = anyValue;
  labels.instance = `${service.name}-0`;
  labels.job = service.scrape.job;
  labels.team = service.team;
  labels.service = service.name;
  return labels;
}

/** The label names in code unit order (as the built-in sort orders strings), sorted in place. */
function sortedNames(names: string[]): string[] {
  sortPrefix(names, names.length, byCodeUnit);
  return names;
}

/** `name="value"` as the printer writes an equality matcher. */
const printedLabel = (name: string, value: string): string =>
  `${printLabelName(name)}=${quoteLabelValue(value)}`;

/** `name="value"` as seriesText writes a label: printed each time, or kept by PrintedLabels. */
export interface LabelPrinter {
  label(name: string, value: string): string;
}

const printedEachTime: LabelPrinter = { label: printedLabel };

/**
 * The labels last printed, by name: a service's series repeat its own labels and every service's
 * the constant ones, one service after the other, so only the latest value of a name is kept.
 */
export class PrintedLabels implements LabelPrinter {
  readonly #latest = new Map<string, { readonly value: string; readonly text: string }>();

  label(name: string, value: string): string {
    const latest = this.#latest.get(name);
    if (latest !== undefined && latest.value === value) return latest.text;
    const text = printedLabel(name, value);
    this.#latest.set(name, { value, text });
    return text;
  }
}

/** What a series' selector reads: its metric name and every label, `__name__` among them. */
export interface SeriesSelector {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
}

/**
 * The selector that parsing seriesText(metric, labels) gives, without printing and parsing it: where
 * seriesText writes the metric bare before the braces, the parser keeps it as the name and as a
 * `__name__` matcher. null otherwise (parse the text).
 */
export function seriesSelector(metric: string, labels: Labels): SeriesSelector | null {
  const names = Object.keys(labels);
  if (names.length === 0 || names.includes('__name__') || !printsBareName(metric)) return null;
  const all = new Map<string, string>();
  for (const name of names) all.set(name, labels[name] ?? '');
  all.set('__name__', metric);
  return { name: metric, labels: all };
}

/** The series as promtool reads it: labels sorted by name (code unit order, as Prometheus sorts them). */
export function seriesText(metric: string, labels: Labels, printer = printedEachTime): string {
  const names = sortedNames(Object.keys(labels));
  // The printer's text of such a selector, without building it.
  if (names.length > 0 && !names.includes('__name__') && printsBareName(metric)) {
    let text = `${metric}{`;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] ?? '';
      text += `${i > 0 ? ', ' : ''}${printer.label(name, labels[name] ?? '')}`;
    }
    return `${text}}`;
  }
  const matchers: LabelMatcher[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    matchers[i] = eq(name, labels[name] ?? '');
  }
  return selectorText(metric, matchers);
}

/**
 * The texts of series that differ in the value of one label only (`up` of each instance, `_bucket`
 * of each `le`), as seriesText writes each: the labels are sorted and printed once for all of them.
 */
export function seriesTexts(
  metric: string,
  labels: Labels,
  varying: string,
  values: readonly string[],
  printer = printedEachTime,
): string[] {
  const names = Object.keys(labels);
  if (!Object.hasOwn(labels, varying)) names.push(varying);
  sortedNames(names);
  const at = names.indexOf(varying);
  // A metric the printer writes bare before the braces (as a selector of no labels prints it):
  // the text is the name and the printed matchers, the one that varies between the fixed ones.
  if (!names.includes('__name__') && printsBareName(metric)) {
    let before = `${metric}{`;
    for (let i = 0; i < at; i++) {
      const name = names[i] ?? '';
      before += `${printer.label(name, labels[name] ?? '')}, `;
    }
    before += `${printLabelName(varying)}=`;
    let after = '';
    for (let i = at + 1; i < names.length; i++) {
      const name = names[i] ?? '';
      after += `, ${printer.label(name, labels[name] ?? '')}`;
    }
    after += '}';
    // Each value once: the label that varies is printed here, not kept.
    return values.map((value) => `${before}${quoteLabelValue(value)}${after}`);
  }
  const matchers = names.map((name) => eq(name, labels[name] ?? ''));
  return values.map((value) => {
    // The selector copies its matchers, so one array serves every text.
    matchers[at] = eq(varying, value);
    return selectorText(metric, matchers);
  });
}

/** promtool's expanding notation for a counter growing by `increment` a minute over each phase. */
export function counterNotation(perMinute: readonly { minutes: number; increment: number }[]): string {
  const parts: string[] = [];
  let value = 0;
  perMinute.forEach((phase, index) => {
    const start = index === 0 ? value : value + phase.increment;
    const steps = index === 0 ? phase.minutes : phase.minutes - 1;
    if (steps >= 0) parts.push(`${num(start)}+${num(phase.increment)}x${steps}`);
    value += phase.increment * phase.minutes;
  });
  return parts.join(' ');
}

/** A gauge holding `value` for `minutes` samples per phase (one sample a minute from minute 0). */
export function gaugeNotation(phases: readonly { minutes: number; value: number }[]): string {
  return phases
    .filter((p) => p.minutes > 0)
    .map((p) => (p.minutes === 1 ? num(p.value) : `${num(p.value)}x${p.minutes - 1}`))
    .join(' ');
}

/** A number as the tests write it: 12 significant digits, trailing zeros dropped. */
export function num(value: number): string {
  // Integers of at most 12 digits print exactly as they are; toPrecision is the slow path.
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return String(value);
  return String(Number(value.toPrecision(12)));
}
