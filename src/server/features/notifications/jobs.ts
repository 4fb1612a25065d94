import type { MailConfig } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { deliverDue, sendQueuedMail, type MailTransport } from './delivery.ts';

/** The queue of the delivery job: every minute, and at once when something is due now. */
export const DELIVER_QUEUE = 'deliver-notifications';

/**
 * The delivery job: decides what is due (mails in the outbox, or in-app only), then sends the
 * queued mails when SMTP is configured (retries included: a mail waiting for its next attempt
 * goes on the first run after it).
 */
export function deliveryWork(
  db: Db,
  settings: {
    baseUrl: string;
    mail: MailConfig;
    transport: MailTransport | null;
    now?: () => Date;
  },
) {
  const now = settings.now ?? (() => new Date());
  const smtp = settings.mail.smtpUrl !== null;
  return async () => {
    await deliverDue(db, { now: now(), baseUrl: settings.baseUrl, smtp });
    if (settings.transport)
      await sendQueuedMail(db, settings.transport, { now, from: settings.mail.from });
  };
}
