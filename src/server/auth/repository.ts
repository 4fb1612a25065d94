import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { UNREPORTED } from '../db/change-feed.ts';
import type { Db } from '../db/connection.ts';
import type { Tx } from '../db/transaction.ts';
import type { Grant } from '../../domain/policy.ts';
import type { BodyId, TenantId, UnitId, UserId } from '../../domain/ids.ts';

type Queryable = Db | Tx;

export async function findTenantByCode(db: Queryable, code: string) {
  return db
    .selectFrom('tenants')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listTenants(db: Queryable) {
  return db.selectFrom('tenants').select(['id', 'code', 'name']).orderBy('name').execute();
}

export async function findUserForLogin(db: Queryable, tenantId: TenantId, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function countRecentFailures(
  db: Queryable,
  tenantId: TenantId,
  username: string,
  since: Date,
) {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordFailure(db: Queryable, tenantId: TenantId, username: string) {
  await db.insertInto('login_failures').values({ tenant_id: tenantId, username }).execute();
}

export async function clearFailures(db: Queryable, tenantId: TenantId, username: string) {
  await db
    .deleteFrom('login_failures')
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .execute();
}

export async function insertSession(
  db: Queryable,
  session: { tokenHash: string; tenantId: TenantId; userId: UserId; expiresAt: Date },
) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      tenant_id: session.tenantId,
      user_id: session.userId,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: Queryable, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'sessions.user_id')
        .onRef('users.tenant_id', '=', 'sessions.tenant_id'),
    )
    .select((eb) => [
      'sessions.tenant_id',
      'sessions.user_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.disabled_at',
      'users.person_id',
      eb
        .selectFrom('data_versions')
        .select('data_versions.version')
        .whereRef('data_versions.tenant_id', '=', 'sessions.tenant_id')
        .as('data_version'),
      // The grants in the same round trip: every request resolves its session first.
      jsonArrayFrom(
        eb
          .selectFrom('role_grants')
          .select(['role', 'scope_unit_id', 'scope_body_id'])
          .whereRef('role_grants.tenant_id', '=', 'sessions.tenant_id')
          .whereRef('role_grants.user_id', '=', 'sessions.user_id'),
      ).as('grants'),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export const toGrants = (
  rows: readonly {
    role: Grant['role'];
    scope_unit_id: string | null;
    scope_body_id: string | null;
  }[],
): Grant[] =>
  rows.map((row) => ({
    role: row.role,
    scopeUnitId: row.scope_unit_id as UnitId | null,
    scopeBodyId: row.scope_body_id as BodyId | null,
  }));

/** Not reported as a change: whoever keeps the session moves its last_seen_at too. */
export async function touchSession(db: Queryable, tokenHash: string, at: Date) {
  await sql`${sql.raw(UNREPORTED)} UPDATE sessions SET last_seen_at = ${at}
    WHERE token_hash = ${tokenHash}`.execute(db);
}

export async function deleteSession(db: Queryable, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Queryable, now: Date, idleSince: Date) {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}

export async function loadProfile(db: Queryable, tenantId: TenantId, userId: UserId) {
  const user = await db
    .selectFrom('users')
    .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.locale',
      'tenants.code as tenant_code',
      'tenants.name as tenant_name',
    ])
    .where('users.tenant_id', '=', tenantId)
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('role_grants as g')
    .leftJoin('org_units as u', (join) =>
      join.onRef('u.id', '=', 'g.scope_unit_id').onRef('u.tenant_id', '=', 'g.tenant_id'),
    )
    .leftJoin('political_bodies as b', (join) =>
      join.onRef('b.id', '=', 'g.scope_body_id').onRef('b.tenant_id', '=', 'g.tenant_id'),
    )
    .select([
      'g.role',
      'u.id as unit_id',
      'u.name as unit_name',
      'b.id as body_id',
      'b.name as body_name',
    ])
    .where('g.tenant_id', '=', tenantId)
    .where('g.user_id', '=', userId)
    .orderBy('g.role')
    .execute();
  return { user, grants };
}

export async function setLocale(
  db: Queryable,
  tenantId: TenantId,
  userId: UserId,
  locale: 'sv' | 'en',
) {
  await db
    .updateTable('users')
    .set({ locale })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}
