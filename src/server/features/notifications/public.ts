/** What other features may use of notifications: putting notices in the outbox. */
export { notify, type Notice } from './outbox.ts';
