// The alert state machine of one alerting rule, as Prometheus 2.42's rules/alerting.go runs it:
// pending -> firing after `for`, `keep_firing_for`, resolution, 15m retention of resolved alerts.
import type { Expr } from '../promql/ast.ts';
import type { LoadedRule } from '../rulefile/rulefmt.ts';
import { expandAlertTemplate, type GoValue, type TemplateQuery } from '../template/index.ts';
import { type Labels, labelsFrom, labelsKey } from './engine/labels.ts';
import type { Sample } from './engine/types.ts';

export type AlertState = 'inactive' | 'pending' | 'firing';

export interface AlertInstance {
  readonly labels: Labels;
  /** Expanded lazily: templates see the last sample's labels and value (or eagerly with `query`). */
  annotationsSource: { readonly metric: Labels; readonly value: number } | null;
  annotations: readonly (readonly [string, string])[] | null;
  state: AlertState;
  activeAtMs: number;
  firedAtMs: number | null;
  resolvedAtMs: number | null;
  keepFiringSinceMs: number | null;
  value: number;
}

const RESOLVED_RETENTION_MS = 15 * 60 * 1000;

export interface AlertContext {
  readonly externalLabels: ReadonlyMap<string, string>;
  readonly externalURL: string;
  /** `query` inside templates, run at the evaluation time. */
  readonly templateQuery: (atMs: number) => TemplateQuery;
}

function toMap(labels: Labels): Map<string, string> {
  return new Map(labels.map((l) => [l.name, l.value]));
}

export class AlertingRuleState {
  readonly active = new Map<string, AlertInstance>();
  private readonly usesQuery: boolean;

  constructor(
    readonly rule: LoadedRule,
    private readonly ctx: AlertContext,
  ) {
    this.usesQuery = [...rule.labels, ...rule.annotations].some(([, v]) => v.includes('query'));
  }

  get expr(): Expr {
    return this.rule.expr;
  }

  private expand(text: string, metric: Labels, value: number, atMs: number): string {
    return expandAlertTemplate(text, this.rule.name, {
      labels: toMap(metric),
      externalLabels: this.ctx.externalLabels,
      externalURL: this.ctx.externalURL,
      value,
      query: this.usesQuery ? this.ctx.templateQuery(atMs) : null,
    });
  }

  private expandAnnotations(metric: Labels, value: number, atMs: number): (readonly [string, string])[] {
    return this.rule.annotations.map(([k, v]) => [k, this.expand(v, metric, value, atMs)] as const);
  }

  /** Annotations as last expanded (expanding now if they were deferred). */
  annotationsOf(a: AlertInstance): readonly (readonly [string, string])[] {
    if (a.annotations === null) {
      const src = a.annotationsSource;
      a.annotations = src ? this.expandAnnotations(src.metric, src.value, 0) : [];
    }
    return a.annotations;
  }

  /**
   * One evaluation at `ts` with the rule expression's result. Returns the ALERTS and
   * ALERTS_FOR_STATE samples to write, or the error Prometheus would record for the rule.
   */
  eval(
    result: readonly Sample[],
    ts: number,
    limit = 0,
  ): { ok: true; samples: Sample[] } | { ok: false; error: string } {
    const fresh = new Map<string, AlertInstance>();
    for (const smpl of result) {
      const pairs: [string, string][] = [];
      for (const l of smpl.labels) if (l.name !== '__name__') pairs.push([l.name, l.value]);
      for (const [k, v] of this.rule.labels) pairs.push([k, this.expand(v, smpl.labels, smpl.value, ts)]);
      pairs.push(['alertname', this.rule.name]);
      const labels = labelsFrom(pairs);
      const key = labelsKey(labels);
      if (fresh.has(key))
        return {
          ok: false,
          error: 'vector contains metrics with the same labelset after applying alert labels',
        };
      fresh.set(key, {
        labels,
        annotationsSource: { metric: smpl.labels, value: smpl.value },
        annotations: this.usesQuery ? this.expandAnnotations(smpl.labels, smpl.value, ts) : null,
        state: 'pending',
        activeAtMs: ts,
        firedAtMs: null,
        resolvedAtMs: null,
        keepFiringSinceMs: null,
        value: smpl.value,
      });
    }
    for (const [key, a] of fresh) {
      const existing = this.active.get(key);
      if (existing !== undefined && existing.state !== 'inactive') {
        existing.value = a.value;
        existing.annotationsSource = a.annotationsSource;
        existing.annotations = a.annotations;
        continue;
      }
      this.active.set(key, a);
    }
    const out: Sample[] = [];
    let activeOrPending = 0;
    for (const [key, a] of this.active) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && this.rule.keepFiringForMs > 0) {
          a.keepFiringSinceMs ??= ts;
          if (ts - a.keepFiringSinceMs < this.rule.keepFiringForMs) keepFiring = true;
        }
        if (
          a.state === 'pending' ||
          (a.resolvedAtMs !== null && ts - a.resolvedAtMs > RESOLVED_RETENTION_MS)
        ) {
          this.active.delete(key);
        }
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAtMs = ts;
        }
        if (!keepFiring) continue;
      } else a.keepFiringSinceMs = null;
      activeOrPending++;
      if (a.state === 'pending' && ts - a.activeAtMs >= this.rule.forMs) {
        a.state = 'firing';
        a.firedAtMs = ts;
      }
      out.push(
        {
          labels: labelsFrom([...pairsOf(a.labels), ['__name__', 'ALERTS'], ['alertstate', a.state]]),
          value: 1,
          t: ts,
        },
        {
          labels: labelsFrom([...pairsOf(a.labels), ['__name__', 'ALERTS_FOR_STATE']]),
          value: Math.floor(a.activeAtMs / 1000),
          t: ts,
        },
      );
    }
    if (limit > 0 && activeOrPending > limit) {
      this.active.clear();
      return { ok: false, error: `exceeded limit of ${limit} with ${activeOrPending} alerts` };
    }
    return { ok: true, samples: out };
  }

  /** Alerts promtool compares: active (not resolved) and firing. */
  firing(): AlertInstance[] {
    return [...this.active.values()].filter((a) => a.resolvedAtMs === null && a.state === 'firing');
  }

  /** Every active alert, for timelines. */
  current(): AlertInstance[] {
    return [...this.active.values()].filter((a) => a.resolvedAtMs === null);
  }
}

function pairsOf(labels: Labels): [string, string][] {
  return labels.map((l) => [l.name, l.value]);
}

export type { GoValue };
