// The summary annotation is the one line a notification shows; without it the receiver sees only the name.
import { type Check, noFindings } from '../check.ts';

export const alertsSummary: Check = {
  id: 'alerts/summary',
  severity: 'warning',
  kind: 'alert',
  description: 'an alert has no summary annotation',
  check: (rule) =>
    rule.kind === 'alert' && !rule.annotations.get('summary')
      ? [{ message: 'alert has no summary annotation', target: 'name' }]
      : noFindings,
};
