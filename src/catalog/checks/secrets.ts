// Secrets are never values in the catalog (or in generated/): Slack hook URLs, tokens, keys and
// passwords are refused wherever they appear, not only where the schema expects a secret reference.
import type { Problem } from '../../problem.ts';
import { catalogProblem } from '../issues.ts';
import type { CatalogCheck, CheckContext } from './types.ts';

/** What a leaked credential looks like, each with the name users will recognise. */
const secretPatterns: readonly (readonly [string, RegExp])[] = [
  ['a Slack webhook URL', /hooks\.slack\.com\/(services|workflows|triggers)\//i],
  ['a Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['a Microsoft Teams webhook URL', /\.webhook\.office\.com\/|outlook\.office(365)?\.com\/webhook\//i],
  ['a Discord webhook URL', /discord(app)?\.com\/api\/webhooks\//i],
  ['a URL with a password', /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i],
  [
    'a URL with a credential parameter',
    /[?&](access_token|token|api_key|apikey|key|secret|password|sig|signature)=[^&\s]{6,}/i,
  ],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a GitHub token', /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/],
  ['an AWS access key', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['a bearer token', /\bbearer\s+[A-Za-z0-9._~+/-]{20,}/i],
  ['a 32-character hex integration key', /^[0-9a-f]{32}$/i],
];

/** Keys whose string value is a credential (a secret reference is a map, never a string here). */
const secretKeyName =
  /(password|passwd|token|api[_-]?key|apikey|routing[_-]?key|service[_-]?key|private[_-]?key|credentials?|webhook[_-]?url|api[_-]?url)$/i;

/**
 * Text each pattern needs somewhere (ignoring case; the 32-character key needs its length): one pass
 * rules out almost every string of a catalog before the patterns run one by one.
 */
const secretHint =
  /hooks\.slack|xox|webhook|discord|:\/\/|[?&]|-----begin|gh[pousr]_|github_pat_|akia|asia|eyj|bearer/i;

/** The kind of secret `text` looks like, or null. Shared with the test that scans generated/. */
export function looksLikeSecret(text: string): string | null {
  if (text.length !== 32 && !secretHint.test(text)) return null;
  return patternOf(text);
}

/** The first pattern `text` matches: looksLikeSecret without the hint. */
export function patternOf(text: string): string | null {
  for (const [what, pattern] of secretPatterns) if (pattern.test(text)) return what;
  return null;
}

/**
 * Calls `visit` for every string in `value`, with the key it sits under. `path` is one array pushed
 * and popped along the walk (a catalog has thousands of strings and almost never a secret), so a
 * visitor that keeps it must copy it.
 */
function forEachString(
  value: unknown,
  path: (string | number)[],
  key: string | null,
  visit: (text: string, key: string | null, path: readonly (string | number)[]) => void,
): void {
  if (typeof value === 'string') visit(value, key, path);
  else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      forEachString(value[index], path, key, visit);
      path.pop();
    }
  } else if (typeof value === 'object' && value !== null) {
    // for-in over own keys, in Object.keys order: no entry pair allocated per key of the catalog.
    const map = value as Record<string, unknown>;
    for (const k in map) {
      if (!Object.hasOwn(map, k)) continue;
      path.push(k);
      forEachString(map[k], path, k, visit);
      path.pop();
    }
  }
}

function secretValuesProblems({ source, raw }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  // Read what the user wrote, not the parsed spec, so defaults never hide it.
  forEachString(raw, [], null, (text, key, path) => {
    const what =
      looksLikeSecret(text) ?? (key !== null && secretKeyName.test(key) ? `a value for "${key}"` : null);
    if (what === null) return;
    problems.push(
      catalogProblem(
        source,
        [...path],
        `this looks like ${what}: secrets never go in the catalog; store it in a Kubernetes Secret and reference it as { secret: <name>, key: <key> } (or { file: /path })`,
      ),
    );
  });
  return problems;
}

export const secretValues: CatalogCheck = {
  id: 'catalog/secret-value',
  severity: 'error',
  description: 'no secret is written inline in the catalog; secrets are references',
  check: secretValuesProblems,
};
