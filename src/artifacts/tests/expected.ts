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
import type { Model, Service, Severity } from '../../model/model.ts';
import { expandAlertTemplate } from '../../template/index.ts';
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
  /** Annotation templates. */
  readonly annotations: Labels;
}

/** A default alert of the service as the catalog tunes it; null when it is not generated or disabled. */
export function generatedAlert(model: Model, service: Service, name: string): GeneratedAlert | null {
  const spec = defaultAlertSpecs(model, service).find((s) => s.name === name);
  const override = service.alertOverrides.get(name);
  if (!spec || override?.disabled) return null;
  const dashboard = dashboardUrl(model, service.name, dashboardKinds.service);
  const threshold = override?.threshold ?? spec.threshold;
  const forMs = override?.forMs ?? spec.forMs;
  return {
    name,
    threshold,
    forMinutes: forMs / 60_000,
    severity: override?.severity ?? spec.severity,
    kept: keptLabels(model, service),
    labels: {
      ...keptLabels(model, service),
      ...service.labels,
      ...override?.labels,
      [labelNames.team]: service.team,
      [labelNames.service]: service.name,
      [labelNames.severity]: override?.severity ?? spec.severity,
    },
    annotations: {
      summary: spec.summary,
      description: spec.description({ threshold, forMs }),
      ...runbookAnnotation(override?.runbook ?? runbookUrl(service, name)),
      ...(dashboard ? { dashboard_url: dashboard } : {}),
    },
  };
}

/** The labels a per-service aggregation keeps, as the synthetic series set them. */
export function keptLabels(model: Model, service: Service): Labels {
  const kept: Record<string, string> = {};
  for (const name of aggregationLabels(model)) kept[name] = anyValue;
  kept[labelNames.service] = service.name;
  return kept;
}

/** The alert as promtool lists it: labels without alertname, annotations expanded for `value`. */
export function expectedAlert(alert: GeneratedAlert, value: number): ExpectedAlert {
  const data = {
    labels: new Map(Object.entries(alert.kept)),
    externalLabels: new Map<string, string>(),
    externalURL: '',
    value,
    query: null,
  };
  return {
    exp_labels: alert.labels,
    exp_annotations: Object.fromEntries(
      Object.entries(alert.annotations).map(([k, v]) => [k, expandAlertTemplate(v, k, data)]),
    ),
  };
}
