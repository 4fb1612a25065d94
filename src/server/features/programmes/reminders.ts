import { addDays, stockholmDate } from '../../../domain/dates.ts';
import { EVERYONE } from '../../../domain/policy.ts';
import { reminderFor, DEFAULT_REMINDER_RULE } from '../../../domain/reminders.ts';
import type { Db } from '../../db/connection.ts';
import { notifyEachTenant, type Notice } from '../notifications/public.ts';
import { dueInReach, reminderRules } from './due-repository.ts';

/** The furthest ahead a rule may tell of a due date (the rule's own check says the same). */
const MAX_DUE_SOON_DAYS = 90;

/**
 * Each person's reminders by their programme's rule (`reminderFor`): "due soon" once per
 * assignment and due date, "overdue" once per period of lateness — for open, not exempt,
 * incomplete assignments of active programmes (the start page's rule).
 */
export function personalReminders(db: Db, now: Date): Promise<number> {
  const asOf = stockholmDate(now);
  return notifyEachTenant(db, now, async (tenantId) => {
    const [rules, due] = await Promise.all([
      reminderRules(db, tenantId),
      dueInReach(db, {
        tenantId,
        reach: EVERYONE,
        asOf,
        until: addDays(asOf, MAX_DUE_SOON_DAYS),
        except: null,
      }),
    ]);
    return due.flatMap((row): Notice[] => {
      const rule = rules.get(row.programme_id) ?? DEFAULT_REMINDER_RULE;
      const reminder = reminderFor(rule, row.due_on, asOf);
      if (!reminder) return [];
      return [
        {
          personId: row.person_id,
          event: reminder.event,
          subject: row.programme_id,
          period: reminder.period,
          link: '/utbildning',
          payload: { programme: row.programme_name, dueOn: row.due_on },
        },
      ];
    });
  });
}
