/** What other parts of the server may use of sessions: the day-before reminders and the trainers' digest. */
export { sessionReminders, trainerDigest } from './notices.ts';
