// What one SLO's alerts look like when they fire: the labels of an SLO instance, of each alert, and
// the annotations rendered by the template engine `obsgen test` uses.
import type { BurnTier, NormalizedSlo } from '../../../model/slo.ts';
import { sloAlertNames } from '../../../model/slo.ts';
import {
  type AlertTemplateSetting,
  alertTemplateSetting,
  expandAlertTemplateFor,
  type GoValue,
  goFloat,
  goStringMap,
} from '../../../template/index.ts';
import { sloLabels, windowLabel } from '../../slos/names.ts';
import { eq, selectorText } from '../../slos/promql.ts';
import { alertAnnotations, noDataAnnotations, sloMatchers, totalSelector } from '../../slos/rules.ts';
import { anyValue, type Labels, seriesText } from '../series.ts';
import type { ExpectedAlert } from '../test-case.ts';

/** Labels of one SLO instance's recorded series (service, slo, aggregation and groupBy labels). */
export function instanceLabels(slo: NormalizedSlo): Record<string, string> {
  const labels: Record<string, string> = { ...slo.labels };
  for (const label of slo.keep) labels[label] = anyValue;
  labels.service = slo.service;
  labels[sloLabels.slo] = slo.name;
  return labels;
}

export function alertLabelsFor(slo: NormalizedSlo, tier: BurnTier, longMs: number): Record<string, string> {
  // Set on the instance's own copy rather than spread into another: a label the instance has keeps
  // its place and takes the new value, as a spread would.
  const labels = instanceLabels(slo);
  labels.severity = tier.severity;
  labels.team = slo.team;
  labels[sloLabels.tier] = tier.name;
  labels[sloLabels.window] = windowLabel(longMs);
  return labels;
}

/** `ALERTS{alertname=..., alertstate="firing", service=..., slo=...}`: this SLO's firing alerts only. */
export function alertsQuery(slo: NormalizedSlo, alertname: string): string {
  return selectorText('ALERTS', [
    eq('alertname', alertname),
    eq('alertstate', 'firing'),
    ...sloMatchers(slo),
  ]);
}

export function firingSamples(slo: NormalizedSlo, tier: BurnTier, windows: readonly number[]) {
  return windows.map((longMs) => ({
    labels: seriesText('ALERTS', {
      alertname: sloAlertNames.burn(tier.name),
      alertstate: 'firing',
      ...alertLabelsFor(slo, tier, longMs),
    }),
    value: 1,
  }));
}

function queryResult(labels: Labels, value: number): GoValue {
  const sample: GoValue = {
    kind: 'struct',
    typeName: '*template.sample',
    v: new Map<string, GoValue>([
      ['Labels', goStringMap(Object.entries(labels))],
      ['Value', goFloat(value)],
    ]),
  };
  return { kind: 'slice', v: [sample], typeName: 'template.queryResult' };
}

function expand(
  templates: Readonly<Record<string, string>>,
  labels: Labels,
  value: number,
  query: (() => GoValue) | null,
): Record<string, string> {
  const expanded: Record<string, string> = {};
  // The labels converted once for every text that has actions (expandAlertTemplate would per text).
  let setting: AlertTemplateSetting | null = null;
  for (const [name, text] of Object.entries(templates)) {
    if (!text.includes('{{')) {
      expanded[name] = text;
      continue;
    }
    setting ??= alertTemplateSetting({
      labels: new Map(Object.entries(labels)),
      externalLabels: new Map<string, string>(),
      externalURL: '',
      query,
    });
    expanded[name] = expandAlertTemplateFor(text, name, setting, value);
  }
  return expanded;
}

/** A firing burn alert: its labels and annotations for a burn `value` and the budget left. */
export function burnAlert(
  slo: NormalizedSlo,
  tier: BurnTier,
  longMs: number,
  value: number,
  remaining: number,
): ExpectedAlert {
  const labels = alertLabelsFor(slo, tier, longMs);
  const query = () => queryResult(instanceLabels(slo), remaining);
  return { exp_labels: labels, exp_annotations: expand(alertAnnotations(slo, tier), labels, value, query) };
}

/** The no-data alert of an SLO: absent() keeps the selector's equality labels. */
export function noDataAlert(slo: NormalizedSlo): ExpectedAlert {
  const absentLabels: Record<string, string> = {};
  for (const m of totalSelector(slo).matchers)
    if (m.type === '=' && m.name !== '__name__') absentLabels[m.name] = m.value;
  const labels = {
    ...absentLabels,
    ...slo.labels,
    severity: 'warning',
    team: slo.team,
    service: slo.service,
    [sloLabels.slo]: slo.name,
  };
  return { exp_labels: labels, exp_annotations: expand(noDataAnnotations(slo), labels, 1, null) };
}
