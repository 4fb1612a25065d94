import type { z } from 'zod';
import type {
  AddEmploymentRequest,
  CreateBodyRequest,
  AddSeatRequest,
  CreateUnitRequest,
  UpdatePersonRequest,
  UpdateUnitRequest,
} from '../../../contracts/org-edit.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import type { BodyId, PersonId, UnitId } from '../../../domain/ids.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantOrganisation } from '../../db/locks.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { mayAdminister } from '../../../domain/policy.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { syncAssignments } from '../programmes/public.ts';
import * as repo from './edit-repository.ts';
import { findPerson, unitAncestry } from './repository.ts';

/**
 * Hand edits by administrators of units, people, employments and seats. Every change is one
 * transaction with its audit entry (before and after); ids of other tenants answer 404.
 */
export function createOrgEditService(db: Db, clock: () => Date = () => new Date()) {
  const log = (
    trx: Tx,
    actor: Actor,
    action: string,
    objectType: string,
    objectId: string,
    details: Record<string, unknown>,
  ) =>
    audit(trx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action,
      objectType,
      objectId,
      details,
    });

  /** Employments, seats and units decide programme audiences: re-sync in the same transaction. */
  const resync = async (trx: Tx, actor: Actor) => {
    await lockTenantOrganisation(trx, actor.tenantId);
    await syncAssignments(trx, actor.tenantId, stockholmDate(clock()));
  };

  /** Hand edits are an administrator's act (the routes say so too). */
  function requireAdministrator(actor: Actor) {
    if (!mayAdminister({ grants: actor.grants, personId: null })) throw forbidden();
  }

  async function openParent(trx: Tx, actor: Actor, parentId: string) {
    const parent = await repo.findUnit(trx, actor.tenantId, parentId as UnitId);
    if (!parent || parent.valid_to !== null)
      throw invalid('body.parentId', 'closed_or_missing', { thing: 'parent' });
    return parent;
  }

  return {
    createBody: (actor: Actor, input: z.infer<typeof CreateBodyRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        if (await repo.bodyByCode(trx, actor.tenantId, input.code))
          throw invalid('body.code', 'code_taken', { code: input.code });
        for (const [index, officeId] of input.officeIds.entries()) {
          const office = await repo.findUnit(trx, actor.tenantId, officeId as UnitId);
          if (!office || office.valid_to !== null)
            throw invalid(`body.officeIds.${index}`, 'closed_or_missing', { thing: 'office' });
        }
        const row = await repo.insertBody(trx, actor.tenantId, input);
        await log(trx, actor, 'body.create', 'political_body', row.id, { after: input });
        return { id: row.id };
      }),

    createUnit: (actor: Actor, input: z.infer<typeof CreateUnitRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await openParent(trx, actor, input.parentId);
        if (await repo.unitByCode(trx, actor.tenantId, input.code)) {
          throw invalid('body.code', 'code_taken', { code: input.code });
        }
        const row = await repo.insertUnit(trx, actor.tenantId, {
          ...input,
          validFrom: stockholmDate(clock()),
        });
        await log(trx, actor, 'unit.create', 'unit', row.id, { after: input });
        return { id: row.id };
      }),

    updateUnit: (actor: Actor, id: UnitId, input: z.infer<typeof UpdateUnitRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        const unit = await repo.findUnit(trx, actor.tenantId, id);
        if (!unit) throw notFound('unit');
        if (input.parentId !== undefined) {
          if (unit.parent_id === null) throw invalid('body.parentId', 'root_unit');
          await openParent(trx, actor, input.parentId);
          if (
            (await unitAncestry(trx, actor.tenantId, input.parentId as UnitId)).some(
              (node) => node.id === id,
            )
          ) {
            throw invalid('body.parentId', 'cyclic_parent', { unit: unit.name });
          }
        }
        const after = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
          ...(input.kind !== undefined && unit.kind !== 'municipality' ? { kind: input.kind } : {}),
        };
        if (Object.keys(after).length === 0) return { id };
        const before = Object.fromEntries(
          Object.keys(after).map((key) => [key, unit[key as keyof typeof unit]]),
        );
        await repo.updateUnit(trx, actor.tenantId, id, after);
        await log(trx, actor, 'unit.update', 'unit', id, { before, after });
        await resync(trx, actor);
        return { id };
      }),

    closeUnit: (actor: Actor, id: UnitId, validTo: string) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        const unit = await repo.findUnit(trx, actor.tenantId, id);
        if (!unit) throw notFound('unit');
        if (unit.parent_id === null) throw invalid('body.validTo', 'root_unit');
        const open = await repo.openDependants(trx, actor.tenantId, id, validTo);
        if (open.staff > 0 || open.children > 0) {
          throw new AppError('unit_not_empty', {
            unit: unit.name,
            staff: open.staff,
            children: open.children,
            date: validTo,
          });
        }
        await repo.updateUnit(trx, actor.tenantId, id, { valid_to: validTo });
        await log(trx, actor, 'unit.close', 'unit', id, {
          before: { valid_to: unit.valid_to },
          after: { valid_to: validTo },
        });
        await resync(trx, actor);
        return { id };
      }),

    updatePerson: (actor: Actor, id: PersonId, input: z.infer<typeof UpdatePersonRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        const person = await findPerson(trx, actor.tenantId, id);
        if (!person) throw notFound('person');
        const after = {
          ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
          ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
          ...(input.email !== undefined ? { email: input.email?.toLowerCase() ?? null } : {}),
        };
        if (Object.keys(after).length === 0) return { id };
        const before = Object.fromEntries(
          Object.keys(after).map((key) => [key, person[key as keyof typeof person]]),
        );
        await repo.updatePerson(trx, actor.tenantId, id, after);
        await log(trx, actor, 'person.update', 'person', id, { before, after });
        return { id };
      }),

    addEmployment: (
      actor: Actor,
      personId: PersonId,
      input: z.infer<typeof AddEmploymentRequest>,
    ) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        if (!(await findPerson(trx, actor.tenantId, personId))) throw notFound('person');
        const unit = await repo.findUnit(trx, actor.tenantId, input.unitId as UnitId);
        if (!unit || unit.valid_to !== null)
          throw invalid('body.unitId', 'closed_or_missing', { thing: 'unit' });
        if (input.endDate && input.endDate < input.startDate)
          throw invalid('body.endDate', 'ends_before_start', {
            start: input.startDate,
            end: input.endDate,
          });
        const row = await repo.insertEmployment(trx, actor.tenantId, personId, input);
        await log(trx, actor, 'employment.create', 'employment', row.id, {
          after: { personId, ...input },
        });
        await resync(trx, actor);
        return { id: row.id };
      }),

    endEmployment: (actor: Actor, id: string, endDate: string) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        const employment = await repo.findEmployment(trx, actor.tenantId, id);
        if (!employment) throw notFound('employment');
        if (endDate < employment.start_date)
          throw invalid('body.endDate', 'ends_before_start', {
            start: employment.start_date,
            end: endDate,
          });
        await repo.endEmployment(trx, actor.tenantId, id, endDate);
        await log(trx, actor, 'employment.end', 'employment', id, {
          before: { end_date: employment.end_date },
          after: { end_date: endDate },
        });
        await resync(trx, actor);
        return { id };
      }),

    addSeat: (actor: Actor, personId: PersonId, input: z.infer<typeof AddSeatRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        if (!(await findPerson(trx, actor.tenantId, personId))) throw notFound('person');
        if (!(await repo.findBody(trx, actor.tenantId, input.bodyId as BodyId)))
          throw invalid('body.bodyId', 'no_such', { thing: 'body' });
        if (input.termEnd && input.termEnd < input.termStart)
          throw invalid('body.termEnd', 'ends_before_start', {
            start: input.termStart,
            end: input.termEnd,
          });
        const row = await repo.insertSeat(trx, actor.tenantId, personId, input);
        await log(trx, actor, 'seat.create', 'seat', row.id, { after: { personId, ...input } });
        await resync(trx, actor);
        return { id: row.id };
      }),

    /**
     * Undoes a match of an employee and an elected official (made on e-mail by an import):
     * the seats and the official id move to a new person; the employee keeps the rest.
     */
    splitPerson: (actor: Actor, id: PersonId) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        const person = await repo.findPersonNumbers(trx, actor.tenantId, id);
        if (!person) throw notFound('person');
        if (!person.employee_number || !person.official_number) {
          throw new AppError('cannot_split');
        }
        // The official id is unique: free it before the new person takes it.
        await repo.updatePerson(trx, actor.tenantId, id, { official_number: null });
        const official = await repo.insertOfficial(trx, actor.tenantId, person);
        const moved = await repo.moveSeats(trx, actor.tenantId, id, official.id);
        await log(trx, actor, 'person.split', 'person', id, {
          before: { official_number: person.official_number },
          after: {
            official_number: null,
            officialPersonId: official.id,
            seats: moved.map((m) => m.id),
          },
        });
        await resync(trx, actor);
        return { id: official.id };
      }),

    endSeat: (actor: Actor, id: string, endDate: string) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        const seat = await repo.findSeat(trx, actor.tenantId, id);
        if (!seat) throw notFound('seat');
        if (endDate < seat.term_start)
          throw invalid('body.endDate', 'ends_before_start', {
            start: seat.term_start,
            end: endDate,
          });
        await repo.endSeat(trx, actor.tenantId, id, endDate);
        await log(trx, actor, 'seat.end', 'seat', id, {
          before: { term_end: seat.term_end },
          after: { term_end: endDate },
        });
        await resync(trx, actor);
        return { id };
      }),
  };
}

export type OrgEditService = ReturnType<typeof createOrgEditService>;
