// Everything promtool rejects in an expression: the parser's errors, pointed at their place in the file.
import type { Check } from '../check.ts';

export const promqlSyntax: Check = {
  id: 'promql/syntax',
  severity: 'error',
  description: 'the expression does not parse or type-check (promtool rejects it)',
  check: (rule) => rule.exprErrors.map((e) => ({ message: e.message, target: 'expr', offset: e.offset })),
};
