// A team's receivers as the routes generator writes them: named `<team>-<key>`, every secret a
// reference with both its Secret key (for the CRDs) and its file (for the plain config).
import type { SecretRef as SecretRefSpec } from '../catalog/schema/common.ts';
import type { ReceiverSpec } from '../catalog/schema/team.ts';
import type { Receiver, SecretRef } from './model.ts';

/** Where the operator mounts `spec.secrets` of the Alertmanager object; the plain config reads from there too. */
export const secretsMountDir = '/etc/alertmanager/secrets';

export function receiverName(team: string, receiver: string): string {
  return `${team}-${receiver}`;
}

/** `pager` in team `ml` -> `ml-pager`; `platform/pager` -> `platform-pager`. */
export function resolveRef(team: string, ref: string): string {
  const slash = ref.indexOf('/');
  return slash < 0 ? receiverName(team, ref) : receiverName(ref.slice(0, slash), ref.slice(slash + 1));
}

export function secretRef(ref: SecretRefSpec): SecretRef {
  if (!('secret' in ref)) return { secret: null, file: ref.file };
  return {
    secret: { name: ref.secret, key: ref.key },
    file: ref.file ?? `${secretsMountDir}/${ref.secret}/${ref.key}`,
  };
}

function optionalSecret(ref: SecretRefSpec | undefined): SecretRef | null {
  return ref === undefined ? null : secretRef(ref);
}

export function buildReceiver(team: string, key: string, s: ReceiverSpec): Receiver {
  return {
    name: receiverName(team, key),
    team,
    key,
    slack: s.slack
      ? { channel: s.slack.channel, apiURL: secretRef(s.slack.apiURL), sendResolved: s.slack.sendResolved }
      : null,
    pagerduty: s.pagerduty
      ? { routingKey: secretRef(s.pagerduty.routingKey), sendResolved: s.pagerduty.sendResolved }
      : null,
    email: s.email ? { to: s.email.to, sendResolved: s.email.sendResolved } : null,
    webhook: s.webhook
      ? {
          url: s.webhook.url,
          authorization: optionalSecret(s.webhook.authorization),
          maxAlerts: s.webhook.maxAlerts ?? null,
          sendResolved: s.webhook.sendResolved,
        }
      : null,
    opsgenie: s.opsgenie
      ? {
          apiKey: secretRef(s.opsgenie.apiKey),
          responders: s.opsgenie.responders.map((r) => ({ type: r.type, name: r.name })),
          priority: s.opsgenie.priority ?? null,
          sendResolved: s.opsgenie.sendResolved,
        }
      : null,
    msteams: s.msteams
      ? {
          bridgeURL: s.msteams.bridgeURL,
          authorization: optionalSecret(s.msteams.authorization),
          sendResolved: s.msteams.sendResolved,
        }
      : null,
  };
}
