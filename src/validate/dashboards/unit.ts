// dashboard/unit: a number without a unit is a guess for the reader (seconds or milliseconds? ratio
// or percent?). Every panel that shows data says what it measures, and describes itself.
import type { Problem } from '../../problem.ts';
import type { DashboardCheck } from './context.ts';
import { field, stringAt } from './json-source.ts';

export const id = 'dashboard/unit';
const textPanels = new Set(['row', 'text', 'news', 'dashlist', 'annolist', 'logs']);

export const unit: DashboardCheck = {
  id,
  severity: 'warning',
  description: 'every panel that shows data has a unit and a description',
  check(ctx) {
    const problems: Problem[] = [];
    for (const panel of ctx.panels) {
      if (textPanels.has(panel.type)) continue;
      const defaults = field(field(panel.node, 'fieldConfig'), 'defaults');
      const value = stringAt(defaults, 'unit');
      if (value === undefined || value === '') {
        problems.push(
          ctx.finding(
            id,
            'warning',
            `panel "${panel.title}" has no unit (fieldConfig.defaults.unit)`,
            defaults ?? panel.node,
          ),
        );
      }
      if ((stringAt(panel.node, 'description') ?? '') === '') {
        problems.push(ctx.finding(id, 'warning', `panel "${panel.title}" has no description`, panel.node));
      }
    }
    return problems;
  },
};
