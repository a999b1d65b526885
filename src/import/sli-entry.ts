// Sloth's and Pyrra's SLI queries as the SLI fields of a catalog SLO entry, declaring in the
// service's contract the metrics they read. A query that does not fit is a note on its field and
// no entry (an SLO without an SLI would not load).
import type { ValuePath } from '../catalog/source.ts';
import type { Expr, VectorSelector } from '../promql/ast.ts';
import type { InputDocument, Json } from './input.ts';
import type { Notes } from './notes.ts';
import { isBucketOf, latencyErrors, leOf, type RateOf, rateOf, selectorText, splitMatchers } from './sli.ts';
import type { ImportedService } from './slo-service.ts';

export interface QueryField {
  readonly path: ValuePath;
  readonly expr: Expr;
}

interface Context {
  readonly doc: InputDocument;
  readonly notes: Notes;
  readonly service: ImportedService;
  /** The output SLO entry, where comments go. */
  readonly attach: ValuePath;
}

function kept(ctx: Context, field: QueryField, selector: VectorSelector): string[] {
  const { kept: matchers, dropped } = splitMatchers(selector);
  for (const d of dropped) {
    ctx.notes.add(ctx.doc, field.path, d.reason, ctx.attach);
    const job = d.matcher.name === 'job' && d.matcher.type === '=' ? d.matcher.value : null;
    if (job !== null) ctx.service.jobs.add(job);
  }
  return matchers.map((m) => m.name);
}

function text(selector: VectorSelector): string {
  return selectorText(selector.name, splitMatchers(selector).kept);
}

function sameGrouping(
  ctx: Context,
  fields: readonly QueryField[],
  rates: readonly RateOf[],
): string[] | null {
  const [first, ...others] = rates.map((r) => [...r.groupBy].sort().join(','));
  if (others.some((g) => g !== first)) {
    ctx.notes.add(
      ctx.doc,
      fields[0]?.path ?? [],
      'not mapped: the queries sum by different labels; the catalog groups both by the same groupBy',
      ctx.attach,
    );
    return null;
  }
  return [...(rates[0]?.groupBy ?? [])].sort();
}

/** errors (or good) over total, both rates of one counter: `{errors|good, total, groupBy}`. */
export function ratioEntry(
  ctx: Context,
  part: 'errors' | 'good',
  partField: QueryField,
  totalField: QueryField,
): Json | null {
  const latency = part === 'errors' ? latencyEntry(ctx, partField, totalField) : null;
  if (latency) return latency;
  const fields = [partField, totalField] as const;
  const rates = fields.map((field) => rateOf(field.expr));
  const reasons = rates.map((rate) =>
    typeof rate === 'string' ? rate : ctx.service.contract.check(rate.selector.name),
  );
  reasons.forEach((reason, index) => {
    const field = fields[index];
    if (reason !== null && field)
      ctx.notes.add(ctx.doc, field.path, `not mapped, so the SLO is not imported: ${reason}`, ctx.attach);
  });
  const [partRate, totalRate] = rates;
  if (typeof partRate !== 'object' || typeof totalRate !== 'object' || reasons.some((r) => r !== null))
    return null;
  const groupBy = sameGrouping(ctx, fields, [partRate, totalRate]);
  if (groupBy === null) return null;
  ctx.service.contract.counter(partRate.selector.name, [
    ...kept(ctx, partField, partRate.selector),
    ...groupBy,
  ]);
  ctx.service.contract.counter(totalRate.selector.name, [
    ...kept(ctx, totalField, totalRate.selector),
    ...groupBy,
  ]);
  return {
    [part]: text(partRate.selector),
    total: text(totalRate.selector),
    ...(groupBy.length > 0 ? { groupBy } : {}),
  };
}

/** Sloth's latency form: errors `X_count - X_bucket{le="T"}` over total `X_count`. */
function latencyEntry(ctx: Context, errorsField: QueryField, totalField: QueryField): Json | null {
  const errors = latencyErrors(errorsField.expr);
  const total = rateOf(totalField.expr);
  if (!errors || typeof total === 'string') return null;
  if (text(total.selector) !== text(errors.total.selector)) return null;
  return bucketEntry(ctx, errorsField, errors.good, totalField, total);
}

/** A latency SLI from its good bucket and total count: `{latency: {metric, threshold}, groupBy}`. */
export function bucketEntry(
  ctx: Context,
  goodField: QueryField,
  good: RateOf,
  totalField: QueryField,
  total: RateOf,
): Json | null {
  const le = leOf(good.selector);
  if (le === null || !isBucketOf(good.selector, total.selector)) return null;
  const groupBy = sameGrouping(ctx, [goodField, totalField], [good, total]);
  if (groupBy === null) return null;
  const base = total.selector.name.replace(/_count$/, '');
  const goodText = selectorText(base, splitMatchers(good.selector).kept);
  if (goodText !== selectorText(base, splitMatchers(total.selector).kept))
    ctx.notes.add(
      ctx.doc,
      totalField.path,
      `not mapped: the total reads other matchers than the bucket; the latency SLO counts ${goodText}`,
      ctx.attach,
    );
  kept(ctx, totalField, total.selector);
  ctx.service.contract.histogram(base, [...kept(ctx, goodField, good.selector), ...groupBy], le);
  return { latency: { metric: goodText, threshold: le }, ...(groupBy.length > 0 ? { groupBy } : {}) };
}
