// Every lint check, in the order their findings are listed for one rule.
import type { Check } from '../check.ts';
import { alertsAbsoluteErrorRate } from './alerts-absolute-error-rate.ts';
import { alertsAlwaysFires } from './alerts-always-fires.ts';
import { alertsMissingFor } from './alerts-missing-for.ts';
import { alertsPerInstance } from './alerts-per-instance.ts';
import { alertsRunbookUrl } from './alerts-runbook-url.ts';
import { alertsSeverityLabel } from './alerts-severity-label.ts';
import { alertsSummary } from './alerts-summary.ts';
import { alertsTemplateLabelDropped } from './alerts-template-label-dropped.ts';
import { alertsTemplateRawValue } from './alerts-template-raw-value.ts';
import { alertsTemplateSyntax } from './alerts-template-syntax.ts';
import { alertsTemplateUnits } from './alerts-template-units.ts';
import { promqlAbsent } from './promql-absent.ts';
import { promqlCounterWithoutRate } from './promql-counter-without-rate.ts';
import { promqlExperimentalFunction } from './promql-experimental-function.ts';
import { promqlHistogramQuantileLe } from './promql-histogram-quantile-le.ts';
import { promqlRateOfGauge } from './promql-rate-of-gauge.ts';
import { promqlRateWindow } from './promql-rate-window.ts';
import { promqlRegexEquality } from './promql-regex-equality.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { promqlUndeclaredMetric } from './promql-undeclared-metric.ts';
import { promqlUnknownLabel } from './promql-unknown-label.ts';
import { rulesDuplicate } from './rules-duplicate.ts';
import { rulesRecordName } from './rules-record-name.ts';
import { rulesStaticTargetLabel } from './rules-static-target-label.ts';

export const checks: readonly Check[] = [
  promqlSyntax,
  promqlCounterWithoutRate,
  promqlHistogramQuantileLe,
  promqlRateWindow,
  promqlRateOfGauge,
  promqlRegexEquality,
  promqlAbsent,
  promqlExperimentalFunction,
  promqlUndeclaredMetric,
  promqlUnknownLabel,
  alertsAlwaysFires,
  alertsMissingFor,
  alertsPerInstance,
  alertsAbsoluteErrorRate,
  alertsTemplateUnits,
  alertsTemplateRawValue,
  alertsTemplateLabelDropped,
  alertsTemplateSyntax,
  alertsSeverityLabel,
  alertsSummary,
  alertsRunbookUrl,
  rulesRecordName,
  rulesDuplicate,
  rulesStaticTargetLabel,
];
