import { sql } from 'kysely';
import type { BodyId, TenantId, UnitId } from '../../../domain/ids.ts';
import type { Tx } from '../../db/transaction.ts';

export function findUnit(trx: Tx, tenantId: TenantId, id: UnitId) {
  return trx
    .selectFrom('org_units')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'valid_to'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function unitByCode(trx: Tx, tenantId: TenantId, code: string) {
  return trx
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function openDependants(trx: Tx, tenantId: TenantId, id: UnitId, date: string) {
  const row = await trx
    .selectFrom('org_units as u')
    .select([
      sql<number>`(SELECT count(*) FROM employments e WHERE e.tenant_id = u.tenant_id AND e.unit_id = u.id
        AND (e.end_date IS NULL OR e.end_date > ${date}))::int`.as('staff'),
      sql<number>`(SELECT count(*) FROM org_units c WHERE c.tenant_id = u.tenant_id AND c.parent_id = u.id
        AND (c.valid_to IS NULL OR c.valid_to > ${date}))::int`.as('children'),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

export function findBody(trx: Tx, tenantId: TenantId, id: BodyId) {
  return trx
    .selectFrom('political_bodies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findEmployment(trx: Tx, tenantId: TenantId, id: string) {
  return trx
    .selectFrom('employments')
    .select(['id', 'person_id', 'start_date', 'end_date'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findSeat(trx: Tx, tenantId: TenantId, id: string) {
  return trx
    .selectFrom('seats')
    .select(['id', 'person_id', 'term_start', 'term_end'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function bodyByCode(trx: Tx, tenantId: TenantId, code: string) {
  return trx
    .selectFrom('political_bodies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** A political body with the offices that serve it. */
export async function insertBody(
  trx: Tx,
  tenantId: TenantId,
  body: {
    code: string;
    name: string;
    kind: 'council' | 'board' | 'committee';
    officeIds: string[];
  },
) {
  const row = await trx
    .insertInto('political_bodies')
    .values({ tenant_id: tenantId, code: body.code, name: body.name, kind: body.kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (body.officeIds.length)
    await trx
      .insertInto('body_offices')
      .values(
        [...new Set(body.officeIds)].map((unitId) => ({
          tenant_id: tenantId,
          body_id: row.id,
          unit_id: unitId,
        })),
      )
      .execute();
  return row;
}

export function insertUnit(
  trx: Tx,
  tenantId: TenantId,
  unit: {
    code: string;
    name: string;
    kind: 'office' | 'department' | 'unit';
    parentId: string;
    validFrom: string;
  },
) {
  return trx
    .insertInto('org_units')
    .values({
      tenant_id: tenantId,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parent_id: unit.parentId,
      valid_from: unit.validFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateUnit(
  trx: Tx,
  tenantId: TenantId,
  id: UnitId,
  change: {
    name?: string;
    parent_id?: string;
    kind?: 'office' | 'department' | 'unit';
    valid_to?: string;
  },
) {
  await trx
    .updateTable('org_units')
    .set(change)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function updatePerson(
  trx: Tx,
  tenantId: TenantId,
  id: string,
  change: {
    first_name?: string;
    last_name?: string;
    email?: string | null;
    official_number?: null;
  },
) {
  await trx
    .updateTable('people')
    .set(change)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export function findPersonNumbers(trx: Tx, tenantId: TenantId, id: string) {
  return trx
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name', 'employee_number', 'official_number'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertEmployment(
  trx: Tx,
  tenantId: TenantId,
  personId: string,
  employment: {
    unitId: string;
    title: string;
    isManager: boolean;
    employmentForm: string | null;
    startDate: string;
    endDate: string | null;
  },
) {
  return trx
    .insertInto('employments')
    .values({
      tenant_id: tenantId,
      person_id: personId,
      unit_id: employment.unitId,
      title: employment.title,
      is_manager: employment.isManager,
      employment_form: employment.employmentForm,
      start_date: employment.startDate,
      end_date: employment.endDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function endEmployment(trx: Tx, tenantId: TenantId, id: string, endDate: string) {
  await trx
    .updateTable('employments')
    .set({ end_date: endDate })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export function insertSeat(
  trx: Tx,
  tenantId: TenantId,
  personId: string,
  seat: {
    bodyId: string;
    role: 'member' | 'substitute' | 'chair' | 'vice_chair';
    termStart: string;
    termEnd: string | null;
  },
) {
  return trx
    .insertInto('seats')
    .values({
      tenant_id: tenantId,
      person_id: personId,
      body_id: seat.bodyId,
      role: seat.role,
      term_start: seat.termStart,
      term_end: seat.termEnd,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function endSeat(trx: Tx, tenantId: TenantId, id: string, endDate: string) {
  await trx
    .updateTable('seats')
    .set({ term_end: endDate })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** The elected official split off an employee: a person of their own with the official id. */
export function insertOfficial(
  trx: Tx,
  tenantId: TenantId,
  person: { official_number: string | null; first_name: string; last_name: string },
) {
  return trx
    .insertInto('people')
    .values({
      tenant_id: tenantId,
      official_number: person.official_number,
      first_name: person.first_name,
      last_name: person.last_name,
      email: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function moveSeats(trx: Tx, tenantId: TenantId, fromPersonId: string, toPersonId: string) {
  return trx
    .updateTable('seats')
    .set({ person_id: toPersonId })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', fromPersonId)
    .returning('id')
    .execute();
}
