/** What other parts of the server may use of sessions: the day-before reminders. */
export { sessionReminders } from './notices.ts';
