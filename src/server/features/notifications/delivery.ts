import { stockholmDate, stockholmInstant } from '../../../domain/dates.ts';
import { renderMail } from '../../../domain/notification-templates.ts';
import {
  MANDATORY_EVENTS,
  planSend,
  type NotificationEvent,
} from '../../../domain/notifications.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantId } from '../../../domain/ids.ts';
import {
  claimQueuedMail,
  dueNotifications,
  insertMail,
  mailsSince,
  markDelivered,
  markMailFailed,
  markMailSent,
  postpone,
  recipientsOf,
  tenantName,
  recipientsWithDue,
  tenantsWithDue,
  tryLockDelivery,
} from './repository.ts';

export interface DeliveryCounts {
  mails: number;
  /** Notifications delivered in-app only (no mail wanted, or no address). */
  inAppOnly: number;
  /** Notifications held back by the day's cap. */
  postponed: number;
}

/** Recipients decided per transaction: short transactions, so PGlite's one connection serves others between them. */
const RECIPIENTS_PER_TRANSACTION = 200;

/**
 * Decides the delivery of every notification due by `now`, per municipality, a batch of
 * recipients per transaction under its delivery lock (two instances never both take a
 * notification): each recipient's due items become one mail (a digest when several) within
 * their daily cap, or in-app only when they chose no e-mail or have no address; the rest waits
 * for the next day. With SMTP the mails are queued for the sender; without, they stay in the
 * outbox the administrator reads.
 */
export async function deliverDue(
  db: Db,
  options: { now: Date; baseUrl: string; smtp: boolean; recipientsPerTransaction?: number },
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { mails: 0, inAppOnly: 0, postponed: 0 };
  const batch = options.recipientsPerTransaction ?? RECIPIENTS_PER_TRANSACTION;
  for (const tenantId of await tenantsWithDue(db, options.now))
    for (let more = true; more;)
      more = await withTransaction(db, async (trx) => {
        // Another instance holds it: its run delivers what this one would.
        if (!(await tryLockDelivery(trx, tenantId))) return false;
        const recipients = await recipientsWithDue(trx, tenantId, options.now, batch);
        if (recipients.length === 0) return false;
        await deliverTo(trx, tenantId, recipients, options, counts);
        return recipients.length === batch;
      });
  return counts;
}

/** One batch of recipients: each one's due notifications as one mail, in-app only, or held back. */
async function deliverTo(
  trx: Tx,
  tenantId: TenantId,
  recipients: readonly string[],
  options: { now: Date; baseUrl: string; smtp: boolean },
  counts: DeliveryCounts,
) {
  const due = await dueNotifications(trx, tenantId, options.now, recipients);
  const municipality = await tenantName(trx, tenantId);
  const byRecipient = new Map<string, typeof due>();
  for (const row of due)
    byRecipient.set(row.recipient_id, [...(byRecipient.get(row.recipient_id) ?? []), row]);
  const personIds = [...new Set(due.map((row) => row.person_id).filter((id) => id !== null))];
  const choicesOf = new Map(
    (await recipientsOf(trx, tenantId, personIds)).map((r) => [r.userId, r.choices]),
  );
  const midnight = stockholmInstant(`${stockholmDate(options.now)}T00:00`);
  const sentToday = await mailsSince(trx, tenantId, [...byRecipient.keys()], midnight);
  for (const [recipientId, rows] of byRecipient) {
    const choices = choicesOf.get(recipientId);
    const address = rows[0]?.email ?? null;
    // No address, or an account disabled or no longer linked to its person: in-app only.
    if (!choices || !address) {
      await markDelivered(
        trx,
        tenantId,
        rows.map((row) => row.id),
        null,
        options.now,
      );
      counts.inAppOnly += rows.length;
      continue;
    }
    const plan = planSend({
      items: rows.map((row) => ({
        id: row.id,
        event: row.event as NotificationEvent,
        due: row.due_at,
      })),
      choices,
      sentToday: sentToday.get(recipientId) ?? 0,
      now: options.now,
    });
    if (plan.later) {
      await postpone(
        trx,
        tenantId,
        plan.later.items.map((item) => item.id),
        plan.later.at,
      );
      counts.postponed += plan.later.items.length;
    }
    const going = new Set(plan.now.map((item) => item.id));
    const mailed = rows.filter(
      (row) =>
        going.has(row.id) &&
        (choices.email || MANDATORY_EVENTS.has(row.event as NotificationEvent)),
    );
    const inApp = rows.filter((row) => going.has(row.id) && !mailed.includes(row));
    await markDelivered(
      trx,
      tenantId,
      inApp.map((row) => row.id),
      null,
      options.now,
    );
    counts.inAppOnly += inApp.length;
    if (mailed.length === 0) continue;
    const mail = renderMail({
      locale: rows[0]?.locale ?? 'sv',
      municipality,
      baseUrl: options.baseUrl,
      items: mailed.map((row) => ({
        event: row.event as NotificationEvent,
        payload: row.payload,
        link: row.link,
      })),
    });
    const mailId = await insertMail(
      trx,
      tenantId,
      {
        recipientId,
        toAddress: address,
        ...mail,
        items: mailed.length,
        mandatory: mailed.every((row) => MANDATORY_EVENTS.has(row.event as NotificationEvent)),
        status: options.smtp ? 'queued' : 'outbox',
      },
      options.now,
    );
    await markDelivered(
      trx,
      tenantId,
      mailed.map((row) => row.id),
      mailId,
      options.now,
    );
    counts.mails += 1;
  }
}

/** What the sender needs of a mail transport (nodemailer's satisfies it). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
  }): Promise<unknown>;
}

/** Waits before the n-th retry: 1, 2, 4 … minutes, at most an hour; a mail is never given up. */
export const retryDelayMs = (attempts: number) =>
  Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/**
 * Sends queued mails over SMTP. Each is claimed first (every instance skips a claimed one), so
 * two senders never send one mail; a sender killed mid-delivery leaves its claim to expire and
 * the mail goes again, under the same Message-ID (the mail server never accepted the first).
 * A mail server that is down moves the next attempt on; the mail stays queued.
 */
export async function sendQueuedMail(
  db: Db,
  transport: MailTransport,
  options: { now: () => Date; from: string; claimSeconds?: number; batch?: number },
): Promise<{ sent: number; failed: number }> {
  const counts = { sent: 0, failed: 0 };
  const claimed = await claimQueuedMail(
    db,
    options.now(),
    options.claimSeconds ?? 120,
    options.batch ?? 20,
  );
  for (const mail of claimed) {
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: `<${mail.id}@tryggve>`,
      });
      await markMailSent(db, mail.id, options.now());
      counts.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await markMailFailed(
        db,
        mail.id,
        message.slice(0, 500),
        new Date(options.now().getTime() + retryDelayMs(mail.attempts)),
      );
      counts.failed += 1;
    }
  }
  return counts;
}
