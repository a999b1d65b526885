// absent() returns one series whose labels come only from the equality matchers of a plain selector:
// over anything else it loses the labels, and over a comparison it fires when the condition is false.
import type { Call } from '../../promql/ast.ts';
import { type Check, type Finding, noFindings, templateTarget, withFinding } from '../check.ts';
import { readCalls, unwrap } from '../expr-tools.ts';
import { labelRefs } from '../template-refs.ts';

export const absentFunctions = ['absent', 'absent_over_time'];

function selectorOf(call: Call) {
  const arg = call.args[0] ? unwrap(call.args[0]) : null;
  if (arg?.type === 'VectorSelector') return arg;
  if (arg?.type === 'MatrixSelector') return arg.vectorSelector;
  return null;
}

export const promqlAbsent: Check = {
  id: 'promql/absent',
  severity: 'warning',
  description: 'absent() over something other than a selector, or its missing labels used in templates',
  check: (rule) => {
    if (!rule.ast) return noFindings;
    let findings: Finding[] | null = null;
    const found = readCalls(rule.ast, absentFunctions);
    // The shared empty list is frozen, which for-of would walk with an iterator object.
    if (found.length === 0) return noFindings;
    for (const call of found) {
      const selector = selectorOf(call);
      if (!selector) {
        findings = withFinding(findings, {
          message: `${call.func}() over an expression that is not a selector returns a series without labels and hides which series is missing: use ${call.func}() on the selector itself`,
          target: 'expr',
          offset: call.start,
        });
        continue;
      }
      if (rule.kind !== 'alert') continue;
      const kept = new Set(selector.matchers.filter((m) => m.type === '=').map((m) => m.name));
      const lossy = new Set(selector.matchers.filter((m) => m.type !== '=').map((m) => m.name));
      for (const [key, template] of rule.templates) {
        for (const ref of labelRefs(template)) {
          if (!lossy.has(ref.name) || kept.has(ref.name)) continue;
          findings = withFinding(findings, {
            message: `$labels.${ref.name} is always empty: ${call.func}() only keeps labels of equality matchers, and ${ref.name} is matched by a regex or negation`,
            target: templateTarget(key),
            offset: ref.offset,
          });
        }
      }
    }
    return findings ?? noFindings;
  },
};
