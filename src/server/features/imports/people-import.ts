import { randomUUID } from 'node:crypto';
import type { PlannedChange } from '../../../contracts/imports.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { FieldChange, PeoplePlan, PersonRow } from '../../../domain/imports/people.ts';
import { addDays } from '../../../domain/dates.ts';
import type { Tx } from '../../db/transaction.ts';
import { changeLog, insertRows, type ChangeRecord } from './repository.ts';

export function describePeoplePlan(plan: PeoplePlan): PlannedChange[] {
  const name = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;
  return [
    ...plan.joiners.map((j) => ({
      label: 'joiner' as const,
      row: j.row.row,
      key: j.row.employeeId,
      name: name(j.row),
      details: `${j.row.unitCode}, ${j.row.title}, from ${j.startDate}${j.personId ? ' (known person)' : ''}`,
      facts: {
        unit: j.row.unitCode,
        title: j.row.title,
        startDate: j.startDate,
        knownPerson: j.personId !== null,
      },
      fields: [],
    })),
    ...plan.movers.map((m) => ({
      label: 'mover' as const,
      row: m.row.row,
      key: m.row.employeeId,
      name: name(m.row),
      details: `${m.employment.unitCode}, ${m.employment.title} → ${m.row.unitCode}, ${m.row.title} from ${m.startDate}`,
      facts: {
        fromUnit: m.employment.unitCode,
        fromTitle: m.employment.title,
        toUnit: m.row.unitCode,
        toTitle: m.row.title,
        startDate: m.startDate,
      },
      fields: m.personChanges,
    })),
    ...plan.changed.map((c) => ({
      label: 'changed' as const,
      row: c.row.row,
      key: c.row.employeeId,
      name: name(c.row),
      details: [...c.personChanges, ...c.employmentChanges].map((f) => f.field).join(', '),
      facts: {},
      fields: [...c.personChanges, ...c.employmentChanges],
    })),
    ...plan.leavers.map((l) => ({
      label: 'leaver' as const,
      row: l.row,
      key: l.employeeId,
      name: l.name,
      details: `${l.employment.unitCode}, ends ${l.endDate}${l.reason === 'missing' ? ' (not in the file)' : ''}`,
      facts: { unit: l.employment.unitCode, endDate: l.endDate, missing: l.reason === 'missing' },
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
  const log = changeLog(trx, tenantId);
  const inserts = {
    person: [] as Record<string, unknown>[],
    employment: [] as Record<string, unknown>[],
  };
  const create = (
    entity: 'person' | 'employment',
    values: { id: string } & Record<string, unknown>,
    label: string,
    row: number,
  ) => {
    inserts[entity].push(values);
    log.created(entity, values, label, row);
  };
  const update = log.update;
  const employment = (
    personId: string,
    row: PersonRow,
    startDate: string,
    form: string | null,
  ) => ({
    id: randomUUID(),
    tenant_id: tenantId,
    person_id: personId,
    unit_id: unitIds.get(row.unitCode) ?? '',
    title: row.title,
    is_manager: row.isManager,
    employment_form: form,
    start_date: startDate,
    end_date: row.endDate,
  });

  for (const joiner of plan.joiners) {
    const { row } = joiner;
    let personId = joiner.personId;
    if (personId) {
      // A known person (an elected official matched on e-mail, or a returning employee) keeps one record.
      await update(
        'person',
        personId,
        'joiner',
        row.row,
        { employee_number: null },
        { employee_number: row.employeeId },
      );
    } else {
      personId = randomUUID();
      const person = {
        id: personId,
        tenant_id: tenantId,
        employee_number: row.employeeId,
        first_name: row.firstName,
        last_name: row.lastName,
        email: row.email,
      };
      create('person', person, 'joiner', row.row);
    }
    create(
      'employment',
      employment(personId, row, joiner.startDate, row.employmentForm),
      'joiner',
      row.row,
    );
  }

  for (const mover of plan.movers) {
    const { row } = mover;
    const endDate = addDays(mover.startDate, -1);
    await update(
      'employment',
      mover.employment.id,
      'mover',
      row.row,
      { end_date: mover.employment.endDate },
      { end_date: endDate },
    );
    const form = row.employmentForm ?? mover.employment.employmentForm;
    create('employment', employment(mover.personId, row, mover.startDate, form), 'mover', row.row);
    if (mover.personChanges.length) {
      const { before, after } = columnsOf(mover.personChanges, unitIds);
      await update('person', mover.personId, 'mover', row.row, before, after);
    }
  }

  for (const changed of plan.changed) {
    if (changed.personChanges.length) {
      const { before, after } = columnsOf(changed.personChanges, unitIds);
      await update('person', changed.personId, 'changed', changed.row.row, before, after);
    }
    if (changed.employmentChanges.length && changed.employmentId) {
      const { before, after } = columnsOf(changed.employmentChanges, unitIds);
      await update('employment', changed.employmentId, 'changed', changed.row.row, before, after);
    }
  }

  for (const leaver of plan.leavers) {
    await update(
      'employment',
      leaver.employment.id,
      'leaver',
      leaver.row,
      { end_date: leaver.employment.endDate },
      { end_date: leaver.endDate },
    );
  }

  await insertRows(trx, 'person', inserts.person);
  await insertRows(trx, 'employment', inserts.employment);
  return log.finish();
}
