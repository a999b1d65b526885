// `job=~"api"` is anchored, so it means `job="api"`: the equality is cheaper and says what it means.
import { type Check, type Finding, noFindings, withFinding } from '../check.ts';
import { selectors } from '../expr-tools.ts';

/** The literal a regex matches when it has no operators (`foo\.bar` -> `foo.bar`), else null. */
export function regexLiteral(pattern: string): string | null {
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || /[a-zA-Z0-9]/.test(next)) return null; // \d, \w ... are classes
      literal += next;
      i++;
    } else if ('.^$*+?()[]{}|'.includes(c)) return null;
    else literal += c;
  }
  return literal;
}

export const promqlRegexEquality: Check = {
  id: 'promql/regex-equality',
  severity: 'info',
  description: 'a regex matcher without regex operators could be an equality',
  check: (rule) => {
    if (!rule.ast) return noFindings;
    let findings: Finding[] | null = null;
    for (const selector of selectors(rule.ast)) {
      for (const m of selector.matchers) {
        if (m.type !== '=~' && m.type !== '!~') continue;
        const literal = regexLiteral(m.value);
        if (literal === null || literal === '') continue;
        const equality = m.type === '=~' ? '=' : '!=';
        findings = withFinding(findings, {
          message: `${m.name}${m.type}${JSON.stringify(m.value)} matches one value only: use ${m.name}${equality}${JSON.stringify(literal)}`,
          target: 'expr',
          offset: selector.start,
        });
      }
    }
    return findings ?? noFindings;
  },
};
