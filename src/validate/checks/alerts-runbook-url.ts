// Whoever is paged at night needs to know what to do: a runbook_url links the alert to its procedure.
import { type Check, noFindings } from '../check.ts';

export const alertsRunbookUrl: Check = {
  id: 'alerts/runbook-url',
  severity: 'info',
  kind: 'alert',
  description: 'an alert has no runbook_url annotation',
  check: (rule) =>
    rule.kind === 'alert' && !rule.annotations.get('runbook_url')
      ? [{ message: 'alert has no runbook_url annotation', target: 'name' }]
      : noFindings,
};
