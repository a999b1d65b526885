// Teams own services and receive their alerts.
import { z } from 'zod';
import { secretRef, url } from './common.ts';

const slack = z.strictObject({
  channel: z.string().regex(/^[#@]?[\w.-]+$/, 'a Slack channel such as "#platform-alerts"'),
  apiURL: secretRef.describe('the incoming-webhook URL, as a secret reference'),
});
const pagerduty = z.strictObject({ routingKey: secretRef });
const email = z.strictObject({ to: z.email() });
const webhook = z.strictObject({ url: secretRef });
const opsgenie = z.strictObject({ apiKey: secretRef });
const msteams = z.strictObject({ webhookURL: secretRef });

export const receiver = z.strictObject({
  slack: slack.optional(),
  pagerduty: pagerduty.optional(),
  email: email.optional(),
  webhook: webhook.optional(),
  opsgenie: opsgenie.optional(),
  msteams: msteams.optional(),
});

export const team = z.strictObject({
  description: z.string().optional(),
  runbookBaseUrl: url.optional(),
  receivers: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'receiver names are lowercase, e.g. "pager"'), receiver).default({}),
});
export type TeamSpec = z.infer<typeof team>;
