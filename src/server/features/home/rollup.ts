import { addDays, stockholmDate } from '../../../domain/dates.ts';
import { isoWeek } from '../../../domain/notifications.ts';
import { managingReach } from '../../../domain/policy.ts';
import type { Db } from '../../db/connection.ts';
import { notifyEachTenant, type Notice } from '../notifications/public.ts';
import { accountsWithRoles, dueInReach } from '../programmes/public.ts';

/**
 * The managers' weekly roll-up: one notice per manager with overdue people in their units (the
 * start page lists them), never one per person; once a week however often it runs (the week is
 * in its dedup key). A manager's own training is not counted: it is theirs.
 */
export function managerRollup(db: Db, now: Date): Promise<number> {
  const asOf = stockholmDate(now);
  return notifyEachTenant(db, now, async (tenantId) => {
    const notices: Notice[] = [];
    for (const manager of await accountsWithRoles(db, tenantId, ['manager'])) {
      const overdue = await dueInReach(db, {
        tenantId,
        reach: managingReach(manager.grants),
        asOf,
        until: addDays(asOf, -1),
        except: manager.personId,
      });
      const people = new Set(overdue.map((row) => row.person_id)).size;
      if (people === 0) continue;
      notices.push({
        personId: manager.personId,
        event: 'manager_rollup',
        subject: 'overdue',
        period: isoWeek(asOf),
        link: '/',
        payload: { count: String(people) },
      });
    }
    return notices;
  });
}
