/** What other features may use of notifications: putting notices in the outbox, and its delivery job. */
export { notify, notifyEachTenant, type Notice } from './outbox.ts';
export { DELIVER_QUEUE, deliveryWork } from './jobs.ts';
export { smtpTransport } from './mailer.ts';
