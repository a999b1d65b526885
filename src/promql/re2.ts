// RE2, Go's regular expressions, as PromQL, templates and Alertmanager matchers use them; loaded on
// first use, because most commands (a lint or test without a regex matcher) evaluate none and loading
// the library is a noticeable share of a short command's start.
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
