// Catalog-wide Alertmanager settings: grouping, timings, named time intervals, the dead man's switch.
import { z } from 'zod';
import { dnsLabel, duration, labelMap, labelName, secretRef } from './common.ts';
import { receiverRef, timeIntervalName } from './team.ts';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `a` or `a:b` where both ends parse and the start is not after the end. */
function range(what: string, parse: (text: string) => number | null, example: string) {
  return z.string().superRefine((text, ctx) => {
    const parts = text.split(':');
    const [start, end = start] = parts.map((p) => parse(p.trim().toLowerCase()));
    if (parts.length > 2 || start === null || end === null || start === undefined || end === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a ${what} or ${what} range, e.g. "${example}"`,
      });
    } else if ((start > end && Math.sign(start) === Math.sign(end)) || (start < 0 && end > 0)) {
      ctx.addIssue({ code: 'custom', message: `${what} range "${text}" ends before it starts` });
    }
  });
}

const intIn = (min: number, max: number) => (text: string) => {
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
};

export const weekdayRange = range(
  'weekday',
  (t) => (weekdays.includes(t) ? weekdays.indexOf(t) : null),
  'monday:friday',
);
export const monthRange = range(
  'month',
  (t) => (months.includes(t) ? months.indexOf(t) + 1 : intIn(1, 12)(t)),
  'january:march',
);
export const dayOfMonthRange = range(
  'day of month',
  (t) => (t === '0' || t === '-0' ? null : intIn(-31, 31)(t)),
  '1:7',
);
export const yearRange = range('year', intIn(1, 9999), '2026:2027');

const clock = /^(\d\d):(\d\d)$/;
function minutes(text: string): number | null {
  const m = clock.exec(text);
  if (!m) return null;
  const total = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && total <= 24 * 60 ? total : null;
}

export const timeRange = z.strictObject({ start: z.string(), end: z.string() }).superRefine((t, ctx) => {
  const start = minutes(t.start);
  const end = minutes(t.end);
  if (start === null)
    ctx.addIssue({
      code: 'custom',
      path: ['start'],
      message: `"${t.start}" is not a time of day HH:MM between 00:00 and 24:00`,
    });
  if (end === null)
    ctx.addIssue({
      code: 'custom',
      path: ['end'],
      message: `"${t.end}" is not a time of day HH:MM between 00:00 and 24:00`,
    });
  if (start !== null && end !== null && start >= end)
    ctx.addIssue({
      code: 'custom',
      path: ['end'],
      message: `the end ${t.end} must be after the start ${t.start}`,
    });
});

function isTimeZone(name: string): boolean {
  if (name === 'Local' || name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** One Alertmanager time_interval entry: all given fields must hold at once. */
export const timeInterval = z.strictObject({
  times: z.array(timeRange).optional(),
  weekdays: z.array(weekdayRange).optional(),
  daysOfMonth: z.array(dayOfMonthRange).optional(),
  months: z.array(monthRange).optional(),
  years: z.array(yearRange).optional(),
  location: z.string().refine(isTimeZone, 'not an IANA time zone, e.g. "Europe/Berlin"').optional(),
});
export type TimeIntervalSpec = z.infer<typeof timeInterval>;

export const smtp = z.strictObject({
  smarthost: z.string().regex(/^[^\s:]+:\d+$/, 'host:port, e.g. "smtp.example.com:587"'),
  from: z.email(),
  authUsername: z.string().optional(),
  authPassword: secretRef.optional(),
  requireTLS: z.boolean().default(true),
});

export const alertmanager = z.strictObject({
  groupBy: z.array(labelName).default(['alertname', 'namespace', 'service']),
  groupWait: duration.default('30s'),
  groupInterval: duration.default('5m'),
  repeatInterval: duration.default('4h'),
  defaultReceiver: receiverRef
    .refine((r) => r.includes('/'), 'name the team too, e.g. "platform/chat"')
    .optional()
    .describe(
      'receiver of alerts whose team label matches no team; without it they are dropped (receiver "unrouted")',
    ),
  watchdog: z
    .strictObject({
      receiver: receiverRef.refine((r) => r.includes('/'), 'name the team too, e.g. "platform/deadman"'),
      alertname: z.string().default('Watchdog'),
      repeatInterval: duration.default('1m'),
      namespace: dnsLabel
        .default('monitoring')
        .describe('namespace of the PrometheusRule holding the always-firing alert (where Prometheus runs)'),
    })
    .optional()
    .describe("the always-firing alert that a dead man's switch service expects to keep receiving"),
  smtp: smtp.optional().describe('mail server for email receivers'),
  timeIntervals: z.record(timeIntervalName, z.array(timeInterval).min(1)).default({}),
  configSelectorLabels: labelMap
    .default({})
    .describe('labels the Alertmanager object selects AlertmanagerConfigs by (alertmanagerConfigSelector)'),
  inhibitions: z
    .boolean()
    .default(true)
    .describe('critical inhibits warning of the same alert; ServiceDown inhibits the rest of its service'),
});
export type AlertmanagerSpec = z.infer<typeof alertmanager>;
