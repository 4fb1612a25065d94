/** What other parts of the server may use of the start page's feature: the scheduled reminders. */
export { managerRollup, personalReminders } from './reminders.ts';
