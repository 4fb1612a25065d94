import { addDays, stockholmDate } from '../../../domain/dates.ts';

import { isoWeek } from '../../../domain/notifications.ts';
import { managingReach } from '../../../domain/policy.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { notify, type Notice } from '../notifications/public.ts';
import { listTenants } from '../tenants/public.ts';
import { dueInReach } from '../programmes/public.ts';
import * as repo from './repository.ts';

/**
 * The managers' weekly roll-up: one notice per manager with overdue people in their units (the
 * start page lists them), never one per person; once a week however often it runs (the week is
 * in its dedup key). A manager's own training is not counted: it is theirs.
 */
export async function managerRollup(db: Db, now: Date): Promise<number> {
  const asOf = stockholmDate(now);
  let written = 0;
  for (const tenant of await listTenants(db)) {
    const tenantId = tenant.id;
    const notices: Notice[] = [];
    for (const manager of await repo.managerAccounts(db, tenantId)) {
      const reach = managingReach(
        manager.units.map((unit) => ({ role: 'manager', scopeUnitId: unit, scopeBodyId: null })),
      );
      const overdue = await dueInReach(db, {
        tenantId,
        reach,
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
    written += await withTransaction(db, (trx) => notify(trx, tenantId, notices, now));
  }
  return written;
}
