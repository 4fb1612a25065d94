import { stockholmDate } from '../../../domain/dates.ts';
import type { UserId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import { notifyEachTenant, type Notice } from '../notifications/public.ts';
import { createCompletionService } from './completions.ts';
import { accountsWithRoles } from './completions-repository.ts';

/**
 * The approvers' daily digest: one notice a day to each account with reports waiting for its
 * decision (the approvals page lists them), counted by the same rule the page uses.
 */
export function approvalDigest(db: Db, now: Date): Promise<number> {
  const completions = createCompletionService(db, () => now);
  const day = stockholmDate(now);
  return notifyEachTenant(db, now, async (tenantId) => {
    const notices: Notice[] = [];
    const approvers = await accountsWithRoles(db, tenantId, [
      'manager',
      'trainer',
      'programme_owner',
      'administrator',
    ]);
    for (const account of approvers) {
      const waiting = await completions.pendingCount({
        userId: account.userId as UserId,
        tenantId,
        grants: account.grants,
        personId: account.personId,
      });
      if (waiting === 0) continue;
      notices.push({
        personId: account.personId,
        event: 'approval_waiting',
        subject: 'approvals',
        period: day,
        link: '/godkannanden',
        payload: { count: String(waiting) },
      });
    }
    return notices;
  });
}
