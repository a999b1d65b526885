// Label matchers with Prometheus's regex semantics: Go RE2 syntax, anchored as `^(?:re)$`.

import type { LabelMatcher } from './ast.ts';
import { type FullMatcher, re2, simpleAnchored } from './re2.ts';

const cache = new Map<string, FullMatcher | string>();

/** The anchored regex for a matcher value, or the RE2 error message when it does not compile. */
export function compileMatcherRegex(value: string): { regex: FullMatcher | null; error: string | null } {
  let entry = cache.get(value);
  if (entry === undefined) {
    try {
      entry = simpleAnchored(value) ?? re2().compile(`^(?:${value})$`);
    } catch (error) {
      entry = error instanceof Error ? error.message : String(error);
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(value, entry);
  }
  return typeof entry === 'string' ? { regex: null, error: entry } : { regex: entry, error: null };
}

/** Whether a matcher accepts the label value (an absent label is the empty value). */
export function matcherMatches(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.type) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileMatcherRegex(matcher.value).regex?.matches(value) ?? false;
    case '!~':
      return !(compileMatcherRegex(matcher.value).regex?.matches(value) ?? false);
  }
}
