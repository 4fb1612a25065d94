import { randomUUID } from 'node:crypto';
import type { PlannedChange } from '../../../contracts/imports.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { SeatsPlan } from '../../../domain/imports/seats.ts';
import type { Tx } from '../../db/transaction.ts';
import { changeLog, insertRows, type ChangeRecord } from './repository.ts';

export function describeSeatsPlan(plan: SeatsPlan): PlannedChange[] {
  const name = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;
  return [
    ...plan.created.map(({ row, matchedOn }) => ({
      label: 'created' as const,
      row: row.row,
      key: row.officialId,
      name: name(row),
      details: `${row.bodyCode}: ${row.role} ${row.termStart} – ${row.termEnd ?? ''}${matchedOn === 'email' ? ' (same person as an employee, matched on e-mail)' : ''}`,
      facts: {
        body: row.bodyCode,
        role: row.role,
        termStart: row.termStart,
        termEnd: row.termEnd,
        matchedOnEmail: matchedOn === 'email',
      },
      fields: [],
    })),
    ...plan.changed
      .filter((c) => c.changes.length > 0)
      .map(({ row, changes }) => ({
        label: 'changed' as const,
        row: row.row,
        key: row.officialId,
        name: name(row),
        details: `${row.bodyCode}: ${changes.map((f) => f.field).join(', ')}`,
        facts: { body: row.bodyCode },
        fields: changes,
      })),
    ...plan.people.map(({ row, changes }) => ({
      label: 'changed' as const,
      row: row.row,
      key: row.officialId,
      name: name(row),
      details: changes.map((f) => f.field).join(', '),
      facts: {},
      fields: changes,
    })),
    ...plan.ended.map(({ seat, termEnd }) => ({
      label: 'ended' as const,
      row: null,
      key: seat.officialId,
      name: seat.name,
      details: `${seat.bodyCode}: ${seat.role} ends ${termEnd} (not in the file)`,
      facts: { body: seat.bodyCode, role: seat.role, termEnd },
      fields: [],
    })),
  ];
}

export function seatsCounts(plan: SeatsPlan) {
  return {
    created: plan.created.length,
    updated: plan.changed.length + plan.people.length,
    unchanged: plan.unchanged,
    ended: plan.ended.length,
  };
}

/** Writes a roster plan: people first (new, or matched and updated), then seats. */
export async function applySeatsPlan(
  trx: Tx,
  tenantId: TenantId,
  plan: SeatsPlan,
  bodyIds: ReadonlyMap<string, string>,
): Promise<ChangeRecord[]> {
  const log = changeLog(trx, tenantId);
  const update = log.update;

  for (const { row, personId, changes: fields } of plan.people) {
    const before = Object.fromEntries(fields.map((f) => [f.field, f.before]));
    const after = Object.fromEntries(fields.map((f) => [f.field, f.after]));
    await update('person', personId, 'changed', row.row, before, after);
  }

  const newPeople = new Map<string, Record<string, unknown> & { id: string }>();
  const newSeats: Record<string, unknown>[] = [];
  for (const { row, personId } of plan.created) {
    let id = personId ?? newPeople.get(row.officialId)?.id;
    if (!id) {
      id = randomUUID();
      const person = {
        id,
        tenant_id: tenantId,
        official_number: row.officialId,
        first_name: row.firstName,
        last_name: row.lastName,
        email: row.email,
      };
      newPeople.set(row.officialId, person);
      log.created('person', person, 'created', row.row);
    }
    const seat = {
      id: randomUUID(),
      tenant_id: tenantId,
      person_id: id,
      body_id: bodyIds.get(row.bodyCode) ?? '',
      role: row.role,
      term_start: row.termStart,
      term_end: row.termEnd,
      party: row.party,
    };
    newSeats.push(seat);
    log.created('seat', seat, 'created', row.row);
  }
  await insertRows(trx, 'person', [...newPeople.values()]);
  await insertRows(trx, 'seat', newSeats);

  for (const { row, seat, changes: fields, partyChanged } of plan.changed) {
    const before: Record<string, unknown> = Object.fromEntries(
      fields.map((f) => [f.field, f.before]),
    );
    const after: Record<string, unknown> = Object.fromEntries(
      fields.map((f) => [f.field, f.after]),
    );
    if (partyChanged) {
      before.party = seat.party;
      after.party = row.party;
    }
    await update('seat', seat.id, 'changed', row.row, before, after);
  }

  for (const { seat, termEnd } of plan.ended) {
    await update('seat', seat.id, 'ended', null, { term_end: seat.termEnd }, { term_end: termEnd });
  }
  return log.finish();
}
