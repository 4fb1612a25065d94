import { sql } from 'kysely';
import type { CurrentEmployee } from '../../../domain/imports/people.ts';
import type { CurrentSeat, KnownPerson } from '../../../domain/imports/seats.ts';
import type { CurrentUnit } from '../../../domain/imports/units.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { INSERT_BATCH, insertInBatches } from '../../db/batch.ts';
import { isAnyOf, selectPacked } from '../../db/packed.ts';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { Db } from '../../db/connection.ts';

type Queryable = Db | Tx;

export async function loadUnits(
  db: Queryable,
  tenantId: TenantId,
  date: string,
): Promise<CurrentUnit[]> {
  const rows = await db
    .selectFrom('org_units as u')
    .leftJoin('org_units as p', (join) =>
      join.onRef('p.id', '=', 'u.parent_id').onRef('p.tenant_id', '=', 'u.tenant_id'),
    )
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.kind',
      'u.valid_to',
      'p.code as parent_code',
      sql<number>`(SELECT count(*) FROM employments e WHERE e.tenant_id = u.tenant_id AND e.unit_id = u.id
        AND e.start_date <= ${date} AND (e.end_date IS NULL OR e.end_date >= ${date}))::int`.as(
        'active_staff',
      ),
    ])
    .where('u.tenant_id', '=', tenantId)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentCode: row.parent_code,
    validTo: row.valid_to,
    activeStaff: row.active_staff,
  }));
}

/** Open unit codes (not closed before `date`) → id. */
export async function openUnitIds(
  db: Queryable,
  tenantId: TenantId,
  date: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

/**
 * Every person with an employee id and the employment that is in force on `date` or starts
 * after it (the one an HR export describes); people whose employments all ended have none.
 */
export async function loadEmployees(
  db: Queryable,
  tenantId: TenantId,
  date: string,
): Promise<CurrentEmployee[]> {
  // One row per person: their first employment by (in force on the date, start, id).
  const query = sql<{
    person_id: string;
    employee_number: string;
    first_name: string;
    last_name: string;
    email: string | null;
    employment_id: string | null;
    unit_code: string | null;
    title: string | null;
    is_manager: boolean | null;
    employment_form: string | null;
    start_date: string | null;
    end_date: string | null;
  }>`
    SELECT p.id AS person_id, p.employee_number, p.first_name, p.last_name, p.email,
           e.id AS employment_id, u.code AS unit_code, e.title, e.is_manager, e.employment_form,
           e.start_date, e.end_date
      FROM people p
      LEFT JOIN (
        SELECT DISTINCT ON (e.person_id) * FROM employments e
         WHERE e.tenant_id = ${tenantId} AND (e.end_date IS NULL OR e.end_date >= ${date})
         ORDER BY e.person_id, (e.start_date <= ${date}) DESC, e.start_date, e.id
      ) e ON e.person_id = p.id
      LEFT JOIN org_units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id
     WHERE p.tenant_id = ${tenantId} AND p.employee_number IS NOT NULL`;
  const rows = await selectPacked(db, query, [
    'person_id',
    'employee_number',
    'first_name',
    'last_name',
    'email',
    'employment_id',
    'unit_code',
    'title',
    'is_manager',
    'employment_form',
    'start_date',
    'end_date',
  ]);
  return rows.map((row) => ({
    personId: row.person_id,
    employeeId: row.employee_number,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    employment:
      row.employment_id && row.unit_code && row.start_date
        ? {
            id: row.employment_id,
            unitCode: row.unit_code,
            title: row.title ?? '',
            isManager: row.is_manager ?? false,
            employmentForm: row.employment_form,
            startDate: row.start_date,
            endDate: row.end_date,
          }
        : null,
  }));
}

/** Elected officials without an employee id, by e-mail: an HR row with that e-mail is the same person. */
export async function officialsByEmail(
  db: Queryable,
  tenantId: TenantId,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'email'])
    .where('tenant_id', '=', tenantId)
    .where('employee_number', 'is', null)
    .where('email', 'is not', null)
    .execute();
  return new Map(
    rows.flatMap((row) => (row.email ? [[row.email.toLowerCase(), row.id] as const] : [])),
  );
}

export type Entity = 'unit' | 'person' | 'employment' | 'seat';
export const TABLE_OF = {
  unit: 'org_units',
  person: 'people',
  employment: 'employments',
  seat: 'seats',
} as const satisfies Record<Entity, keyof Database>;

export interface ChangeRecord {
  entity: Entity;
  entityId: string;
  action: 'create' | 'update';
  label: string;
  row: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * The people whose employments, seats or person rows these changes touch (read while the rows
 * exist: after an apply, before an undo), or undefined — everyone — when units changed: a unit
 * that moves in the tree changes the place of everyone under it.
 */
export async function affectedPeople(
  db: Queryable,
  tenantId: TenantId,
  changes: readonly { entity: Entity; entityId: string }[],
): Promise<string[] | undefined> {
  if (changes.some((c) => c.entity === 'unit')) return undefined;
  const idsOf = (entity: Entity) =>
    changes.filter((c) => c.entity === entity).map((c) => c.entityId);
  const people = new Set(idsOf('person'));
  const placements = [
    ['employments', idsOf('employment')],
    ['seats', idsOf('seat')],
  ] as const;
  for (const [table, ids] of placements) {
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom(table)
      .select('person_id')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where(isAnyOf('id', ids))
      .execute();
    for (const row of rows) people.add(row.person_id);
  }
  return [...people];
}

export function insertChanges(trx: Tx, tenantId: TenantId, runId: string, changes: ChangeRecord[]) {
  return insertInBatches(
    trx,
    'import_changes',
    changes.map((change) => ({
      tenant_id: tenantId,
      run_id: runId,
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      label: change.label,
      row_number: change.row,
      before: change.before ? JSON.stringify(change.before) : null,
      after: change.after ? JSON.stringify(change.after) : null,
    })),
  );
}

export function insertRows(trx: Tx, entity: Entity, rows: Record<string, unknown>[]) {
  return insertInBatches(trx, TABLE_OF[entity], rows as never[]);
}

export async function updateRow(
  trx: Tx,
  tenantId: TenantId,
  entity: Entity,
  id: string,
  values: Record<string, unknown>,
) {
  await trx
    .updateTable(TABLE_OF[entity])
    .set(values as never)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function deleteRow(trx: Tx, tenantId: TenantId, entity: Entity, id: string) {
  await trx
    .deleteFrom(TABLE_OF[entity])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function insertRun(
  trx: Tx,
  run: {
    tenantId: TenantId;
    kind: 'units' | 'people' | 'seats';
    mode: 'full' | 'partial';
    fileName: string;
    effectiveDate: string;
    actorUserId: string | null;
    actorLabel: string;
    counts: Record<string, number>;
  },
) {
  return trx
    .insertInto('import_runs')
    .values({
      tenant_id: run.tenantId,
      kind: run.kind,
      mode: run.mode,
      file_name: run.fileName,
      effective_date: run.effectiveDate,
      actor_user_id: run.actorUserId,
      actor_label: run.actorLabel,
      counts: JSON.stringify(run.counts),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listRuns(db: Queryable, tenantId: TenantId) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('applied_at', 'desc')
    .limit(200)
    .execute();
}

export function findRun(db: Queryable, tenantId: TenantId, id: string) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function latestUndoableRun(db: Queryable, tenantId: TenantId) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('undone_at', 'is', null)
    .orderBy('applied_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function runChanges(db: Queryable, tenantId: TenantId, runId: string) {
  return db
    .selectFrom('import_changes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId)
    .orderBy('id')
    .execute();
}

export async function markUndone(trx: Tx, tenantId: TenantId, runId: string, by: string, at: Date) {
  await trx
    .updateTable('import_runs')
    .set({ undone_at: at, undone_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', runId)
    .execute();
}

export async function bodyIds(db: Queryable, tenantId: TenantId): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('political_bodies')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** Everyone in the tenant, for matching roster rows on official id or e-mail. */
export async function loadKnownPeople(db: Queryable, tenantId: TenantId): Promise<KnownPerson[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'official_number', 'email', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    officialId: row.official_number,
    email: row.email?.toLowerCase() ?? null,
    firstName: row.first_name,
    lastName: row.last_name,
  }));
}

/** Seats in force on `date` or starting after it, of people with an official id. */
export async function loadSeats(
  db: Queryable,
  tenantId: TenantId,
  date: string,
): Promise<CurrentSeat[]> {
  const rows = await db
    .selectFrom('seats as s')
    .innerJoin('people as p', (join) =>
      join.onRef('p.id', '=', 's.person_id').onRef('p.tenant_id', '=', 's.tenant_id'),
    )
    .innerJoin('political_bodies as b', (join) =>
      join.onRef('b.id', '=', 's.body_id').onRef('b.tenant_id', '=', 's.tenant_id'),
    )
    .select([
      's.id',
      's.person_id',
      'p.official_number',
      'p.first_name',
      'p.last_name',
      'b.code',
      's.role',
      's.term_start',
      's.term_end',
      's.party',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('p.official_number', 'is not', null)
    .where((eb) => eb.or([eb('s.term_end', 'is', null), eb('s.term_end', '>=', date)]))
    .orderBy('s.term_start')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    officialId: row.official_number ?? '',
    name: `${row.first_name} ${row.last_name}`,
    bodyCode: row.code,
    role: row.role,
    termStart: row.term_start,
    termEnd: row.term_end,
    party: row.party,
  }));
}

export function listProfiles(db: Queryable, tenantId: TenantId) {
  return db
    .selectFrom('import_profiles')
    .select(['id', 'kind', 'name', 'mapping'])
    .where('tenant_id', '=', tenantId)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export function findProfile(
  db: Queryable,
  tenantId: TenantId,
  kind: 'units' | 'people' | 'seats',
  name: string,
) {
  return db
    .selectFrom('import_profiles')
    .select(['id', 'kind', 'name', 'mapping'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function saveProfile(
  db: Queryable,
  tenantId: TenantId,
  profile: { kind: 'units' | 'people' | 'seats'; name: string; mapping: Record<string, string> },
) {
  return db
    .insertInto('import_profiles')
    .values({
      tenant_id: tenantId,
      kind: profile.kind,
      name: profile.name,
      mapping: JSON.stringify(profile.mapping),
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'kind', 'name'])
        .doUpdateSet({ mapping: JSON.stringify(profile.mapping) }),
    )
    .returning(['id', 'kind', 'name', 'mapping'])
    .executeTakeFirstOrThrow();
}

export async function deleteProfile(db: Queryable, tenantId: TenantId, id: string) {
  const result = await db
    .deleteFrom('import_profiles')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Applies the updates of an import and keeps, in order, the change list that history shows and
 * undo reverses. Created rows are only recorded here; they are inserted in batches by the caller.
 * Updates that set the same values (every leaver's end date, say) are sent as one statement per
 * thousand rows when the applier finishes; a row updated twice is flushed in between, so the
 * order of changes to one row is kept.
 */
export function changeLog(trx: Tx, tenantId: TenantId) {
  const changes: ChangeRecord[] = [];
  const pending = new Map<
    string,
    { entity: Entity; values: Record<string, unknown>; ids: string[] }
  >();
  const pendingRows = new Set<string>();
  async function flush() {
    for (const { entity, values, ids } of pending.values()) {
      for (let i = 0; i < ids.length; i += INSERT_BATCH) {
        await trx
          .updateTable(TABLE_OF[entity])
          .set(values as never)
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', ids.slice(i, i + INSERT_BATCH))
          .execute();
      }
    }
    pending.clear();
    pendingRows.clear();
  }
  return {
    created: (
      entity: Entity,
      values: { id: string } & Record<string, unknown>,
      label: string,
      row: number | null,
    ) => {
      changes.push({
        entity,
        entityId: values.id,
        action: 'create',
        label,
        row,
        before: null,
        after: values,
      });
    },
    update: async (
      entity: Entity,
      id: string,
      label: string,
      row: number | null,
      before: Record<string, unknown>,
      after: Record<string, unknown>,
    ) => {
      if (pendingRows.has(`${entity}:${id}`)) await flush();
      const key = `${entity}|${JSON.stringify(after)}`;
      const group = pending.get(key) ?? { entity, values: after, ids: [] };
      group.ids.push(id);
      pending.set(key, group);
      pendingRows.add(`${entity}:${id}`);
      changes.push({ entity, entityId: id, action: 'update', label, row, before, after });
    },
    /** Sends the updates still waiting and returns the change list. */
    async finish(): Promise<ChangeRecord[]> {
      await flush();
      return changes;
    },
  };
}
