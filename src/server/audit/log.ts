import type { Db } from '../db/connection.ts';
import type { Tx } from '../db/transaction.ts';
import type { TenantId, UserId } from '../../domain/ids.ts';

/** Appends to the tenant's audit log; call it inside the transaction that makes the change. */
export async function audit(
  db: Db | Tx,
  entry: {
    tenantId: TenantId;
    actorUserId: UserId | null;
    action: string;
    objectType?: string;
    objectId?: string;
    details?: Record<string, unknown>;
  },
) {
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: entry.tenantId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
