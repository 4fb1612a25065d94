import type { TenantId } from '../../../domain/ids.ts';
import { dedupKey, deliveryTime, type NotificationEvent } from '../../../domain/notifications.ts';
import { jobQueue, type Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { listTenants } from '../tenants/public.ts';
import { DELIVER_QUEUE } from './jobs.ts';
import { insertNotifications, recipientsOf, type OutboxRow } from './repository.ts';

export interface Notice {
  /** The person it concerns; each of their accounts is notified. */
  personId: string;
  event: NotificationEvent;
  /** What it is about (a completion, a booking, an assignment…): part of the dedup key. */
  subject: string;
  /** What may repeat (a due date, a day, a week, a session's start): part of the dedup key. */
  period: string;
  /** The page it leads to, a path of the web app. */
  link: string;
  /** What the message names; never sensitive content. */
  payload: Record<string, string>;
}

/**
 * Puts notices in the outbox within the caller's transaction (so an event that is undone
 * notifies nobody), each due when the recipient's choices let it go. A notice already there
 * (same recipient, event, subject and period) is not written again: the count is of new ones.
 */
export async function notify(
  trx: Tx,
  tenantId: TenantId,
  notices: readonly Notice[],
  now: Date,
): Promise<number> {
  const recipients = await recipientsOf(trx, tenantId, [
    ...new Set(notices.map((n) => n.personId)),
  ]);
  const accountsOf = new Map<string, typeof recipients>();
  for (const recipient of recipients)
    accountsOf.set(recipient.personId, [...(accountsOf.get(recipient.personId) ?? []), recipient]);
  const rows: OutboxRow[] = [];
  for (const notice of notices)
    for (const recipient of accountsOf.get(notice.personId) ?? [])
      rows.push({
        recipientId: recipient.userId,
        event: notice.event,
        dedupKey: dedupKey({
          recipient: recipient.userId,
          event: notice.event,
          subject: notice.subject,
          period: notice.period,
        }),
        payload: notice.payload,
        link: notice.link,
        dueAt: deliveryTime(notice.event, recipient.choices, now),
      });
  const written = await insertNotifications(trx, tenantId, rows);
  // Something due now goes on the delivery's next run, enqueued with the event (the minute's
  // schedule would take it too; without a queue, as in the CLI, it does).
  if (written > 0 && rows.some((row) => row.dueAt <= now))
    await jobQueue(trx)?.enqueue(trx, DELIVER_QUEUE);
  return written;
}

/**
 * A scheduled producer's round: for each municipality, the notices `gather` finds, put in the
 * outbox in one transaction. The count is of new ones (the dedup key makes a rerun write none).
 */
export async function notifyEachTenant(
  db: Db,
  now: Date,
  gather: (tenantId: TenantId) => Promise<readonly Notice[]>,
): Promise<number> {
  let written = 0;
  for (const tenant of await listTenants(db)) {
    const notices = await gather(tenant.id);
    written += await withTransaction(db, (trx) => notify(trx, tenant.id, notices, now));
  }
  return written;
}
