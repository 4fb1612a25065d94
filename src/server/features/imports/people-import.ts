import { randomUUID } from 'node:crypto';
import type { PlannedChange } from '../../../contracts/imports.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { FieldChange, PeoplePlan } from '../../../domain/imports/people.ts';
import { addDays } from '../../../domain/imports/values.ts';
import type { Tx } from '../../db/transaction.ts';
import { insertRows, updateRow, type ChangeRecord } from './repository.ts';

export function describePeoplePlan(plan: PeoplePlan): PlannedChange[] {
  const name = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;
  return [
    ...plan.joiners.map((j) => ({
      label: 'joiner' as const,
      row: j.row.row,
      key: j.row.employeeId,
      name: name(j.row),
      details: `${j.row.unitCode}, ${j.row.title}, from ${j.startDate}${j.personId ? ' (known person)' : ''}`,
      fields: [],
    })),
    ...plan.movers.map((m) => ({
      label: 'mover' as const,
      row: m.row.row,
      key: m.row.employeeId,
      name: name(m.row),
      details: `${m.employment.unitCode}, ${m.employment.title} → ${m.row.unitCode}, ${m.row.title} from ${m.startDate}`,
      fields: m.personChanges,
    })),
    ...plan.changed.map((c) => ({
      label: 'changed' as const,
      row: c.row.row,
      key: c.row.employeeId,
      name: name(c.row),
      details: [...c.personChanges, ...c.employmentChanges].map((f) => f.field).join(', '),
      fields: [...c.personChanges, ...c.employmentChanges],
    })),
    ...plan.leavers.map((l) => ({
      label: 'leaver' as const,
      row: l.row,
      key: l.employeeId,
      name: l.name,
      details: `${l.employment.unitCode}, ends ${l.endDate}${l.reason === 'missing' ? ' (not in the file)' : ''}`,
      fields: [],
    })),
  ];
}

export function peopleCounts(plan: PeoplePlan) {
  return {
    created: plan.joiners.length,
    updated: plan.movers.length + plan.changed.length,
    unchanged: plan.unchanged,
    ended: plan.leavers.length,
  };
}

function columnsOf(changes: FieldChange[], unitIds: ReadonlyMap<string, string>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const change of changes) {
    const column = change.field === 'unit_code' ? 'unit_id' : change.field;
    const value = (v: FieldChange['before']) =>
      change.field === 'unit_code' && typeof v === 'string' ? (unitIds.get(v) ?? null) : v;
    before[column] = value(change.before);
    after[column] = value(change.after);
  }
  return { before, after };
}

/** Writes a people plan and returns the change list that history shows and undo reverses. */
export async function applyPeoplePlan(
  trx: Tx,
  tenantId: TenantId,
  plan: PeoplePlan,
  unitIds: ReadonlyMap<string, string>,
): Promise<ChangeRecord[]> {
  const changes: ChangeRecord[] = [];
  const newPeople: Record<string, unknown>[] = [];
  const newEmployments: Record<string, unknown>[] = [];
  const unitId = (code: string) => unitIds.get(code) ?? '';

  for (const joiner of plan.joiners) {
    const { row } = joiner;
    let personId = joiner.personId;
    if (!personId) {
      personId = randomUUID();
      const person = {
        id: personId,
        tenant_id: tenantId,
        employee_number: row.employeeId,
        first_name: row.firstName,
        last_name: row.lastName,
        email: row.email,
      };
      newPeople.push(person);
      changes.push({
        entity: 'person',
        entityId: personId,
        action: 'create',
        label: 'joiner',
        row: row.row,
        before: null,
        after: person,
      });
    } else {
      // A known person (an elected official matched on e-mail, or a returning employee) keeps one record.
      await updateRow(trx, tenantId, 'person', personId, { employee_number: row.employeeId });
      changes.push({
        entity: 'person',
        entityId: personId,
        action: 'update',
        label: 'joiner',
        row: row.row,
        before: { employee_number: null },
        after: { employee_number: row.employeeId },
      });
    }
    const employment = {
      id: randomUUID(),
      tenant_id: tenantId,
      person_id: personId,
      unit_id: unitId(row.unitCode),
      title: row.title,
      is_manager: row.isManager,
      employment_form: row.employmentForm,
      start_date: joiner.startDate,
      end_date: row.endDate,
    };
    newEmployments.push(employment);
    changes.push({
      entity: 'employment',
      entityId: employment.id,
      action: 'create',
      label: 'joiner',
      row: row.row,
      before: null,
      after: employment,
    });
  }

  for (const mover of plan.movers) {
    const { row } = mover;
    const endDate = addDays(mover.startDate, -1);
    await updateRow(trx, tenantId, 'employment', mover.employment.id, { end_date: endDate });
    changes.push({
      entity: 'employment',
      entityId: mover.employment.id,
      action: 'update',
      label: 'mover',
      row: row.row,
      before: { end_date: mover.employment.endDate },
      after: { end_date: endDate },
    });
    const employment = {
      id: randomUUID(),
      tenant_id: tenantId,
      person_id: mover.personId,
      unit_id: unitId(row.unitCode),
      title: row.title,
      is_manager: row.isManager,
      employment_form: row.employmentForm ?? mover.employment.employmentForm,
      start_date: mover.startDate,
      end_date: row.endDate,
    };
    newEmployments.push(employment);
    changes.push({
      entity: 'employment',
      entityId: employment.id,
      action: 'create',
      label: 'mover',
      row: row.row,
      before: null,
      after: employment,
    });
    if (mover.personChanges.length) {
      const { before, after } = columnsOf(mover.personChanges, unitIds);
      await updateRow(trx, tenantId, 'person', mover.personId, after);
      changes.push({
        entity: 'person',
        entityId: mover.personId,
        action: 'update',
        label: 'mover',
        row: row.row,
        before,
        after,
      });
    }
  }

  for (const changed of plan.changed) {
    if (changed.personChanges.length) {
      const { before, after } = columnsOf(changed.personChanges, unitIds);
      await updateRow(trx, tenantId, 'person', changed.personId, after);
      changes.push({
        entity: 'person',
        entityId: changed.personId,
        action: 'update',
        label: 'changed',
        row: changed.row.row,
        before,
        after,
      });
    }
    if (changed.employmentChanges.length && changed.employmentId) {
      const { before, after } = columnsOf(changed.employmentChanges, unitIds);
      await updateRow(trx, tenantId, 'employment', changed.employmentId, after);
      changes.push({
        entity: 'employment',
        entityId: changed.employmentId,
        action: 'update',
        label: 'changed',
        row: changed.row.row,
        before,
        after,
      });
    }
  }

  for (const leaver of plan.leavers) {
    await updateRow(trx, tenantId, 'employment', leaver.employment.id, {
      end_date: leaver.endDate,
    });
    changes.push({
      entity: 'employment',
      entityId: leaver.employment.id,
      action: 'update',
      label: 'leaver',
      row: leaver.row,
      before: { end_date: leaver.employment.endDate },
      after: { end_date: leaver.endDate },
    });
  }

  await insertRows(trx, 'person', newPeople);
  await insertRows(trx, 'employment', newEmployments);
  return changes;
}
