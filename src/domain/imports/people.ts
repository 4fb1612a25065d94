import { addDays } from '../dates.ts';
import { cellReader } from './cells.ts';
import { parseBoolean } from './values.ts';
import type { ProblemList } from './problems.ts';

/** One employment row of an HR export, checked and typed. */
export interface PersonRow {
  row: number;
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  unitCode: string;
  title: string;
  isManager: boolean;
  employmentForm: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** What Tryggve holds for one employee (matched on employee id), with the employment in force. */
export interface CurrentEmployee {
  personId: string;
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  employment: CurrentEmployment | null;
}

export interface CurrentEmployment {
  id: string;
  unitCode: string;
  title: string;
  isManager: boolean;
  employmentForm: string | null;
  startDate: string;
  endDate: string | null;
}

export interface FieldChange {
  field: string;
  before: string | boolean | null;
  after: string | boolean | null;
}

export interface Joiner {
  row: PersonRow;
  /** Set when the person is known (a returning employee, or an elected official matched on e-mail). */
  personId: string | null;
  startDate: string;
}
export interface Mover {
  row: PersonRow;
  personId: string;
  employment: CurrentEmployment;
  /** The old employment ends the day before; the new one starts on the effective date. */
  startDate: string;
  personChanges: FieldChange[];
}
export interface Changed {
  row: PersonRow;
  personId: string;
  employmentId: string | null;
  personChanges: FieldChange[];
  employmentChanges: FieldChange[];
}
export interface Leaver {
  personId: string;
  employeeId: string;
  name: string;
  employment: CurrentEmployment;
  endDate: string;
  /** `missing`: absent from a full export; `end_date`: the file gives an end date that has passed. */
  reason: 'missing' | 'end_date';
  row: number | null;
}

export interface PeoplePlan {
  joiners: Joiner[];
  movers: Mover[];
  changed: Changed[];
  leavers: Leaver[];
  unchanged: number;
  /** Active employees before the import, and how many a full import would end (the guard). */
  activeBefore: number;
}

export interface PeopleOptions {
  /** `full`: the file is the whole workforce, and those missing from it leave. */
  mode: 'full' | 'partial';
  effectiveDate: string;
  knownUnitCodes: ReadonlySet<string>;
}

/** The share of active people a full import may end without explicit confirmation. */
export const LEAVER_GUARD_RATIO = 0.1;

type Cells = (field: string) => string;

/** Checks one record of the file; returns a typed row or adds its problems to `problems`. */
export function readPersonRow(
  row: number,
  cell: Cells,
  options: Pick<PeopleOptions, 'knownUnitCodes'>,
  problems: ProblemList,
): PersonRow | null {
  const read = cellReader(row, cell, problems);
  const employeeId = read.required('employee_id');
  const firstName = read.required('first_name');
  const lastName = read.required('last_name');
  const unitCode = read.required('unit_code');
  if (unitCode && !options.knownUnitCodes.has(unitCode)) {
    problems.add(row, 'unit_code', 'unknown_unit', { code: unitCode });
  }
  read.garbled(['first_name', 'last_name', 'title', 'unit_code']);
  const email = read.email('email');
  const manager = parseBoolean(cell('is_manager'));
  if (!manager.ok) problems.add(row, 'is_manager', manager.code, manager.params);
  const startDate = read.date('start_date');
  const endDate = read.date('end_date');
  if (startDate && endDate && endDate < startDate) {
    problems.add(row, 'end_date', 'ends_before_start', { start: startDate, end: endDate });
  }
  if (read.failed()) return null;
  return {
    row,
    employeeId,
    firstName,
    lastName,
    email,
    unitCode,
    title: read.text('title') || 'Medarbetare',
    isManager: manager.ok && manager.value,
    employmentForm: read.text('employment_form') || null,
    startDate,
    endDate,
  };
}

function changes(
  pairs: [string, string | boolean | null, string | boolean | null][],
): FieldChange[] {
  return pairs
    .filter(([, before, after]) => before !== after)
    .map(([field, before, after]) => ({ field, before, after }));
}

/**
 * The plan for an HR import: joiners, movers (unit or title), changed fields, leavers and the
 * unchanged count. Pure: the same rows and state give the same plan, and applying a plan and
 * planning the same file again gives an empty plan (re-import is idempotent).
 */
export function planPeople(
  rows: readonly PersonRow[],
  current: readonly CurrentEmployee[],
  options: PeopleOptions,
  officialsByEmail: ReadonlyMap<string, string> = new Map(),
): PeoplePlan {
  const byEmployeeId = new Map(current.map((c) => [c.employeeId, c]));
  const plan: PeoplePlan = {
    joiners: [],
    movers: [],
    changed: [],
    leavers: [],
    unchanged: 0,
    activeBefore: current.filter((c) => c.employment).length,
  };
  const seen = new Set<string>();
  const dayBefore = addDays(options.effectiveDate, -1);

  for (const row of rows) {
    seen.add(row.employeeId);
    const known = byEmployeeId.get(row.employeeId);
    const employment = known?.employment ?? null;
    const personChanges = known
      ? changes([
          ['first_name', known.firstName, row.firstName],
          ['last_name', known.lastName, row.lastName],
          ['email', known.email, row.email ?? known.email],
        ])
      : [];

    if (!known || !employment) {
      if (row.endDate && row.endDate < options.effectiveDate && !employment) {
        // Already gone before this import and not employed here: nothing to record.
        if (known) plan.unchanged += 1;
        else
          plan.joiners.push({
            row,
            personId: null,
            startDate: row.startDate ?? options.effectiveDate,
          });
        continue;
      }
      const personId =
        known?.personId ?? (row.email ? (officialsByEmail.get(row.email) ?? null) : null);
      plan.joiners.push({ row, personId, startDate: row.startDate ?? options.effectiveDate });
      continue;
    }

    const moved = employment.unitCode !== row.unitCode || employment.title !== row.title;
    if (moved && employment.startDate < options.effectiveDate) {
      plan.movers.push({
        row,
        personId: known.personId,
        employment,
        startDate: options.effectiveDate,
        personChanges,
      });
      continue;
    }
    const employmentChanges = changes([
      ['unit_code', employment.unitCode, row.unitCode],
      ['title', employment.title, row.title],
      ['is_manager', employment.isManager, row.isManager],
      [
        'employment_form',
        employment.employmentForm,
        row.employmentForm ?? employment.employmentForm,
      ],
      ['end_date', employment.endDate, row.endDate],
    ]);
    if (row.endDate && row.endDate < options.effectiveDate && employment.endDate !== row.endDate) {
      plan.leavers.push({
        personId: known.personId,
        employeeId: known.employeeId,
        name: `${row.firstName} ${row.lastName}`,
        employment,
        endDate: row.endDate < employment.startDate ? employment.startDate : row.endDate,
        reason: 'end_date',
        row: row.row,
      });
      continue;
    }
    if (personChanges.length || employmentChanges.length) {
      plan.changed.push({
        row,
        personId: known.personId,
        employmentId: employment.id,
        personChanges,
        employmentChanges,
      });
    } else {
      plan.unchanged += 1;
    }
  }

  if (options.mode === 'full') {
    for (const person of current) {
      if (seen.has(person.employeeId) || !person.employment) continue;
      plan.leavers.push({
        personId: person.personId,
        employeeId: person.employeeId,
        name: `${person.firstName} ${person.lastName}`,
        employment: person.employment,
        endDate: dayBefore < person.employment.startDate ? person.employment.startDate : dayBefore,
        reason: 'missing',
        row: null,
      });
    }
  }
  return plan;
}

/** Would this full import end more of the active workforce than a normal month does? */
export function leaverGuard(plan: PeoplePlan): {
  leaving: number;
  active: number;
  blocked: boolean;
} {
  const leaving = plan.leavers.filter((l) => l.reason === 'missing').length;
  return {
    leaving,
    active: plan.activeBefore,
    blocked: plan.activeBefore > 0 && leaving / plan.activeBefore > LEAVER_GUARD_RATIO,
  };
}
