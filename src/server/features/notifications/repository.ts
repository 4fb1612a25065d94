import { sql } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import { DEFAULT_CHOICES, type NotificationChoices } from '../../../domain/notifications.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

/** The accounts of some people (not disabled), with each account's choices (defaults where none). */
export async function recipientsOf(db: Q, tenantId: TenantId, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('notification_choices as c', (join) =>
      join.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.user_id', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.person_id',
      'c.email',
      'c.cadence',
      'c.digest_hour',
      'c.digest_weekday',
      'c.quiet_from',
      'c.quiet_to',
      'c.daily_cap',
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.person_id', 'in', [...personIds])
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((row) => {
    // No choices row (its cadence is never null): the defaults, quiet hours included.
    if (row.cadence === null)
      return { userId: row.id, personId: row.person_id ?? '', choices: DEFAULT_CHOICES };
    const choices: NotificationChoices = {
      email: row.email ?? DEFAULT_CHOICES.email,
      cadence: row.cadence,
      digestHour: row.digest_hour ?? DEFAULT_CHOICES.digestHour,
      digestWeekday: row.digest_weekday ?? DEFAULT_CHOICES.digestWeekday,
      quiet: row.quiet_from && row.quiet_to ? { from: row.quiet_from, to: row.quiet_to } : null,
      dailyCap: row.daily_cap ?? DEFAULT_CHOICES.dailyCap,
    };
    return { userId: row.id, personId: row.person_id ?? '', choices };
  });
}

export interface OutboxRow {
  recipientId: string;
  event: string;
  dedupKey: string;
  payload: Record<string, string>;
  link: string;
  dueAt: Date;
}

/** Writes notifications; one whose dedup key is already there is left as it was. */
export async function insertNotifications(
  db: Q,
  tenantId: TenantId,
  rows: readonly OutboxRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('notifications')
    .values(
      rows.map((row) => ({
        tenant_id: tenantId,
        recipient_id: row.recipientId,
        event: row.event,
        dedup_key: row.dedupKey,
        payload: JSON.stringify(row.payload),
        link: row.link,
        due_at: row.dueAt,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'dedup_key']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .execute();
  return result.length;
}
