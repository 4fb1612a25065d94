import type { ProblemList } from './problems.ts';
import { addDays } from '../dates.ts';
import { cellReader } from './cells.ts';
import type { FieldChange } from './people.ts';

export type UnitKindValue = 'municipality' | 'office' | 'department' | 'unit';

export interface UnitRow {
  row: number;
  code: string;
  name: string;
  parentCode: string | null;
  kind: UnitKindValue;
}

export interface CurrentUnit {
  id: string;
  code: string;
  name: string;
  parentCode: string | null;
  kind: UnitKindValue;
  validTo: string | null;
  activeStaff: number;
}

const KINDS: Record<string, UnitKindValue> = {
  kommun: 'municipality',
  municipality: 'municipality',
  förvaltning: 'office',
  forvaltning: 'office',
  kontor: 'office',
  office: 'office',
  avdelning: 'department',
  verksamhet: 'department',
  department: 'department',
  enhet: 'unit',
  unit: 'unit',
  '': 'unit',
};

export function readUnitRow(
  row: number,
  cell: (field: string) => string,
  problems: ProblemList,
): UnitRow | null {
  const read = cellReader(row, cell, problems);
  const code = read.required('code');
  const name = read.required('name');
  read.garbled(['name']);
  const kind = KINDS[read.text('kind').toLocaleLowerCase('sv')];
  if (!kind) problems.add(row, 'kind', 'unit_kind', { value: cell('kind') });
  if (read.failed() || !kind) return null;
  return { row, code, name, parentCode: read.text('parent_code') || null, kind };
}

export interface UnitsPlan {
  created: UnitRow[];
  changed: { row: UnitRow; unit: CurrentUnit; changes: FieldChange[] }[];
  closed: { unit: CurrentUnit; validTo: string }[];
  /** Units a full import would close but that still have staff or open sub-units. */
  keptOpen: { unit: CurrentUnit; reason: string }[];
  unchanged: number;
}

/**
 * Plans a units import. A row without a parent hangs under the municipality (the root);
 * a parent must exist in the file or in Tryggve; no unit may become its own ancestor.
 */
export function planUnits(
  rows: readonly UnitRow[],
  current: readonly CurrentUnit[],
  options: { mode: 'full' | 'partial'; effectiveDate: string; rootCode: string },
  problems: ProblemList,
): UnitsPlan {
  const byCode = new Map(current.map((u) => [u.code, u]));
  const fileCodes = new Map(rows.map((r) => [r.code, r]));
  const parentOf = new Map<string, string | null>(current.map((u) => [u.code, u.parentCode]));
  for (const row of rows) {
    if (row.code === options.rootCode) continue;
    const parent = row.parentCode ?? options.rootCode;
    if (!fileCodes.has(parent) && !byCode.has(parent)) {
      problems.add(row.row, 'parent_code', 'parent_missing', { code: parent });
    }
    parentOf.set(row.code, parent);
  }
  for (const row of rows) {
    const chain = [row.code];
    for (let code = parentOf.get(row.code); code; code = parentOf.get(code) ?? null) {
      chain.push(code);
      if (code === row.code) {
        problems.add(row.row, 'parent_code', 'parent_cycle', { codes: chain.join(' → ') });
        break;
      }
      if (chain.length > 64) break;
    }
  }

  const plan: UnitsPlan = { created: [], changed: [], closed: [], keptOpen: [], unchanged: 0 };
  for (const row of rows) {
    const unit = byCode.get(row.code);
    const parentCode = row.code === options.rootCode ? null : (row.parentCode ?? options.rootCode);
    if (!unit) {
      plan.created.push({ ...row, parentCode });
      continue;
    }
    const changes: FieldChange[] = [];
    if (unit.name !== row.name) changes.push({ field: 'name', before: unit.name, after: row.name });
    if (unit.parentCode !== parentCode)
      changes.push({ field: 'parent_code', before: unit.parentCode, after: parentCode });
    if (unit.kind !== row.kind && row.code !== options.rootCode)
      changes.push({ field: 'kind', before: unit.kind, after: row.kind });
    if (unit.validTo !== null)
      changes.push({ field: 'valid_to', before: unit.validTo, after: null });
    if (changes.length) plan.changed.push({ row: { ...row, parentCode }, unit, changes });
    else plan.unchanged += 1;
  }

  if (options.mode === 'full') {
    const parentsInFile = new Set(rows.map((r) => parentOf.get(r.code)));
    for (const unit of current) {
      if (fileCodes.has(unit.code) || unit.code === options.rootCode || unit.validTo !== null)
        continue;
      if (unit.activeStaff > 0) {
        plan.keptOpen.push({ unit, reason: `${unit.activeStaff} active employments` });
      } else if (parentsInFile.has(unit.code)) {
        plan.keptOpen.push({ unit, reason: 'units in the file still belong to it' });
      } else {
        plan.closed.push({ unit, validTo: addDays(options.effectiveDate, -1) });
      }
    }
  }
  return plan;
}
