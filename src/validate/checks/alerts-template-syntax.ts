// Label and annotation templates are Go text/template; promtool rejects a rule file whose templates do not parse.
import { type Check, templateTarget } from '../check.ts';

export const alertsTemplateSyntax: Check = {
  id: 'alerts/template-syntax',
  severity: 'error',
  kind: 'alert',
  description: 'a label or annotation template does not parse',
  check: (rule) =>
    rule.templateErrors.size === 0
      ? []
      : [...rule.templateErrors].flatMap(([key, errors]) =>
          errors.map((e) => ({
            message: `template: ${e.message}`,
            target: templateTarget(key),
            offset: e.offset,
          })),
        ),
};
