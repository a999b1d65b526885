// Building blocks shared by every part of the catalog schema.
import { z } from 'zod';
import { durationMs } from '../../promql/duration.ts';

/** Kubernetes-style names: what services, teams and namespaces must look like. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase DNS label (a-z, 0-9, "-"), e.g. "cloudviz"')
  .max(63, 'must be at most 63 characters');

export const prometheusName = z
  .string()
  .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)');

export const labelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)')
  .refine((name) => !name.startsWith('__'), 'label names starting with "__" are reserved for Prometheus');

/** A Prometheus duration such as `30s`, `5m`, `1h30m`; must be greater than zero. */
export const duration = z.string().superRefine((text, ctx) => {
  const ms = durationMs(text);
  if (ms === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a duration: use a number and a unit (ms, s, m, h, d, w, y), e.g. "30s", "5m", "1h30m"`,
    });
  } else if (ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `duration "${text}" must be greater than zero` });
  }
});

/** Kubernetes label keys: an optional DNS-subdomain prefix and a name, e.g. `app.kubernetes.io/name`. */
const kubernetesLabelKey = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'must be a Kubernetes label key, e.g. "app" or "app.kubernetes.io/name"',
  );
const kubernetesLabelValue = z
  .string()
  .regex(
    /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/,
    'must be a Kubernetes label value (at most 63 characters of a-z, 0-9, "-", "_", ".")',
  );

/** Kubernetes labels, e.g. a selector's matchLabels. */
export const kubernetesLabels = z.record(kubernetesLabelKey, kubernetesLabelValue);

/** Static labels attached to generated objects or rules. */
export const labelMap = z.record(labelName, z.string());

/**
 * A reference to a secret: a Kubernetes Secret key (for CRDs) or a file path (for the plain
 * Alertmanager config). Secret values themselves never appear in the catalog or in generated/.
 */
export const secretRef = z.union(
  [
    z.strictObject({
      secret: dnsLabel.describe('name of the Kubernetes Secret'),
      key: z.string().min(1).describe('key inside the Secret'),
      file: z
        .string()
        .startsWith('/')
        .optional()
        .describe(
          'path where Alertmanager reads it (plain config); defaults to /etc/alertmanager/secrets/<secret>/<key>',
        ),
    }),
    z.strictObject({
      file: z
        .string()
        .startsWith('/', 'must be an absolute path')
        .describe('path of a file holding the secret'),
    }),
  ],
  {
    error: (issue) =>
      typeof issue.input === 'string'
        ? 'an inline secret value is not allowed: reference it as { secret: <k8s-secret-name>, key: <key> } or { file: /path/to/file }'
        : 'expected a secret reference { secret: <k8s-secret-name>, key: <key> } or { file: /path/to/file }',
  },
);
export type SecretRef = z.infer<typeof secretRef>;

export const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
