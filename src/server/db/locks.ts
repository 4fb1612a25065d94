import { sql } from 'kysely';
import type { TenantId } from '../../domain/ids.ts';
import type { Tx } from './transaction.ts';

/**
 * Serialises, per tenant and across app instances, the writers whose work depends on the whole
 * organisation: imports, programme changes and the assignment sync they trigger. Held until
 * the transaction ends.
 */
export async function lockTenantOrganisation(trx: Tx, tenantId: TenantId) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`tryggve.import.${tenantId}`}))`.execute(trx);
}

/**
 * Serialises sign-in attempts on one account name (all instances), so counting the recent
 * failures and reserving an attempt happen as one step: a burst cannot slip past the limit.
 */
export async function lockAccountName(trx: Tx, tenantId: TenantId, username: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`tryggve.login.${tenantId}.${username}`}))`.execute(
    trx,
  );
}

/**
 * Serialises changes to a tenant's accounts and grants (all instances), so that two
 * administrators cannot each disable the other and leave the municipality with none, and a
 * person is never linked to two accounts.
 */
export async function lockTenantAccounts(trx: Tx, tenantId: TenantId) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`tryggve.accounts.${tenantId}`}))`.execute(trx);
}
