// dashboard/duplicate-panel-id: panel ids key links (viewPanel=), library panels and Grafana's
// layout; a missing or repeated id makes Grafana renumber panels and breaks those links.
import type { Problem } from '../../problem.ts';
import type { DashboardCheck } from './context.ts';
import { field } from './json-source.ts';

export const id = 'dashboard/duplicate-panel-id';

export const duplicatePanelId: DashboardCheck = {
  id,
  severity: 'error',
  description: 'every panel has an explicit id, unique in the dashboard',
  check(ctx) {
    const problems: Problem[] = [];
    const seen = new Map<number, string>();
    for (const panel of ctx.panels) {
      const node = field(panel.node, 'id');
      if (node?.kind !== 'number') {
        problems.push(ctx.finding(id, 'warning', `panel "${panel.title}" has no explicit id`, panel.node));
        continue;
      }
      const first = seen.get(node.value);
      if (first !== undefined)
        problems.push(
          ctx.finding(
            id,
            'error',
            `panel id ${node.value} of "${panel.title}" is already used by "${first}"`,
            node,
          ),
        );
      else seen.set(node.value, panel.title);
    }
    return problems;
  },
};
