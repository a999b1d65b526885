// Routing and paging decisions hang on the severity label; an alert without one reaches the default route.
import { type Check, noFindings } from '../check.ts';

export const alertsSeverityLabel: Check = {
  id: 'alerts/severity-label',
  severity: 'warning',
  kind: 'alert',
  description: 'an alert has no severity label',
  check: (rule) =>
    rule.kind === 'alert' && !rule.labels.get('severity')
      ? [{ message: 'alert has no severity label (critical, warning or info)', target: 'name' }]
      : noFindings,
};
