// Secrets are never values in the catalog (or in generated/): Slack hook URLs, tokens, keys and
// passwords are refused wherever they appear, not only where the schema expects a secret reference.
import type { Problem } from '../../problem.ts';
import { catalogProblem } from '../issues.ts';
import type { ValuePath } from '../source.ts';
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

/** The kind of secret `text` looks like, or null. Shared with the test that scans generated/. */
export function looksLikeSecret(text: string): string | null {
  for (const [what, pattern] of secretPatterns) if (pattern.test(text)) return what;
  return null;
}

interface Leaf {
  readonly path: ValuePath;
  readonly key: string | null;
  readonly value: string;
}

function stringLeaves(value: unknown, path: ValuePath, key: string | null): Leaf[] {
  if (typeof value === 'string') return [{ path, key, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index], key));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k], k));
  }
  return [];
}

function secretValuesProblems({ source, raw }: CheckContext): Problem[] {
  // Read what the user wrote, not the parsed spec, so defaults never hide it.
  return stringLeaves(raw, [], null).flatMap((leaf) => {
    const what =
      looksLikeSecret(leaf.value) ??
      (leaf.key !== null && secretKeyName.test(leaf.key) ? `a value for "${leaf.key}"` : null);
    if (what === null) return [];
    return [
      catalogProblem(
        source,
        leaf.path,
        `this looks like ${what}: secrets never go in the catalog; store it in a Kubernetes Secret and reference it as { secret: <name>, key: <key> } (or { file: /path })`,
      ),
    ];
  });
}

export const secretValues: CatalogCheck = {
  id: 'catalog/secret-value',
  severity: 'error',
  description: 'no secret is written inline in the catalog; secrets are references',
  check: secretValuesProblems,
};
