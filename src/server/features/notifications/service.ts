import type {
  MailMessage,
  MailOutbox,
  NotificationChoicesBody,
  NotificationList,
} from '../../../contracts/notifications.ts';
import {
  DEFAULT_CHOICES,
  deliveryTime,
  MANDATORY_EVENTS,
  type NotificationChoices,
  type NotificationEvent,
} from '../../../domain/notifications.ts';
import { mayAdminister } from '../../../domain/policy.ts';
import type { Actor } from '../../auth/actor.ts';
import type { MailConfig } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import * as repo from './repository.ts';

/** Notifications shown in the caller's list; older ones stay in the outbox. */
export const LIST_SHOWN = 50;
/** Mails shown in the administrator's outbox. */
export const MAILS_SHOWN = 100;

type MailRow = Awaited<ReturnType<typeof repo.mailsOf>>[number];

const summary = (row: MailRow) => ({
  id: row.id,
  recipient: { name: row.display_name, address: row.to_address },
  subject: row.subject,
  items: row.items,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  attempts: row.attempts,
  lastError: row.last_error,
  nextAttemptAt: row.status === 'queued' ? row.next_attempt_at.toISOString() : null,
  sentAt: row.sent_at?.toISOString() ?? null,
});

/**
 * The person's own notifications and choices (an account reads and changes only its own), and
 * the administrator's outbox of the municipality's mails.
 */
export function createNotificationService(
  db: Db,
  mail: Pick<MailConfig, 'smtpUrl' | 'smtpProblem'>,
  clock: () => Date = () => new Date(),
) {
  const administrator = (actor: Actor) => {
    if (!mayAdminister({ grants: actor.grants, personId: null })) throw forbidden();
  };

  return {
    async list(actor: Actor): Promise<NotificationList> {
      const { items, unread } = await repo.notificationsOf(
        db,
        actor.tenantId,
        actor.userId,
        LIST_SHOWN,
      );
      return {
        unread,
        shownLimit: LIST_SHOWN,
        items: items.map((row) => ({
          id: row.id,
          event: row.event as NotificationEvent,
          payload: row.payload,
          link: row.link,
          createdAt: row.created_at.toISOString(),
          read: row.read_at !== null,
        })),
      };
    },

    unread: (actor: Actor) => repo.unreadCount(db, actor.tenantId, actor.userId),

    async markRead(actor: Actor, upTo: string): Promise<{ unread: number }> {
      await repo.markRead(db, actor.tenantId, actor.userId, new Date(upTo), clock());
      return { unread: await repo.unreadCount(db, actor.tenantId, actor.userId) };
    },

    async choices(actor: Actor): Promise<NotificationChoicesBody> {
      const row = await repo.choicesOf(db, actor.tenantId, actor.userId);
      if (!row)
        return {
          email: DEFAULT_CHOICES.email,
          cadence: DEFAULT_CHOICES.cadence,
          digestHour: DEFAULT_CHOICES.digestHour,
          digestWeekday: DEFAULT_CHOICES.digestWeekday,
          quietFrom: DEFAULT_CHOICES.quiet?.from ?? null,
          quietTo: DEFAULT_CHOICES.quiet?.to ?? null,
          dailyCap: DEFAULT_CHOICES.dailyCap,
        };
      return {
        email: row.email,
        cadence: row.cadence,
        digestHour: row.digest_hour,
        digestWeekday: row.digest_weekday,
        quietFrom: row.quiet_from,
        quietTo: row.quiet_to,
        dailyCap: row.daily_cap,
      };
    },

    /** Saves the caller's choices; what waits for them goes by the new ones. */
    async saveChoices(actor: Actor, body: NotificationChoicesBody) {
      const choices: NotificationChoices = {
        email: body.email,
        cadence: body.cadence,
        digestHour: body.digestHour,
        digestWeekday: body.digestWeekday,
        quiet: body.quietFrom && body.quietTo ? { from: body.quietFrom, to: body.quietTo } : null,
        dailyCap: body.dailyCap,
      };
      await withTransaction(db, async (trx) => {
        await repo.saveChoices(trx, actor.tenantId, actor.userId, choices);
        // Every event but the mandatory ones goes by the same rule (deliveryTime).
        await repo.rescheduleUndelivered(
          trx,
          actor.tenantId,
          actor.userId,
          deliveryTime('assigned', choices, clock()),
          [...MANDATORY_EVENTS],
        );
      });
      return this.choices(actor);
    },

    async outbox(actor: Actor): Promise<MailOutbox> {
      administrator(actor);
      const [mails, counts, failed] = await Promise.all([
        repo.mailsOf(db, actor.tenantId, MAILS_SHOWN),
        repo.mailCounts(db, actor.tenantId),
        repo.failedJobs(db, 20),
      ]);
      return {
        smtp: { configured: mail.smtpUrl !== null, problem: mail.smtpProblem },
        counts,
        mails: mails.map(summary),
        shownLimit: MAILS_SHOWN,
        failedJobs: failed.map((job) => ({
          queue: job.name,
          failedAt: job.completed_on.toISOString(),
          attempts: job.retry_count,
        })),
      };
    },

    async mail(actor: Actor, id: string): Promise<MailMessage> {
      administrator(actor);
      const [row] = await repo.mailsOf(db, actor.tenantId, 1, id);
      if (!row) throw notFound('mail');
      return { ...summary(row), text: row.text_body, html: row.html_body };
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
