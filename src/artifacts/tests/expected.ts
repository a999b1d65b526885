// What a generated alert must look like when it fires, from the model: the catalog's defaults with
// its overrides applied (threshold, for, severity, extra labels, runbook, disabled), the labels the
// expression keeps, and the annotations rendered by the template engine `obsgen test` uses.
import {
  aggregationLabels,
  dashboardKinds,
  dashboardUrl,
  labels as labelNames,
  runbookAnnotation,
  runbookUrl,
} from '../../model/conventions.ts';
import type { AlertOverride, Model, Service, Severity } from '../../model/model.ts';
import { type AlertTemplateSetting, alertTemplateSetting } from '../../template/index.ts';
import type { ValueOnlyExpansions } from '../../template/value-only.ts';
import { defaultAlertSpecs } from '../rules/defaults.ts';
import { anyValue, type Labels } from './series.ts';
import type { ExpectedAlert } from './test-case.ts';

export interface GeneratedAlert {
  readonly name: string;
  readonly threshold: number;
  readonly forMinutes: number;
  readonly severity: Severity;
  /** Labels every instance carries: the rule's own, over what the expression keeps. */
  readonly labels: Labels;
  /** What the expression keeps (`$labels` in the templates). */
  readonly kept: Labels;
  /**
   * `kept` and the rest of the templates' data but the value, converted once for every case and
   * only when a text reads more than `$value` (the generated ones do not).
   */
  readonly setting: () => AlertTemplateSetting;
  /** Annotation templates. */
  readonly annotations: Labels;
}

/**
 * The default alerts of the service as the catalog tunes them, by name; an alert that is not
 * generated or is disabled is missing.
 */
export function generatedAlerts(model: Model, service: Service): ReadonlyMap<string, GeneratedAlert> {
  const dashboard = dashboardUrl(model, service.name, dashboardKinds.service);
  const kept = keptLabels(model, service);
  const setting = lazySetting(kept);
  const scraped = hasNoLabels(service.labels) ? kept : { ...kept, ...service.labels };
  const carried = carriedLabels(service, scraped);
  const alerts = new Map<string, GeneratedAlert>();
  for (const spec of defaultAlertSpecs(model, service)) {
    const override = service.alertOverrides.get(spec.name);
    if (override?.disabled || alerts.has(spec.name)) continue;
    alerts.set(
      spec.name,
      tuned(spec, override, { model, service, kept, scraped, carried, setting, dashboard }),
    );
  }
  return alerts;
}

function hasNoLabels(labels: Labels): boolean {
  for (const _ in labels) return false;
  return true;
}

// The catalog's label names (which may be any name, `__proto__` too) are spread; ours assigned.
// Ours stand first in the literal and are assigned again over the spread: V8 adds keys to a copy
// made by a spread on a slow path, while a literal's own keys and assignments to them are fast.
// The YAML output sorts the keys, so their order here does not show.

/** `scraped` with the service's team and name: every alert's labels but its severity. */
function carriedLabels(service: Service, scraped: Labels): Labels {
  const carried: Record<string, string> = { [labelNames.team]: service.team, ...scraped };
  carried[labelNames.team] = service.team;
  carried[labelNames.service] = service.name;
  return carried;
}

/** The severity label's name, written as a literal key below (a computed key is slower). */
const severityLabel: 'severity' = labelNames.severity;

/** The alert's labels: the override's labels over the scraped ones, then team, service and severity. */
function alertLabels(ctx: AlertContext, override: AlertOverride | undefined, severity: Severity): Labels {
  // Without labels of its own an alert's are the carried ones and the severity: one spread of an
  // object of one shape after the severity (see carriedLabels), which wins over a catalog label.
  if (!override?.labels) {
    const labels = { severity, ...ctx.carried } satisfies Record<typeof severityLabel, string>;
    labels.severity = severity;
    return labels;
  }
  const labels: Record<string, string> = { ...ctx.scraped, ...override.labels };
  labels[labelNames.team] = ctx.service.team;
  labels[labelNames.service] = ctx.service.name;
  labels[labelNames.severity] = severity;
  return labels;
}

type AlertSpec = ReturnType<typeof defaultAlertSpecs>[number];

interface AlertContext {
  readonly model: Model;
  readonly service: Service;
  readonly kept: Labels;
  /** `kept` and the service's own labels, which every alert of the service carries. */
  readonly scraped: Labels;
  /** `scraped` with the service's team and name (carriedLabels). */
  readonly carried: Labels;
  readonly setting: () => AlertTemplateSetting;
  readonly dashboard: string | null;
}

function tuned(spec: AlertSpec, override: AlertOverride | undefined, ctx: AlertContext): GeneratedAlert {
  const { service, kept, setting, dashboard } = ctx;
  const name = spec.name;
  const threshold = override?.threshold ?? spec.threshold;
  const forMs = override?.forMs ?? spec.forMs;
  const annotations: Record<string, string> = {
    summary: spec.summary,
    description: spec.description({ threshold, forMs }),
  };
  Object.assign(annotations, runbookAnnotation(override?.runbook ?? runbookUrl(service, name)));
  if (dashboard) annotations.dashboard_url = dashboard;
  const severity = override?.severity ?? spec.severity;
  const labels = alertLabels(ctx, override, severity);
  return { name, threshold, forMinutes: forMs / 60_000, severity, kept, setting, labels, annotations };
}

/** The labels a per-service aggregation keeps, as the synthetic series set them. */
export function keptLabels(model: Model, service: Service): Labels {
  const kept: Record<string, string> = {};
  for (const name of aggregationLabels(model)) kept[name] = anyValue;
  kept[labelNames.service] = service.name;
  return kept;
}

/** The templates' data of an alert whose expression keeps `kept`, as promtool's rule evaluation sees it. */
function templateSetting(kept: Labels): AlertTemplateSetting {
  return alertTemplateSetting({
    labels: new Map(Object.entries(kept)),
    externalLabels: new Map<string, string>(),
    externalURL: '',
    query: null,
  });
}

/** templateSetting(kept), converted the first time it is asked for. */
function lazySetting(kept: Labels): () => AlertTemplateSetting {
  let setting: AlertTemplateSetting | null = null;
  return () => {
    setting ??= templateSetting(kept);
    return setting;
  };
}

/** The alert with one more label kept by its expression: it is in `$labels` and on every instance. */
export function keepingMore(alert: GeneratedAlert, name: string, value: string): GeneratedAlert {
  // The label first, then the spread (see carriedLabels); kept, it is assigned again over it.
  const kept: Record<string, string> = { [name]: value, ...alert.kept };
  kept[name] = value;
  return {
    name: alert.name,
    threshold: alert.threshold,
    forMinutes: alert.forMinutes,
    severity: alert.severity,
    // The alert's own labels win over the kept one.
    labels: { [name]: value, ...alert.labels },
    kept,
    setting: lazySetting(kept),
    annotations: alert.annotations,
  };
}

/** The alert as promtool lists it: labels without alertname, annotations expanded for `value`. */
export function expectedAlert(
  alert: GeneratedAlert,
  value: number,
  expansions: ValueOnlyExpansions,
): ExpectedAlert {
  const annotations: Record<string, string> = {};
  for (const key in alert.annotations)
    annotations[key] = expansions.expand(alert.annotations[key] ?? '', key, alert.setting, value);
  return { exp_labels: alert.labels, exp_annotations: annotations };
}
