import { sql, type SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { RegisterPerson } from '../../../domain/accounts.ts';
import { NOBODY } from '../../../domain/policy.ts';
import type { Role } from '../../../domain/roles.ts';
import type { TenantId, UnitId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import { isAnyOf } from '../../db/packed.ts';
import type { Tx } from '../../db/transaction.ts';
import { inReach } from '../../policies/repository.ts';

type Q = Db | Tx;

export function userByName(db: Q, tenantId: TenantId, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export function unitByCode(db: Q, tenantId: TenantId, code: string) {
  return db
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function bodyByCode(db: Q, tenantId: TenantId, code: string) {
  return db
    .selectFrom('political_bodies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** An open unit of the tenant (a grant cannot name a closed one). */
export function openUnit(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export function body(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('political_bodies')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function person(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The account a person already has, if any. */
export function accountOfPerson(db: Q, tenantId: TenantId, personId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export function insertUser(
  db: Q,
  tenantId: TenantId,
  user: {
    username: string;
    passwordHash: string | null;
    displayName: string;
    personId: string | null;
    locale: 'sv' | 'en';
  },
) {
  return db
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      username: user.username,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      person_id: user.personId,
      locale: user.locale,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export interface GrantRow {
  role: Role;
  scopeUnitId: string | null;
  scopeBodyId: string | null;
}

export function insertGrant(db: Q, tenantId: TenantId, userId: string, grant: GrantRow) {
  return db
    .insertInto('role_grants')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      role: grant.role,
      scope_unit_id: grant.scopeUnitId,
      scope_body_id: grant.scopeBodyId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function deleteGrant(db: Q, tenantId: TenantId, userId: string, grantId: string) {
  return db
    .deleteFrom('role_grants')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('id', '=', grantId)
    .executeTakeFirst();
}

/** One account with its grants (scope names) and person, or undefined. */
function accounts(db: Q, tenantId: TenantId) {
  return db
    .selectFrom('users as a')
    .leftJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'a.person_id').onRef('p.tenant_id', '=', 'a.tenant_id'),
    )
    .select((eb) => [
      'a.id',
      'a.username',
      'a.display_name',
      'a.locale',
      'a.disabled_at',
      'a.created_at',
      sql<boolean>`a.password_hash IS NOT NULL`.as('has_password'),
      'p.id as person_id',
      'p.first_name',
      'p.last_name',
      jsonArrayFrom(
        eb
          .selectFrom('role_grants as g')
          .leftJoin('org_units as u', (j) =>
            j.onRef('u.id', '=', 'g.scope_unit_id').onRef('u.tenant_id', '=', 'g.tenant_id'),
          )
          .leftJoin('political_bodies as b', (j) =>
            j.onRef('b.id', '=', 'g.scope_body_id').onRef('b.tenant_id', '=', 'g.tenant_id'),
          )
          .select([
            'g.id',
            'g.role',
            'u.id as unit_id',
            'u.name as unit_name',
            'b.id as body_id',
            'b.name as body_name',
          ])
          .whereRef('g.tenant_id', '=', 'a.tenant_id')
          .whereRef('g.user_id', '=', 'a.id')
          .orderBy('g.role')
          .orderBy('g.created_at'),
      ).as('grants'),
    ])
    .where('a.tenant_id', '=', tenantId);
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export function findAccount(db: Q, tenantId: TenantId, id: string) {
  return accounts(db, tenantId).where('a.id', '=', id).executeTakeFirst();
}

export function listAccounts(
  db: Q,
  tenantId: TenantId,
  filter: {
    q?: string | undefined;
    status: 'active' | 'disabled' | 'all';
    role?: Role | undefined;
  },
  limit: number,
) {
  let select = accounts(db, tenantId);
  if (filter.status === 'active') select = select.where('a.disabled_at', 'is', null);
  if (filter.status === 'disabled') select = select.where('a.disabled_at', 'is not', null);
  if (filter.role) {
    const role = filter.role;
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as r')
          .select('r.id')
          .whereRef('r.tenant_id', '=', 'a.tenant_id')
          .whereRef('r.user_id', '=', 'a.id')
          .where('r.role', '=', role),
      ),
    );
  }
  for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or([
        eb(sql`lower(a.username)`, 'like', pattern),
        eb(sql`lower(a.display_name)`, 'like', pattern),
      ]),
    );
  }
  return select.orderBy('a.display_name').orderBy('a.username').limit(limit).execute();
}

/** Enabled accounts that hold the administrator role. */
export async function enabledAdministrators(db: Q, tenantId: TenantId) {
  const row = await db
    .selectFrom('users as a')
    .select((eb) => eb.fn.count<number>('a.id').distinct().as('n'))
    .innerJoin('role_grants as g', (j) =>
      j.onRef('g.user_id', '=', 'a.id').onRef('g.tenant_id', '=', 'a.tenant_id'),
    )
    .where('a.tenant_id', '=', tenantId)
    .where('a.disabled_at', 'is', null)
    .where('g.role', '=', 'administrator')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setDisabled(db: Q, tenantId: TenantId, id: string, at: Date | null) {
  await db
    .updateTable('users')
    .set({ disabled_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function setPassword(db: Q, tenantId: TenantId, id: string, hash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: hash })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function updateAccount(
  db: Q,
  tenantId: TenantId,
  id: string,
  patch: { display_name?: string; person_id?: string | null; locale?: 'sv' | 'en' },
) {
  await db
    .updateTable('users')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Ends every session of the account (on every instance: the change feed reports the delete). */
export async function endSessions(db: Q, tenantId: TenantId, userId: string) {
  const result = await db
    .deleteFrom('sessions')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function activeSessions(db: Q, tenantId: TenantId, userId: string, now: Date) {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lastSignIn(db: Q, tenantId: TenantId, userId: string) {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('tenant_id', '=', tenantId)
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'auth.login')
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

/** What was done to the account, newest first, with who did it. */
export function history(db: Q, tenantId: TenantId, userId: string, limit: number) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('users as by', (j) =>
      j.onRef('by.id', '=', 'l.actor_user_id').onRef('by.tenant_id', '=', 'l.tenant_id'),
    )
    .select(['l.at', 'l.action', 'l.details', 'by.display_name as by_name'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.object_type', '=', 'user')
    .where('l.object_id', '=', userId)
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
}

export async function usernames(db: Q, tenantId: TenantId) {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Set(rows.map((r) => r.username));
}

/**
 * The people of the register on `date` (only those employed at or below `unitId`, when given,
 * or only the people named),
 * with their current employments and seats and whether an account is theirs.
 */
export async function registerPeople(
  db: Q,
  tenantId: TenantId,
  scope: { unitId: UnitId | null } | { personIds: readonly string[] },
  date: string,
): Promise<RegisterPerson[]> {
  if ('personIds' in scope && scope.personIds.length === 0) return [];
  const rows = await db
    .selectFrom('people as p')
    .select((eb) => [
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.email',
      eb
        .exists(
          eb
            .selectFrom('users as a')
            .select('a.id')
            .whereRef('a.tenant_id', '=', 'p.tenant_id')
            .whereRef('a.person_id', '=', 'p.id'),
        )
        .as('has_account'),
      jsonArrayFrom(
        eb
          .selectFrom('employments as e')
          .select(['e.unit_id', 'e.is_manager'])
          .whereRef('e.tenant_id', '=', 'p.tenant_id')
          .whereRef('e.person_id', '=', 'p.id')
          .where('e.start_date', '<=', date)
          .where((w) => w.or([w('e.end_date', 'is', null), w('e.end_date', '>=', date)])),
      ).as('employments'),
      jsonArrayFrom(
        eb
          .selectFrom('seats as s')
          .select('s.body_id')
          .whereRef('s.tenant_id', '=', 'p.tenant_id')
          .whereRef('s.person_id', '=', 'p.id')
          .where('s.term_start', '<=', date)
          .where((w) => w.or([w('s.term_end', 'is', null), w('s.term_end', '>=', date)])),
      ).as('seats'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where(
      'personIds' in scope
        ? sql<SqlBool>`${isAnyOf('p.id', scope.personIds)}`
        : scope.unitId
          ? inReach('p.id', tenantId, { ...NOBODY, units: [scope.unitId] }, date)
          : sql<SqlBool>`true`,
    )
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: `${r.first_name} ${r.last_name}`,
    email: r.email,
    hasAccount: Boolean(r.has_account),
    employments: r.employments.map((e) => ({ unitId: e.unit_id, isManager: e.is_manager })),
    seatBodies: r.seats.map((s) => s.body_id),
  }));
}
