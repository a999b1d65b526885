// RE2, Go's regular expressions, as PromQL, templates and Alertmanager matchers use them; loaded on
// first use, because most commands (a lint or test without a regex matcher) evaluate none and loading
// the library is a noticeable share of a short command's start.
//
// Most matcher patterns are simple (`5..`, `GET|POST`, `api-.*`, `[45]..`): for those, a JavaScript
// RegExp with the `u` flag accepts the same strings, so the library is not loaded at all. The subset is
// literal characters, `.`, `*`, `+`, `?`, `|`, groups without `(?` and bracket classes of literal
// characters; anything else (escapes, `{n,m}`, flags, anchors) goes to RE2. A pattern the RegExp
// rejects goes to RE2 too, so errors always carry RE2's message. test/promql/re2-fast-path.test.ts
// compares the two on generated patterns and strings.
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

export type { RE2JS };

const require = createRequire(import.meta.url);
let library: typeof RE2JS | undefined;

/** The RE2JS class, loaded once. */
export function re2(): typeof RE2JS {
  library ??= (require('re2js') as typeof import('re2js')).RE2JS;
  return library;
}

/** What a label matcher needs of a compiled regex. */
export interface FullMatcher {
  matches(value: string): boolean;
}

// A class is `[`, optional `^`, then at least one literal character that is not `]` before the closing `]`.
const simpleClass = String.raw`\[\^?[^\]\\\[][^\]\\\[]*\]`;
const simpleAtom = String.raw`[A-Za-z0-9_\-:/,;=@#%&'"<> ~!.*+?|()]`;
const simplePattern = new RegExp(`^(?:${simpleAtom}|${simpleClass})*$`);

/** Whether RE2 and a `u`-flag RegExp agree on `pattern` (when both accept it). */
export function isSimplePattern(pattern: string): boolean {
  return !pattern.includes('(?') && simplePattern.test(pattern) && balancedGroups(pattern);
}

/** Groups close in order outside classes: `)|(` would end the anchoring group early. */
function balancedGroups(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (const char of pattern) {
    if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * RE2's `.` outside a class is any character but a newline; JavaScript's also leaves out `\r`, U+2028
 * and U+2029, so it is written as `[^\n]` (under the `s` flag, which the RegExp always carries).
 */
function withRe2Dot(pattern: string): string {
  let out = '';
  let inClass = false;
  for (const char of pattern) {
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else out += char === '.' ? '[^\\n]' : char;
  }
  return out;
}

/**
 * `^(?:pattern)$` (`(?s:...)` with `dotAll`, as Prometheus 3 anchors), as a RegExp when the pattern is
 * simple and the RegExp accepts it, else null (compile it with RE2).
 */
export function simpleAnchored(pattern: string, dotAll = false): FullMatcher | null {
  if (!isSimplePattern(pattern)) return null;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${dotAll ? pattern : withRe2Dot(pattern)})$`, 'us');
  } catch {
    return null;
  }
  return { matches: (value) => re.test(value) };
}
