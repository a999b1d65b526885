// Secret references become file paths (plain config) or Secret key selectors (CRDs); never values.
import type { SecretRef } from '../../catalog/schema/common.ts';

/** Where the operator mounts `spec.secrets` of the Alertmanager object; the plain config reads from there too. */
export const secretsMountDir = '/etc/alertmanager/secrets';

export function secretFile(ref: SecretRef): string {
  if (ref.file !== undefined) return ref.file;
  return 'secret' in ref ? `${secretsMountDir}/${ref.secret}/${ref.key}` : '';
}

/** `{ name, key }` for a CRD, or null when the reference names only a file. */
export function secretKeySelector(ref: SecretRef): { name: string; key: string } | null {
  return 'secret' in ref ? { name: ref.secret, key: ref.key } : null;
}
