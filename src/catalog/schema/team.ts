// Teams own services and receive their alerts: receivers (secrets only as references) and how each
// alert severity reaches them.
import { z } from 'zod';
import { dnsLabel, duration, labelName, secretRef, url } from './common.ts';

export const receiverName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'receiver names are lowercase, e.g. "pager"');

/** `pager` (a receiver of the same team) or `platform/pager` (a receiver of team platform). */
export const receiverRef = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z][a-z0-9-]*$/,
    'a receiver of this team ("pager") or of another team ("platform/pager")',
  );

export const timeIntervalName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'time interval names are lowercase, e.g. "business-hours"');

const slack = z.strictObject({
  channel: z.string().regex(/^[#@]?[\w.-]+$/, 'a Slack channel such as "#platform-alerts"'),
  apiURL: secretRef.describe('the incoming-webhook URL, as a secret reference'),
  sendResolved: z.boolean().default(true),
});
const pagerduty = z.strictObject({
  routingKey: secretRef.describe('the Events API v2 integration key, as a secret reference'),
  sendResolved: z.boolean().default(true),
});
const email = z.strictObject({
  to: z.email(),
  sendResolved: z.boolean().default(false),
});
const webhook = z.strictObject({
  url: url.describe('endpoint without credentials (Alertmanager 0.25 cannot read the URL from a file)'),
  authorization: secretRef.optional().describe('bearer token sent in the Authorization header'),
  maxAlerts: z.number().int().nonnegative().optional(),
  sendResolved: z.boolean().default(true),
});
const opsgenie = z.strictObject({
  apiKey: secretRef,
  responders: z
    .array(
      z.strictObject({ type: z.enum(['team', 'user', 'escalation', 'schedule']), name: z.string().min(1) }),
    )
    .default([]),
  priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).optional(),
  sendResolved: z.boolean().default(true),
});
const msteams = z.strictObject({
  bridgeURL: url.describe(
    'URL of the Teams bridge (e.g. prometheus-msteams) that holds the Teams incoming-webhook URL in its own Secret; Alertmanager 0.25 has no native Teams receiver',
  ),
  authorization: secretRef.optional(),
  sendResolved: z.boolean().default(true),
});

export const receiver = z
  .strictObject({
    slack: slack.optional(),
    pagerduty: pagerduty.optional(),
    email: email.optional(),
    webhook: webhook.optional(),
    opsgenie: opsgenie.optional(),
    msteams: msteams.optional(),
  })
  .refine(
    (r) => Object.values(r).some((v) => v !== undefined),
    'a receiver needs at least one of slack, pagerduty, email, webhook, opsgenie, msteams',
  );
export type ReceiverSpec = z.infer<typeof receiver>;

const timings = {
  groupBy: z.array(labelName).optional().describe('overrides the catalog-wide alertmanager.groupBy'),
  groupWait: duration.optional(),
  groupInterval: duration.optional(),
  repeatInterval: duration.optional(),
  muteTimeIntervals: z
    .array(timeIntervalName)
    .default([])
    .describe('names from alertmanager.timeIntervals during which notifications are muted'),
  activeTimeIntervals: z
    .array(timeIntervalName)
    .default([])
    .describe('names from alertmanager.timeIntervals outside which notifications are muted'),
};

/** An extra route tried before the severity routes, e.g. one alert to another team's pager. */
export const routeOverride = z.strictObject({
  matchers: z
    .array(z.string().min(1))
    .min(1)
    .describe('Alertmanager matchers, e.g. alertname="DiskFull" or service=~"api|web"'),
  receivers: z.array(receiverRef).min(1),
  continue: z.boolean().default(false).describe('also go on to the severity routes'),
  ...timings,
});
export type RouteOverrideSpec = z.infer<typeof routeOverride>;

export const routing = z.strictObject({
  critical: z
    .array(receiverRef)
    .min(1)
    .optional()
    .describe('receivers of critical alerts, in order; all of them are notified'),
  warning: z.array(receiverRef).min(1).optional(),
  info: z.array(receiverRef).min(1).optional(),
  default: receiverRef
    .optional()
    .describe('receiver of the team alerts no other route takes (and of severities not listed)'),
  overrides: z.array(routeOverride).default([]),
  ...timings,
});
export type RoutingSpec = z.infer<typeof routing>;

export const team = z.strictObject({
  description: z
    .string()
    .optional()
    .describe('free text for readers of the catalog; not used in generated output'),
  runbookBaseUrl: url
    .optional()
    .describe("runbook base of the team's services without their own runbook: <base>/<service>"),
  namespace: dnsLabel
    .optional()
    .describe(
      'namespace of the team AlertmanagerConfig when its services span none; its receiver Secrets live there',
    ),
  services: z
    .array(dnsLabel)
    .optional()
    .describe("explicit ownership claim; must agree with the services' team field"),
  receivers: z.record(receiverName, receiver).default({}),
  routing: routing.prefault({}),
});
export type TeamSpec = z.infer<typeof team>;

/**
 * The receiver a team's unrouted alerts go to: `routing.default`, else the team's only receiver when it
 * declares exactly one (there is nowhere else they could be meant to go).
 */
export function defaultReceiver(t: TeamSpec): string | undefined {
  if (t.routing.default !== undefined) return t.routing.default;
  const names = Object.keys(t.receivers);
  return names.length === 1 ? names[0] : undefined;
}

/** The team as routing sees it: the implied default written out, so every stage reads the same thing. */
export function withDefaultReceiver(t: TeamSpec): TeamSpec {
  const fallback = defaultReceiver(t);
  if (fallback === undefined || t.routing.default !== undefined) return t;
  return { ...t, routing: { ...t.routing, default: fallback } };
}
