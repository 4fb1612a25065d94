import { z } from 'zod';
import { NOTIFICATION_EVENTS } from '../domain/notifications.ts';

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One notification in the caller's in-app list (the bell). */
export const NotificationItem = z.object({
  id: z.string(),
  event: z.enum(NOTIFICATION_EVENTS),
  /** What the line names (a rejection's reason included: the list is the person's own). */
  payload: z.record(z.string(), z.string()),
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationList = z.object({
  unread: z.number(),
  /** The newest first, at most `shownLimit`. */
  items: z.array(NotificationItem),
  shownLimit: z.number(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkRead = z.strictObject({
  /** Everything created up to this instant is read (what the list showed when it was read). */
  upTo: z.iso.datetime({ offset: true }),
});

/** What reaches the caller, and when (docs/notifications.md); a notice the law requires ignores it. */
export const NotificationChoicesBody = z
  .strictObject({
    email: z.boolean(),
    cadence: z.enum(['immediate', 'daily', 'weekly']),
    digestHour: z.number().int().min(0).max(23),
    digestWeekday: z.number().int().min(1).max(7),
    quietFrom: TimeOfDay.nullable(),
    quietTo: TimeOfDay.nullable(),
    dailyCap: z.number().int().min(1).max(50),
  })
  .refine((body) => (body.quietFrom === null) === (body.quietTo === null), {
    path: ['quietTo'],
    message: 'quiet hours need both a start and an end',
  });
export type NotificationChoicesBody = z.infer<typeof NotificationChoicesBody>;

export const MailStatus = z.enum(['outbox', 'queued', 'sent']);

export const MailSummary = z.object({
  id: z.string(),
  recipient: z.object({ name: z.string(), address: z.string() }),
  subject: z.string(),
  items: z.number(),
  status: MailStatus,
  createdAt: z.string(),
  attempts: z.number(),
  /** The mail server's last answer when it failed (the mail waits for `nextAttemptAt`). */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});

/** The administrator's outbox: the municipality's mails, how mail leaves, and failed jobs. */
export const MailOutbox = z.object({
  smtp: z.object({
    configured: z.boolean(),
    /** Why `SMTP_URL` cannot be used (mail waits until it is fixed), or null. */
    problem: z.enum(['scheme', 'host', 'syntax']).nullable(),
  }),
  counts: z.object({ outbox: z.number(), queued: z.number(), sent: z.number() }),
  /** The newest first, at most `shownLimit`. */
  mails: z.array(MailSummary),
  shownLimit: z.number(),
  /** The cluster's jobs that failed after their retries (the error is in the server's log). */
  failedJobs: z.array(z.object({ queue: z.string(), failedAt: z.string(), attempts: z.number() })),
});
export type MailOutbox = z.infer<typeof MailOutbox>;

export const MailMessage = MailSummary.extend({ text: z.string(), html: z.string() });
export type MailMessage = z.infer<typeof MailMessage>;

const Days = z.number().int().min(1).max(90).nullable();

/** A programme's reminder rule (null: that reminder is off). */
export const ReminderRuleBody = z.strictObject({
  dueSoonDays: Days,
  overdueEveryDays: Days,
});
export type ReminderRuleBody = z.infer<typeof ReminderRuleBody>;

const Reach = z.object({ people: z.number(), withAccount: z.number() });

/** The dry run: who would get what on the next morning's run, by the rule given. */
export const ReminderPreview = z.object({
  dueSoon: Reach,
  overdue: Reach,
});
export type ReminderPreview = z.infer<typeof ReminderPreview>;

export const ReminderRuleView = z.object({
  rule: ReminderRuleBody,
  /** No rule set: the defaults. */
  isDefault: z.boolean(),
  preview: ReminderPreview,
});
export type ReminderRuleView = z.infer<typeof ReminderRuleView>;
