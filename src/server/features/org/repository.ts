import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import type { BodyId, PersonId, TenantId, UnitId } from '../../../domain/ids.ts';
import type { Reach } from '../../../domain/policy.ts';
import { inReach } from '../../policies/repository.ts';

/** Employments and seats active on `date` (inclusive end). */
function activeOn<T extends string>(start: T, end: T, date: string) {
  return sql<boolean>`(${sql.ref(start)} <= ${date} AND (${sql.ref(end)} IS NULL OR ${sql.ref(end)} >= ${date}))`;
}

export interface UnitRow {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  kind: 'municipality' | 'office' | 'department' | 'unit';
  staff_count: number;
}

function unitsWithStaff(db: Db, tenantId: TenantId, date: string) {
  return db
    .selectFrom('org_units as u')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('employments as e')
          .select(['e.unit_id', (e) => e.fn.countAll<number>().as('n')])
          .where('e.tenant_id', '=', tenantId)
          .where(activeOn('e.start_date', 'e.end_date', date))
          .groupBy('e.unit_id')
          .as('staff'),
      (join) => join.onRef('staff.unit_id', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.parent_id',
      'u.code',
      'u.name',
      'u.kind',
      sql<number>`coalesce(staff.n, 0)::int`.as('staff_count'),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', date)]));
}

export function listUnits(db: Db, tenantId: TenantId, date: string): Promise<UnitRow[]> {
  return unitsWithStaff(db, tenantId, date).orderBy('u.name').execute();
}

export function findUnit(
  db: Db,
  tenantId: TenantId,
  id: UnitId,
  date: string,
): Promise<UnitRow | undefined> {
  return unitsWithStaff(db, tenantId, date).where('u.id', '=', id).executeTakeFirst();
}

export function childUnits(
  db: Db,
  tenantId: TenantId,
  id: UnitId,
  date: string,
): Promise<UnitRow[]> {
  return unitsWithStaff(db, tenantId, date)
    .where('u.parent_id', '=', id)
    .orderBy('u.name')
    .execute();
}

/** The unit and its ancestors, the unit first. */
export async function unitAncestry(db: Db | Tx, tenantId: TenantId, id: UnitId) {
  const result = await sql<{ id: string; name: string; kind: UnitRow['kind']; depth: number }>`
    WITH RECURSIVE chain AS (
      SELECT id, parent_id, name, kind, 0 AS depth FROM org_units
       WHERE tenant_id = ${tenantId} AND id = ${id}
      UNION ALL
      SELECT u.id, u.parent_id, u.name, u.kind, chain.depth + 1 FROM org_units u
        JOIN chain ON u.id = chain.parent_id
       WHERE u.tenant_id = ${tenantId} AND chain.depth < 64
    )
    SELECT id, name, kind, depth FROM chain ORDER BY depth`.execute(db);
  return result.rows;
}

export function unitStaff(
  db: Db,
  tenantId: TenantId,
  id: UnitId,
  date: string,
  managersOnly: boolean,
) {
  let query = db
    .selectFrom('employments as e')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 'e.person_id').onRef('p.tenant_id', '=', 'e.tenant_id'),
    )
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.email',
      'e.title',
      'e.is_manager',
      'e.start_date',
      'e.end_date',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.unit_id', '=', id)
    .where(activeOn('e.start_date', 'e.end_date', date));
  if (managersOnly) query = query.where('e.is_manager', '=', true);
  return query
    .orderBy('e.is_manager', 'desc')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
}

export interface BodyRow {
  id: string;
  code: string;
  name: string;
  kind: 'council' | 'board' | 'committee';
  members: number;
  substitutes: number;
}

function bodiesWithCounts(db: Db, tenantId: TenantId, date: string) {
  return db
    .selectFrom('political_bodies as b')
    .select([
      'b.id',
      'b.code',
      'b.name',
      'b.kind',
      sql<number>`(SELECT count(*) FROM seats s WHERE s.tenant_id = b.tenant_id AND s.body_id = b.id
        AND s.role <> 'substitute' AND ${activeOn('s.term_start', 's.term_end', date)})::int`.as(
        'members',
      ),
      sql<number>`(SELECT count(*) FROM seats s WHERE s.tenant_id = b.tenant_id AND s.body_id = b.id
        AND s.role = 'substitute' AND ${activeOn('s.term_start', 's.term_end', date)})::int`.as(
        'substitutes',
      ),
    ])
    .where('b.tenant_id', '=', tenantId);
}

export function listBodies(db: Db, tenantId: TenantId, date: string): Promise<BodyRow[]> {
  return bodiesWithCounts(db, tenantId, date)
    .orderBy(sql`CASE b.kind WHEN 'council' THEN 0 WHEN 'board' THEN 1 ELSE 2 END`)
    .orderBy('b.name')
    .execute();
}

export function findBody(
  db: Db,
  tenantId: TenantId,
  id: BodyId,
  date: string,
): Promise<BodyRow | undefined> {
  return bodiesWithCounts(db, tenantId, date).where('b.id', '=', id).executeTakeFirst();
}

export function bodyOffices(db: Db, tenantId: TenantId) {
  return db
    .selectFrom('body_offices as bo')
    .innerJoin('org_units as u', (join) =>
      join.onRef('u.id', '=', 'bo.unit_id').onRef('u.tenant_id', '=', 'bo.tenant_id'),
    )
    .select(['bo.body_id', 'u.id', 'u.name'])
    .where('bo.tenant_id', '=', tenantId)
    .orderBy('u.name')
    .execute();
}

export function bodySeats(db: Db, tenantId: TenantId, id: BodyId, date: string) {
  return db
    .selectFrom('seats as s')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 's.person_id').onRef('p.tenant_id', '=', 's.tenant_id'),
    )
    .select(['p.id', 'p.first_name', 'p.last_name', 's.role', 's.term_start', 's.term_end'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.body_id', '=', id)
    .where(activeOn('s.term_start', 's.term_end', date))
    .orderBy(
      sql`CASE s.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END`,
    )
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
}

export function findPerson(db: Db | Tx, tenantId: TenantId, id: PersonId) {
  return db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name', 'email', 'employee_number', 'official_number'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function personEmployments(db: Db, tenantId: TenantId, id: PersonId) {
  return db
    .selectFrom('employments as e')
    .innerJoin('org_units as u', (join) =>
      join.onRef('u.id', '=', 'e.unit_id').onRef('u.tenant_id', '=', 'e.tenant_id'),
    )
    .select([
      'e.id',
      'u.id as unit_id',
      'u.code',
      'u.name',
      'e.title',
      'e.is_manager',
      'e.employment_form',
      'e.start_date',
      'e.end_date',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.person_id', '=', id)
    .orderBy('e.start_date', 'desc')
    .execute();
}

export function personSeats(db: Db, tenantId: TenantId, id: PersonId) {
  return db
    .selectFrom('seats as s')
    .innerJoin('political_bodies as b', (join) =>
      join.onRef('b.id', '=', 's.body_id').onRef('b.tenant_id', '=', 's.tenant_id'),
    )
    .select(['s.id', 'b.id as body_id', 'b.code', 'b.name', 's.role', 's.term_start', 's.term_end'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.person_id', '=', id)
    .orderBy('s.term_start', 'desc')
    .execute();
}

/** Every recorded change of one unit, newest first (today: imports; later also manual edits). */
export function unitChanges(db: Db, tenantId: TenantId, id: UnitId) {
  return db
    .selectFrom('import_changes as c')
    .innerJoin('import_runs as r', (join) =>
      join.onRef('r.id', '=', 'c.run_id').onRef('r.tenant_id', '=', 'c.tenant_id'),
    )
    .select([
      'r.applied_at',
      'r.file_name',
      'r.actor_label',
      'r.undone_at',
      'c.label',
      'c.action',
      'c.before',
      'c.after',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.entity', '=', 'unit')
    .where('c.entity_id', '=', id)
    .orderBy('r.applied_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** An administrator's hand edits of one unit, from the audit log. */
export function unitAuditEntries(db: Db, tenantId: TenantId, id: UnitId) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'a.actor_user_id').onRef('u.tenant_id', '=', 'a.tenant_id'),
    )
    .select(['a.at', 'a.action', 'a.details', 'u.display_name'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.object_type', '=', 'unit')
    .where('a.object_id', '=', id)
    .execute();
}

/** Every unit's name by id, open or closed (for showing ids kept in logs). */
export async function unitNames(db: Db, tenantId: TenantId): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * People within `reach` on `date` whose name starts with the words typed, or with this
 * employee or official number, or whose e-mail starts with it: the caller's scope is part of
 * the query.
 */
export function searchPeople(
  db: Db | Tx,
  tenantId: TenantId,
  query: string,
  limit: number,
  reach: Reach,
  date: string,
) {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
  let select = db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name', 'employee_number', 'email'])
    .where('tenant_id', '=', tenantId)
    .where(inReach('people.id', tenantId, reach, date));
  for (const word of words) {
    const pattern = `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or([
        eb(sql`lower(first_name)`, 'like', pattern),
        eb(sql`lower(last_name)`, 'like', pattern),
        eb(sql`lower(email)`, 'like', pattern),
        eb('employee_number', '=', word),
        eb('official_number', '=', word),
      ]),
    );
  }
  return select.orderBy('last_name').orderBy('first_name').orderBy('id').limit(limit).execute();
}

/** Where each person works and sits on `date`: unit and body names. */
export function placesOf(
  db: Db | Tx,
  tenantId: TenantId,
  personIds: readonly string[],
  date: string,
) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('employments as e')
    .innerJoin('org_units as u', (j) =>
      j.onRef('u.id', '=', 'e.unit_id').onRef('u.tenant_id', '=', 'e.tenant_id'),
    )
    .select(['e.person_id', 'u.name'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.person_id', 'in', personIds)
    .where(activeOn('e.start_date', 'e.end_date', date))
    .unionAll(
      db
        .selectFrom('seats as s')
        .innerJoin('political_bodies as b', (j) =>
          j.onRef('b.id', '=', 's.body_id').onRef('b.tenant_id', '=', 's.tenant_id'),
        )
        .select(['s.person_id', 'b.name'])
        .where('s.tenant_id', '=', tenantId)
        .where('s.person_id', 'in', personIds)
        .where(activeOn('s.term_start', 's.term_end', date)),
    )
    .execute();
}
