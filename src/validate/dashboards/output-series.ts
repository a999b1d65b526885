// dashboard/undeclared-series over a whole gen output: the series that exist are the catalog's
// metrics (with their histogram and summary series), what a scrape adds (`up`, `scrape_*`), the
// records of every generated rule file, and the ALERTS series of its alerts. Each dashboard gen
// writes is checked against them, so a panel reading a series nothing produces is named at gen time.
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { declaredSeries } from '../../artifacts/dashboards/validate.ts';
import type { GeneratedFile } from '../../artifacts/types.ts';
import type { Model } from '../../model/model.ts';
import type { Problem } from '../../problem.ts';
import { lintDashboard } from './index.ts';
import { id, undeclaredNames } from './undeclared-series.ts';

/** Series Prometheus writes for every scrape and for every alerting rule. */
const synthetic = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
];

/** The `record:` names of plain rule files (js-yaml: these are our own well-formed files, and its
 * reader is several times faster than the positional one over a large fleet's output). */
export function recordedNames(ruleFiles: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of ruleFiles) {
    for (const doc of loadAll(text, undefined, { schema: CORE_SCHEMA })) {
      const groups = (doc as { groups?: { rules?: { record?: unknown }[] }[] } | null)?.groups ?? [];
      for (const g of groups)
        for (const r of g.rules ?? []) if (typeof r.record === 'string') names.add(r.record);
    }
  }
  return names;
}

export function outputSeries(model: Model, files: readonly GeneratedFile[]): Set<string> {
  const rules = files.filter((f) => f.path.startsWith('prometheus/rule-files/')).map((f) => f.content);
  return new Set([...declaredSeries(model), ...synthetic, ...recordedNames(rules)]);
}

export function undeclaredSeriesInOutput(model: Model, files: readonly GeneratedFile[]): Problem[] {
  return undeclaredSeriesInDashboards(files, outputSeries(model, files));
}

/**
 * The same check when gen holds the recorded names as data: no rule file is read back, nor the
 * queries of a dashboard whose selected names `selected` holds.
 */
export function undeclaredSeriesGivenRecords(
  model: Model,
  files: readonly GeneratedFile[],
  recorded: Iterable<string>,
  selected: ReadonlyMap<GeneratedFile, ReadonlySet<string>> = new Map(),
): Problem[] {
  const catalog = declaredSeries(model);
  const records = recorded instanceof Set ? (recorded as ReadonlySet<string>) : new Set(recorded);
  const exists = (name: string): boolean =>
    catalog.has(name) || syntheticNames.has(name) || records.has(name);
  // At fleet scale nothing is found: the one set of every series is built only for a dashboard to lint.
  const clean = files.every((f) => {
    if (!isDashboardJson(f)) return true;
    const names = selected.get(f);
    if (names === undefined) return false;
    for (const name of names) if (!exists(name)) return false;
    return true;
  });
  if (clean) return [];
  return undeclaredSeriesInDashboards(files, new Set([...catalog, ...synthetic, ...records]), selected);
}

const syntheticNames: ReadonlySet<string> = new Set(synthetic);

function isDashboardJson(file: GeneratedFile): boolean {
  return file.path.startsWith('grafana/dashboards/') && file.path.endsWith('.json');
}

function undeclaredSeriesInDashboards(
  files: readonly GeneratedFile[],
  declared: ReadonlySet<string>,
  selected: ReadonlyMap<GeneratedFile, ReadonlySet<string>> = new Map(),
): Problem[] {
  return files
    .filter(isDashboardJson)
    .filter((f) => {
      const names = selected.get(f);
      return names ? selectsUndeclared(names, declared) : mayReadUndeclared(f.content, declared);
    })
    .flatMap((f) =>
      lintDashboard(f.content, `generated/${f.path}`, { declaredSeries: declared, only: [id] }),
    );
}

/**
 * Whether any query of the dashboard selects an undeclared name: the positional parse the finding
 * needs costs several times more, and at fleet scale almost every dashboard is clean. The queries are
 * read off the text without building the dashboard (see queryTexts). Which variables the dashboard
 * defines does not matter here: substitution writes the same text whatever is known.
 */
function mayReadUndeclared(json: string, declared: ReadonlySet<string>): boolean {
  return queryTexts(json).some((text) => undeclaredNames(text, noVariables, declared).length > 0);
}

const noVariables: ReadonlySet<string> = new Set();

function selectsUndeclared(names: ReadonlySet<string>, declared: ReadonlySet<string>): boolean {
  for (const name of names) if (!declared.has(name)) return true;
  return false;
}

/** A JSON member `"expr": "..."`; group 1 is the string literal, quotes and escapes included. */
const exprMember = /"expr"[ \t\n\r]*:[ \t\n\r]*("[^"\\]*(?:\\.[^"\\]*)*")/g;

/**
 * The value of every `expr` member holding a string, at any depth: a superset of the panels' queries
 * (`targets[].expr`). In JSON a quote inside a string is escaped, so `"expr"` followed by a colon is a
 * member name wherever it stands (or, after an escaped quote, the end of a name: a harmless extra).
 * A name may also be spelled with \u escapes; a text with any is read with JSON.parse instead.
 */
export function queryTexts(json: string): string[] {
  if (json.includes('\\u')) {
    const texts: string[] = [];
    collectQueryTexts(JSON.parse(json) as unknown, texts);
    return texts;
  }
  const texts: string[] = [];
  for (const match of json.matchAll(exprMember)) {
    const literal = match[1] ?? '""';
    texts.push(literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1));
  }
  return texts;
}

/** Depth-first, in key order, as JSON.parse built the dashboard; pushes onto one array. */
function collectQueryTexts(value: unknown, texts: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectQueryTexts(item, texts);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const child = record[key];
    if (key === 'expr' && typeof child === 'string') texts.push(child);
    else collectQueryTexts(child, texts);
  }
}
