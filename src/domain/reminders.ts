/**
 * A programme's reminder rule, as its owners set it: how long before the due date a person is
 * told it is soon due, and how often they are reminded once it is late. Pure.
 */

export interface ReminderRule {
  /** Days before the due date the "due soon" notice goes (null: none). */
  dueSoonDays: number | null;
  /** Days between "overdue" reminders, the first the day after the due date (null: none). */
  overdueEveryDays: number | null;
}

export const DEFAULT_REMINDER_RULE: ReminderRule = { dueSoonDays: 14, overdueEveryDays: 7 };

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * The reminder an assignment due `dueOn` (and not complete) gets on `asOf`, and the period that
 * makes it once-only: "due soon" once per due date; "overdue" once per `overdueEveryDays` of
 * lateness (days 1–7, 8–14 … for every 7). Null: none today.
 */
export function reminderFor(
  rule: ReminderRule,
  dueOn: string,
  asOf: string,
): { event: 'due_soon' | 'overdue'; period: string } | null {
  const late = dayNumber(asOf) - dayNumber(dueOn);
  if (late > 0) {
    if (rule.overdueEveryDays === null) return null;
    return { event: 'overdue', period: `late-${Math.floor((late - 1) / rule.overdueEveryDays)}` };
  }
  if (rule.dueSoonDays === null || -late > rule.dueSoonDays) return null;
  return { event: 'due_soon', period: dueOn };
}
