import { randomUUID } from 'node:crypto';
import type { PlannedChange } from '../../../contracts/imports.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { UnitsPlan } from '../../../domain/imports/units.ts';
import type { Tx } from '../../db/transaction.ts';
import { changeLog, insertRows, type ChangeRecord } from './repository.ts';

export function describeUnitsPlan(plan: UnitsPlan): PlannedChange[] {
  return [
    ...plan.created.map((u) => ({
      label: 'created' as const,
      row: u.row,
      key: u.code,
      name: u.name,
      details: `${u.kind} under ${u.parentCode ?? '—'}`,
      facts: { kind: u.kind, parent: u.parentCode },
      fields: [],
    })),
    ...plan.changed.map((c) => ({
      label: 'changed' as const,
      row: c.row.row,
      key: c.unit.code,
      name: c.row.name,
      details: c.changes.map((f) => f.field).join(', '),
      facts: {},
      fields: c.changes,
    })),
    ...plan.closed.map((c) => ({
      label: 'closed' as const,
      row: null,
      key: c.unit.code,
      name: c.unit.name,
      details: `closed from ${c.validTo} (not in the file)`,
      facts: { validTo: c.validTo },
      fields: [],
    })),
    ...plan.keptOpen.map((k) => ({
      label: 'kept_open' as const,
      row: null,
      key: k.unit.code,
      name: k.unit.name,
      details: `not in the file but kept open: ${k.reason}`,
      facts: { staff: k.unit.activeStaff },
      fields: [],
    })),
  ];
}

export function unitsCounts(plan: UnitsPlan) {
  return {
    created: plan.created.length,
    updated: plan.changed.length,
    unchanged: plan.unchanged,
    ended: plan.closed.length,
  };
}

/** Writes a units plan: new units parents first, then renames and moves, then closures. */
export async function applyUnitsPlan(
  trx: Tx,
  tenantId: TenantId,
  plan: UnitsPlan,
  unitIds: Map<string, string>,
  effectiveDate: string,
): Promise<ChangeRecord[]> {
  const log = changeLog(trx, tenantId);
  const pending = [...plan.created];
  for (const unit of pending) unitIds.set(unit.code, randomUUID());
  const inserted = new Set<string>();
  const rows: Record<string, unknown>[] = [];
  // Parents before children: repeat until every new unit whose parent exists is placed.
  while (pending.length) {
    const ready = pending.filter(
      (u) =>
        !u.parentCode ||
        !pending.some((p) => p.code === u.parentCode) ||
        inserted.has(u.parentCode),
    );
    if (ready.length === 0)
      throw new Error('cycle among new units (the plan should have rejected it)');
    for (const unit of ready) {
      const values = {
        id: unitIds.get(unit.code) ?? '',
        tenant_id: tenantId,
        parent_id: unit.parentCode ? (unitIds.get(unit.parentCode) ?? null) : null,
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        valid_from: effectiveDate,
      };
      rows.push(values);
      inserted.add(unit.code);
      pending.splice(pending.indexOf(unit), 1);
      log.created('unit', values, 'created', unit.row);
    }
  }
  await insertRows(trx, 'unit', rows);

  for (const { unit, changes: fields, row } of plan.changed) {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of fields) {
      const column = field.field === 'parent_code' ? 'parent_id' : field.field;
      const id = (code: unknown) => (typeof code === 'string' ? (unitIds.get(code) ?? null) : null);
      before[column] = field.field === 'parent_code' ? id(field.before) : field.before;
      after[column] = field.field === 'parent_code' ? id(field.after) : field.after;
    }
    await log.update('unit', unit.id, 'changed', row.row, before, after);
  }

  for (const { unit, validTo } of plan.closed) {
    await log.update(
      'unit',
      unit.id,
      'closed',
      null,
      { valid_to: unit.validTo },
      { valid_to: validTo },
    );
  }
  return log.finish();
}
