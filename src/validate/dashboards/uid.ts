// dashboard/uid: without a uid Grafana makes one up on import, so links and provisioning updates
// break; Grafana accepts at most 40 characters of letters, digits, "-" and "_".
import type { DashboardCheck } from './context.ts';
import { field } from './json-source.ts';

export const id = 'dashboard/uid';

export const uid: DashboardCheck = {
  id,
  severity: 'error',
  description: 'a stable uid of 1-40 letters, digits, "-" or "_"',
  check(ctx) {
    const node = field(ctx.root, 'uid');
    if (node === undefined || node.kind === 'null')
      return [
        ctx.finding(
          id,
          'error',
          'the dashboard has no uid; set a stable one so links and provisioning keep working',
          ctx.root,
        ),
      ];
    if (node.kind !== 'string') return [ctx.finding(id, 'error', 'uid must be a string', node)];
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(node.value)) {
      return [ctx.finding(id, 'error', `uid "${node.value}" must be 1-40 letters, digits, "-" or "_"`, node)];
    }
    return [];
  },
};
