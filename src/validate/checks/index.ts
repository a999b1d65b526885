// Every lint check, in the order their findings are listed for one rule.
import type { Check } from '../check.ts';
import { alertsAbsoluteErrorRate } from './alerts-absolute-error-rate.ts';
import { alertsAlwaysFires } from './alerts-always-fires.ts';
import { alertsPerInstance } from './alerts-per-instance.ts';
import { alertsRunbookUrl } from './alerts-runbook-url.ts';
import { alertsSeverityLabel } from './alerts-severity-label.ts';
import { alertsSummary } from './alerts-summary.ts';
import { alertsTemplateLabelDropped } from './alerts-template-label-dropped.ts';
import { alertsTemplateSyntax } from './alerts-template-syntax.ts';
import { alertsTemplateUnits } from './alerts-template-units.ts';
import { promqlAbsent } from './promql-absent.ts';
import { promqlCounterWithoutRate } from './promql-counter-without-rate.ts';
import { promqlExperimentalFunction } from './promql-experimental-function.ts';
import { promqlHistogramQuantileLe } from './promql-histogram-quantile-le.ts';
import { promqlRateWindow } from './promql-rate-window.ts';
import { promqlRegexEquality } from './promql-regex-equality.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { rulesDuplicate } from './rules-duplicate.ts';
import { rulesRecordName } from './rules-record-name.ts';
import { rulesStaticTargetLabel } from './rules-static-target-label.ts';

export const checks: readonly Check[] = [
  promqlSyntax,
  promqlCounterWithoutRate,
  promqlHistogramQuantileLe,
  promqlRateWindow,
  promqlRegexEquality,
  promqlAbsent,
  promqlExperimentalFunction,
  alertsAlwaysFires,
  alertsPerInstance,
  alertsAbsoluteErrorRate,
  alertsTemplateUnits,
  alertsTemplateLabelDropped,
  alertsTemplateSyntax,
  alertsSeverityLabel,
  alertsSummary,
  alertsRunbookUrl,
  rulesRecordName,
  rulesDuplicate,
  rulesStaticTargetLabel,
];
