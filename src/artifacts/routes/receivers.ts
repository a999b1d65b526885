// Receivers in both dialects from one renderer: the plain Alertmanager 0.25 config (snake_case,
// secrets as *_file paths, string maps as maps) and AlertmanagerConfig v1alpha1 (camelCase, secrets
// as Secret key selectors, string maps as key/value lists). Never a secret value.
import type { AlertmanagerSettings, OpsgenieReceiver, Receiver, SecretRef } from '../../model/model.ts';
import { plainKeys } from './render.ts';
import { body, details, pagerdutySeverity, title } from './templates.ts';

type Json = Record<string, unknown>;
type OpsgenieResponder = OpsgenieReceiver['responders'][number];

/** How one output spells a receiver. */
export interface ReceiverDialect {
  /** The output key for a field named in camelCase. */
  readonly key: (camel: string) => string;
  /**
   * The output key and value of the secret in field `camel`; `where` names the catalog field, added
   * to `fileOnly` when the dialect cannot use a secret given only as a file.
   */
  readonly secret: (
    camel: string,
    ref: SecretRef,
    where: string,
    fileOnly: string[],
  ) => readonly [string, unknown];
  /** A string map (`details`, `headers`). */
  readonly pairs: (record: Readonly<Record<string, string>>) => unknown;
}

/**
 * Alertmanager 0.25 reads `api_url_file` (Slack), `routing_key_file` (PagerDuty), `api_key_file`
 * (Opsgenie), `auth_password_file` (email) and `credentials_file`, but has no `url_file` for
 * webhooks and no Teams receiver: webhook URLs must be plain and carry no credentials (a bearer token
 * goes to `credentials_file`), and Teams goes through a bridge that keeps the Teams URL in its own
 * Secret.
 */
export const plainReceiverDialect: ReceiverDialect = {
  key: plainKeys.key,
  secret: (camel, ref) => [`${plainKeys.key(camel)}_file`, ref.file],
  pairs: (record) => record,
};

export const crdReceiverDialect: ReceiverDialect = {
  key: (camel) => camel,
  secret: (camel, ref, where, fileOnly) => {
    if (!ref.secret) fileOnly.push(where);
    return [camel, ref.secret ?? { name: 'missing', key: 'missing' }];
  },
  pairs: (record) => Object.entries(record).map(([key, value]) => ({ key, value })),
};

/** A secret field of a config: its reference (none: left out) and the catalog field it comes from. */
type SecretField = readonly [ref: SecretRef | null | undefined, where: string];

export interface RenderedReceiver {
  readonly receiver: Json;
  /** Catalog fields whose secret the dialect cannot express (a file where a Secret is needed). */
  readonly fileOnlySecrets: readonly string[];
}

export function renderReceiver(
  s: Receiver,
  settings: AlertmanagerSettings,
  d: ReceiverDialect,
): RenderedReceiver {
  const fileOnlySecrets: string[] = [];
  /** One config map in the dialect's spelling; unset (undefined or null) fields are left out. */
  const config = (fields: Json, secrets: Readonly<Record<string, SecretField>> = {}): Json => {
    const out: Json = {};
    for (const [camel, value] of Object.entries(fields))
      if (value !== undefined && value !== null) out[d.key(camel)] = value;
    for (const [camel, [ref, where]] of Object.entries(secrets)) {
      if (!ref) continue;
      const [key, value] = d.secret(camel, ref, where, fileOnlySecrets);
      out[key] = value;
    }
    return out;
  };
  const authorization = (ref: SecretRef | null, where: string): Json =>
    ref ? { httpConfig: { authorization: config({ type: 'Bearer' }, { credentials: [ref, where] }) } } : {};
  const smtp = settings.smtp;
  const webhooks = [
    ...(s.webhook
      ? [
          config({
            url: s.webhook.url,
            maxAlerts: s.webhook.maxAlerts,
            sendResolved: s.webhook.sendResolved,
            ...authorization(s.webhook.authorization, 'webhook.authorization'),
          }),
        ]
      : []),
    ...(s.msteams
      ? [
          config({
            url: s.msteams.bridgeURL,
            sendResolved: s.msteams.sendResolved,
            ...authorization(s.msteams.authorization, 'msteams.authorization'),
          }),
        ]
      : []),
  ];
  const receiver = config({
    name: s.name,
    slackConfigs: s.slack && [
      config(
        { channel: s.slack.channel, sendResolved: s.slack.sendResolved, title, text: body },
        { apiURL: [s.slack.apiURL, 'slack.apiURL'] },
      ),
    ],
    pagerdutyConfigs: s.pagerduty && [
      config(
        {
          sendResolved: s.pagerduty.sendResolved,
          description: title,
          severity: pagerdutySeverity,
          details: d.pairs(details),
        },
        { routingKey: [s.pagerduty.routingKey, 'pagerduty.routingKey'] },
      ),
    ],
    emailConfigs: s.email && [
      config(
        {
          to: s.email.to,
          from: smtp?.from,
          smarthost: smtp?.smarthost,
          authUsername: smtp?.authUsername,
          requireTLS: smtp?.requireTLS,
          sendResolved: s.email.sendResolved,
          headers: d.pairs({ Subject: title }),
        },
        { authPassword: [smtp?.authPassword, 'alertmanager.smtp.authPassword'] },
      ),
    ],
    webhookConfigs: webhooks.length > 0 ? webhooks : undefined,
    opsgenieConfigs: s.opsgenie && [
      config(
        {
          sendResolved: s.opsgenie.sendResolved,
          message: title,
          description: body,
          details: d.pairs(details),
          priority: s.opsgenie.priority,
          responders: s.opsgenie.responders.length > 0 ? s.opsgenie.responders.map(responder) : undefined,
        },
        { apiKey: [s.opsgenie.apiKey, 'opsgenie.apiKey'] },
      ),
    ],
  });
  return { receiver, fileOnlySecrets };
}

/**
 * Opsgenie identifies a user by username (their login e-mail) and ignores `name` for users, so a user
 * responder named in the catalog goes out as `username`; teams, escalations and schedules by name.
 */
function responder(r: OpsgenieResponder): { type: string; name?: string; username?: string } {
  return r.type === 'user' ? { type: r.type, username: r.name } : { type: r.type, name: r.name };
}
