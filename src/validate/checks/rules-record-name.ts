// Recording rules are named level:metric:operations (Prometheus naming best practice), so a reader
// knows the aggregation level, the source metric and what was done to it.
import { type Check, noFindings } from '../check.ts';

const convention = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

export const rulesRecordName: Check = {
  id: 'rules/record-name',
  severity: 'warning',
  kind: 'record',
  description: 'a recording rule name does not follow level:metric:operations',
  check: (rule) => {
    if (rule.kind !== 'record' || convention.test(rule.name)) return noFindings;
    return [
      {
        message: `recording rule name "${rule.name}" does not follow level:metric:operations (e.g. job:http_requests:rate5m)`,
        target: 'name',
      },
    ];
  },
};
