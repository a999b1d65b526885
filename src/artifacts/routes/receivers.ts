// Receivers in both dialects: the plain Alertmanager 0.25 config (snake_case, secrets as *_file paths)
// and AlertmanagerConfig v1alpha1 (camelCase, secrets as Secret key selectors); never secret values.
import type { AlertmanagerSettings, OpsgenieReceiver, Receiver, SecretRef } from '../../model/model.ts';
import { body, details, pagerdutySeverity, title } from './templates.ts';

type Json = Record<string, unknown>;
type OpsgenieResponder = OpsgenieReceiver['responders'][number];

/** The fields that are set: the model says "none" with null, a config by leaving the key out. */
function defined(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
}

function plainAuthorization(ref: SecretRef | null): Json | undefined {
  return ref ? { http_config: { authorization: { type: 'Bearer', credentials_file: ref.file } } } : undefined;
}

/**
 * Alertmanager 0.25 has `api_url_file` (Slack), `routing_key_file` (PagerDuty), `api_key_file`
 * (Opsgenie) and `auth_password_file` (email), but no `url_file` for webhooks and no Teams receiver:
 * webhook URLs must be plain and carry no credentials (a bearer token goes to `credentials_file`),
 * and Teams goes through a bridge that keeps the Teams URL in its own Secret.
 */
export function plainReceiver(s: Receiver, settings: AlertmanagerSettings): Json {
  const smtp = settings.smtp;
  return defined({
    name: s.name,
    slack_configs: s.slack && [
      {
        channel: s.slack.channel,
        api_url_file: s.slack.apiURL.file,
        send_resolved: s.slack.sendResolved,
        title,
        text: body,
      },
    ],
    pagerduty_configs: s.pagerduty && [
      {
        routing_key_file: s.pagerduty.routingKey.file,
        send_resolved: s.pagerduty.sendResolved,
        description: title,
        severity: pagerdutySeverity,
        details,
      },
    ],
    email_configs: s.email && [
      defined({
        to: s.email.to,
        from: smtp?.from,
        smarthost: smtp?.smarthost,
        auth_username: smtp?.authUsername,
        auth_password_file: smtp?.authPassword?.file,
        require_tls: smtp?.requireTLS,
        send_resolved: s.email.sendResolved,
        headers: { Subject: title },
      }),
    ],
    webhook_configs:
      s.webhook || s.msteams
        ? [
            ...(s.webhook
              ? [
                  defined({
                    url: s.webhook.url,
                    max_alerts: s.webhook.maxAlerts,
                    send_resolved: s.webhook.sendResolved,
                    ...plainAuthorization(s.webhook.authorization),
                  }),
                ]
              : []),
            ...(s.msteams
              ? [
                  defined({
                    url: s.msteams.bridgeURL,
                    send_resolved: s.msteams.sendResolved,
                    ...plainAuthorization(s.msteams.authorization),
                  }),
                ]
              : []),
          ]
        : undefined,
    opsgenie_configs: s.opsgenie && [
      defined({
        api_key_file: s.opsgenie.apiKey.file,
        send_resolved: s.opsgenie.sendResolved,
        message: title,
        description: body,
        details,
        priority: s.opsgenie.priority,
        responders: s.opsgenie.responders.length > 0 ? s.opsgenie.responders.map(responder) : undefined,
      }),
    ],
  });
}

/**
 * Opsgenie identifies a user by username (their login e-mail) and ignores `name` for users, so a user
 * responder named in the catalog goes out as `username`; teams, escalations and schedules by name.
 */
function responder(r: OpsgenieResponder): { type: string; name?: string; username?: string } {
  return r.type === 'user' ? { type: r.type, username: r.name } : { type: r.type, name: r.name };
}

function keyValues(record: Readonly<Record<string, string>>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

/** A secret reference that names only a file has no CRD form; the caller reports it. */
export interface CrdReceiverResult {
  readonly receiver: Json;
  readonly fileOnlySecrets: readonly string[];
}

export function crdReceiver(s: Receiver, settings: AlertmanagerSettings): CrdReceiverResult {
  const fileOnly: string[] = [];
  const selector = (ref: SecretRef, field: string) => {
    if (!ref.secret) fileOnly.push(field);
    return ref.secret ?? { name: 'missing', key: 'missing' };
  };
  const authorization = (ref: SecretRef | null, field: string) =>
    ref
      ? { httpConfig: { authorization: { type: 'Bearer', credentials: selector(ref, field) } } }
      : undefined;
  const smtp = settings.smtp;
  const receiver = defined({
    name: s.name,
    slackConfigs: s.slack && [
      {
        channel: s.slack.channel,
        apiURL: selector(s.slack.apiURL, 'slack.apiURL'),
        sendResolved: s.slack.sendResolved,
        title,
        text: body,
      },
    ],
    pagerdutyConfigs: s.pagerduty && [
      {
        routingKey: selector(s.pagerduty.routingKey, 'pagerduty.routingKey'),
        sendResolved: s.pagerduty.sendResolved,
        description: title,
        severity: pagerdutySeverity,
        details: keyValues(details),
      },
    ],
    emailConfigs: s.email && [
      defined({
        to: s.email.to,
        from: smtp?.from,
        smarthost: smtp?.smarthost,
        authUsername: smtp?.authUsername,
        authPassword: smtp?.authPassword
          ? selector(smtp.authPassword, 'alertmanager.smtp.authPassword')
          : undefined,
        requireTLS: smtp?.requireTLS,
        sendResolved: s.email.sendResolved,
        headers: [{ key: 'Subject', value: title }],
      }),
    ],
    webhookConfigs:
      s.webhook || s.msteams
        ? [
            ...(s.webhook
              ? [
                  defined({
                    url: s.webhook.url,
                    maxAlerts: s.webhook.maxAlerts,
                    sendResolved: s.webhook.sendResolved,
                    ...authorization(s.webhook.authorization, 'webhook.authorization'),
                  }),
                ]
              : []),
            ...(s.msteams
              ? [
                  defined({
                    url: s.msteams.bridgeURL,
                    sendResolved: s.msteams.sendResolved,
                    ...authorization(s.msteams.authorization, 'msteams.authorization'),
                  }),
                ]
              : []),
          ]
        : undefined,
    opsgenieConfigs: s.opsgenie && [
      defined({
        apiKey: selector(s.opsgenie.apiKey, 'opsgenie.apiKey'),
        sendResolved: s.opsgenie.sendResolved,
        message: title,
        description: body,
        details: keyValues(details),
        priority: s.opsgenie.priority,
        responders: s.opsgenie.responders.length > 0 ? s.opsgenie.responders.map(responder) : undefined,
      }),
    ],
  });
  return { receiver, fileOnlySecrets: fileOnly };
}
